# Storage outages: a database another process has locked, database files that have become
# read-only, and a disk that has filled up are answered 503 with a clear JSON body while
# they last; reads keep being served; the server recovers by itself once the cause is
# gone, and every write it acknowledged is still there after a restart, with
# `PRAGMA integrity_check` ok.
#
# Files become read-only with `chattr +i` (root, on ext4 and similar), because Linux will
# not remount a file system read-only while the server holds a file open for writing; the
# full disk is a small tmpfs, which needs root to mount. Where either is refused the
# script says so and checks the rest.
#
#   python3 Tests/Hardening/storage_outages.py PATH-TO-leads-server

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import harness

AUTHORIZATION = ("Authorization", harness.basic_authorization("alice", "alice-pass"))
CREATE_PATH = harness.ORGANISATION_PATH + "create/"
UNAVAILABLE_PREFIX = "The database is temporarily unavailable"


class Outcome:
    """Collects failed expectations so one run reports all of them."""

    def __init__(self):
        self.failures = []

    def expect(self, condition, message):
        if not condition:
            self.failures.append(message)
            print(f"  FAILED: {message}")
        return condition


def create(port, title, description=""):
    body = json.dumps({
        "title": title, "lead_source": "website", "sales_stage": "stage-new",
        "description": description,
    }).encode()
    return harness.blocking_request(
        port, "POST", CREATE_PATH,
        [AUTHORIZATION, ("Content-Type", "application/json")], body, timeout=30,
    )


def list_leads(port):
    return harness.blocking_request(port, "GET", harness.ORGANISATION_PATH, [AUTHORIZATION])


def expect_unavailable(outcome, response, what):
    detail = ""
    try:
        detail = json.loads(response.body).get("detail", "")
    except ValueError:
        pass
    outcome.expect(response.status == 503, f"{what}: status {response.status}, wanted 503")
    outcome.expect(
        detail.startswith(UNAVAILABLE_PREFIX), f"{what}: body {response.body[:200]!r}"
    )
    outcome.expect(
        response.headers.get("retry-after") == "1", f"{what}: no Retry-After header"
    )


def expect_created(outcome, response, what, acknowledged):
    if outcome.expect(response.status == 201, f"{what}: status {response.status}, wanted 201"):
        acknowledged.append(json.loads(response.body)["unique_id"])


def expect_all_there(outcome, binary, database, acknowledged, what):
    """Restarts the server on the same file and reads every acknowledged lead back."""
    server = harness.Server(binary, database=database)
    try:
        for unique_id in acknowledged:
            response = harness.blocking_request(
                server.port, "GET", harness.ORGANISATION_PATH + unique_id + "/",
                [AUTHORIZATION],
            )
            outcome.expect(response.status == 200, f"{what}: lead {unique_id} lost")
    finally:
        outcome.expect(server.stop() == 0, f"{what}: restarted server did not exit 0")
    connection = sqlite3.connect(database)
    try:
        verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()
    outcome.expect(verdict == "ok", f"{what}: integrity_check says {verdict}")
    print(f"  {len(acknowledged)} acknowledged leads present after a restart; "
          f"integrity_check {verdict}")


def check_locked_database(binary, outcome):
    print("-- a database locked by another process")
    directory = tempfile.mkdtemp(prefix="leads-locked.")
    database = os.path.join(directory, "leads.sqlite3")
    server = harness.Server(binary, database=database)
    acknowledged = []
    try:
        expect_created(outcome, create(server.port, "before the lock"), "before", acknowledged)

        locker = sqlite3.connect(database, timeout=0, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")
        locker.execute("CREATE TABLE IF NOT EXISTS outage_probe (x)")
        expect_unavailable(outcome, create(server.port, "during the lock"), "locked write")
        outcome.expect(list_leads(server.port).status == 200, "reads stop while locked")
        locker.execute("ROLLBACK")
        locker.close()

        expect_created(outcome, create(server.port, "after the lock"), "after", acknowledged)
        outcome.expect(server.is_running(), "server died during the lock")
        print("  locked: write answered 503, reads 200; after the lock: 201")
    finally:
        outcome.expect(server.stop() == 0, "server did not exit 0 after the lock check")
    expect_all_there(outcome, binary, database, acknowledged, "locked")
    shutil.rmtree(directory, ignore_errors=True)


def set_immutable(paths, immutable):
    flag = "+i" if immutable else "-i"
    result = subprocess.run(["chattr", flag, *paths], capture_output=True, text=True)
    return result.returncode == 0, result.stderr.strip()


def check_read_only_files(binary, outcome):
    print("-- database files that become read-only")
    directory = tempfile.mkdtemp(prefix="leads-read-only.")
    database = os.path.join(directory, "leads.sqlite3")
    files = [database, database + "-wal"]
    acknowledged = []
    server = harness.Server(binary, database=database)
    try:
        expect_created(outcome, create(server.port, "before"), "before read-only", acknowledged)

        changed, reason = set_immutable(files, True)
        if not changed:
            print(f"  read-only files: skipped, chattr +i refused ({reason})")
        else:
            try:
                expect_unavailable(outcome, create(server.port, "read-only"), "read-only write")
                outcome.expect(list_leads(server.port).status == 200, "reads stop, read-only")
            finally:
                set_immutable(files, False)
            expect_created(outcome, create(server.port, "after"), "after read-only", acknowledged)
            outcome.expect(server.is_running(), "server died on read-only files")
            print("  read-only: write answered 503, reads 200; writable again: 201")
    finally:
        outcome.expect(server.stop() == 0, "server did not exit 0 after the read-only check")
    expect_all_there(outcome, binary, database, acknowledged, "read-only")
    shutil.rmtree(directory, ignore_errors=True)


def mount_small_disk(directory, size):
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", directory],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        print(f"  full disk: skipped, cannot mount a tmpfs here ({result.stderr.strip()})")
        return False
    return True


def fill(directory):
    """Writes a filler file until the disk is full; returns its path."""
    path = os.path.join(directory, "filler")
    with open(path, "wb", buffering=0) as filler:
        block = b"\0" * 65536
        try:
            while True:
                filler.write(block)
        except OSError:
            pass
        try:
            while True:
                filler.write(b"\0" * 512)
        except OSError:
            pass
    return path


def check_full_disk(binary, outcome):
    print("-- a disk that fills up")
    mount_point = tempfile.mkdtemp(prefix="leads-small-disk.")
    if not mount_small_disk(mount_point, "16m"):
        os.rmdir(mount_point)
        return
    database = os.path.join(mount_point, "leads.sqlite3")
    acknowledged = []
    try:
        server = harness.Server(binary, database=database)
        try:
            expect_created(outcome, create(server.port, "before"), "before full", acknowledged)

            filler = fill(mount_point)
            large = "x" * 200_000
            refused = 0
            for attempt in range(5):
                response = create(server.port, f"while full {attempt}", large)
                if response.status == 201:
                    acknowledged.append(json.loads(response.body)["unique_id"])
                    continue
                expect_unavailable(outcome, response, "write on a full disk")
                refused += 1
            outcome.expect(refused > 0, "no write was refused on a full disk")
            outcome.expect(list_leads(server.port).status == 200, "reads stop on a full disk")

            os.remove(filler)
            expect_created(outcome, create(server.port, "after", large), "after", acknowledged)
            outcome.expect(server.is_running(), "server died on a full disk")
            print(f"  full: {refused} of 5 writes answered 503, reads 200; freed: 201")
        finally:
            outcome.expect(server.stop() == 0, "server did not exit 0 after the disk check")
        expect_all_there(outcome, binary, database, acknowledged, "full disk")
    finally:
        subprocess.run(["umount", mount_point], check=False)
        os.rmdir(mount_point)


def main():
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} PATH-TO-leads-server", file=sys.stderr)
        return 2
    binary = sys.argv[1]
    outcome = Outcome()
    check_locked_database(binary, outcome)
    check_read_only_files(binary, outcome)
    check_full_disk(binary, outcome)
    if outcome.failures:
        print(f"storage outages: {len(outcome.failures)} failed expectations")
        return 1
    print("storage outages: every expectation held")
    return 0


if __name__ == "__main__":
    sys.exit(main())
