# Contract tests: starts a leads-server binary on a temporary database with the demo
# fixtures and runs schemathesis against the schema that server serves at /api/schema/,
# with every check on, a fixed seed and a bounded number of examples per operation. The
# exit status is schemathesis's own: 0 only when no failure is left.
#
#   python3 Tests/Contract/run_contract.py PATH-TO-leads-server PATH-TO-schemathesis
#       [--seed N] [--max-examples N]

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "Hardening"))

import harness  # noqa: E402

# The Leads operations of the contract and the health check. The login pages need a CSRF
# token and the admin API a bearer token, neither of which a generator can produce;
# their own end-to-end tests cover them.
OPERATIONS = r"^/(api/v1\.0/|healthz$)"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("binary")
    parser.add_argument("schemathesis")
    parser.add_argument("--seed", default="20261204")
    parser.add_argument("--max-examples", default="100")
    arguments = parser.parse_args()

    # `Prefer: code=...` is documented in the schema, so a generator sends it; with the
    # header obeyed it would force the very 5xx answers the checks look for.
    server = harness.Server(arguments.binary, extra_arguments=["--prefer-header", "off"])
    try:
        environment = dict(os.environ)
        environment["PYTHONPATH"] = str(HERE)
        environment["SCHEMATHESIS_HOOKS"] = "backend_differences"
        command = [
            arguments.schemathesis,
            "--config-file", str(HERE / "schemathesis.toml"),
            "run", f"http://127.0.0.1:{server.port}/api/schema/",
            "--auth", "alice:alice-pass",
            "--checks", "all",
            "--seed", arguments.seed,
            "--max-examples", arguments.max_examples,
            "--workers", "2",
            "--include-path-regex", OPERATIONS,
            "--no-color",
        ]
        status = subprocess.call(command, env=environment, cwd=server.directory)
        if not server.is_running():
            print("the server died during the contract tests; log:", file=sys.stderr)
            print(server.log_tail(), file=sys.stderr)
            status = status or 1
        errors = [line for line in server.log_lines_at_levels((" error ", " critical "))]
        if errors:
            print("the server logged errors:", *errors[:20], sep="\n", file=sys.stderr)
            status = status or 1
    finally:
        server.stop()
    return status


if __name__ == "__main__":
    sys.exit(main())
