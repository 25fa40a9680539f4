# Shared pieces of the hardening scripts: starting a leads-server binary on a temporary
# database with the demo fixtures (passwords hashed cheaply at start-up), reading its
# memory and descriptor counts from /proc, and a small HTTP/1.1 client for asyncio
# streams. Standard library only; every server listens on 127.0.0.1 and is stopped by the
# script that started it.

import asyncio
import base64
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
DEMO_FIXTURES = REPOSITORY / "config" / "demo-fixtures.json"
ADDRESS_PATTERN = re.compile(rb"http\.address=127\.0\.0\.1:(\d+)")
ORGANISATION_PATH = "/api/v1.0/organisation/org-demo/leads/"
GLOBEX_PATH = "/api/v1.0/organisation/org-globex/leads/"


def basic_authorization(username, password):
    """The value of an Authorization header for HTTP Basic authentication."""
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return f"Basic {token}"


def demo_lead_ids(organisation="org-demo"):
    """The unique_id of every demo lead of one organisation."""
    document = json.loads(DEMO_FIXTURES.read_text())
    return [
        lead["unique_id"]
        for lead in document["leads"]
        if lead["organisation"] == organisation
    ]


def write_demo_fixtures(path):
    """Writes the demo fixtures with plain passwords (<username>-pass) instead of the
    stored 870,000-iteration hashes, so the server hashes them with the iteration count
    it is started with and the first request of each user stays cheap."""
    document = json.loads(DEMO_FIXTURES.read_text())
    for person in document["people"]:
        person.pop("password_hash", None)
        person["password"] = f"{person['username']}-pass"
    Path(path).write_text(json.dumps(document))


def raise_open_file_limit(wanted):
    """Raises this process's soft descriptor limit towards `wanted` (up to the hard
    limit) and returns the new soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


class Server:
    """A leads-server child process on a temporary directory; stderr goes to a file so a
    busy server never blocks on a full pipe."""

    def __init__(
        self, binary, extra_arguments=(), admin_token=None, environment=None, database=None
    ):
        self.directory = tempfile.mkdtemp(prefix="leads-hardening.")
        self.database = database or os.path.join(self.directory, "leads.sqlite3")
        self.fixtures = os.path.join(self.directory, "fixtures.json")
        self.log_path = os.path.join(self.directory, "server.log")
        write_demo_fixtures(self.fixtures)
        arguments = [
            os.path.abspath(binary), "serve", "--host", "127.0.0.1", "--port", "0",
            "--database", self.database, "--fixtures", self.fixtures,
            "--password-iterations", "1000",
        ]
        if admin_token is not None:
            arguments += ["--admin-api", "on", "--admin-token", admin_token]
        arguments += list(extra_arguments)
        inherited = {
            key: value for key, value in os.environ.items()
            if not key.startswith("LEADS_SERVER_")
        }
        inherited.update(environment or {})
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            arguments, cwd=self.directory, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=self.log, env=inherited,
        )
        self.port = self._wait_for_port()

    def _wait_for_port(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = ADDRESS_PATTERN.search(Path(self.log_path).read_bytes())
            if match:
                return int(match.group(1))
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"server did not start; log:\n{self.log_tail()}")

    @property
    def pid(self):
        return self.process.pid

    def is_running(self):
        return self.process.poll() is None

    def rss_kilobytes(self):
        """The resident set size from /proc/<pid>/status (VmRSS), in kB."""
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmRSS line")

    def descriptor_count(self):
        """How many descriptors the server holds open (/proc/<pid>/fd)."""
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def socket_count(self):
        """How many of the open descriptors are sockets."""
        count = 0
        for name in os.listdir(f"/proc/{self.pid}/fd"):
            try:
                if os.readlink(f"/proc/{self.pid}/fd/{name}").startswith("socket:"):
                    count += 1
            except OSError:
                pass
        return count

    def thread_count(self):
        """How many threads the server runs (/proc/<pid>/status Threads)."""
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
        return 0

    def log_tail(self, characters=3000):
        self.log.flush()
        return Path(self.log_path).read_bytes()[-characters:].decode(errors="replace")

    def log_lines_at_levels(self, levels=(" error ", " critical ", " warning ")):
        """Log lines at the given levels, for the summary of a failed run."""
        text = Path(self.log_path).read_bytes().decode(errors="replace")
        return [line for line in text.splitlines() if any(level in line for level in levels)]

    def stop(self):
        """SIGTERM, then SIGKILL if the server does not stop within 20 s; removes the
        temporary directory. Returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.directory, ignore_errors=True)
        return self.process.returncode


def request_bytes(method, path, headers=(), body=b""):
    """One HTTP/1.1 request with Host and, when there is a body or the method sends one,
    Content-Length."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{name}: {value}" for name, value in headers]
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class Response:
    """A parsed response: status, lower-cased header names and the body."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def closes(self):
        return "close" in self.headers.get("connection", "").lower()


async def read_response(reader):
    """Reads one response with a Content-Length body (the server always sends one).
    Raises asyncio.IncompleteReadError when the server closes the connection first."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    body = await reader.readexactly(length) if length else b""
    return Response(status, headers, body)


def blocking_request(port, method, path, headers=(), body=b"", timeout=10):
    """One request on a new connection with blocking sockets; returns the Response."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(request_bytes(method, path, list(headers) + [
            ("Connection", "close")
        ], body))
        received = b""
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
    head, _, rest = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers_found = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers_found[name.strip().lower()] = value.strip()
    return Response(int(lines[0].split(" ", 2)[1]), headers_found, rest)


def percentile(sorted_values, fraction):
    """The value below which `fraction` of the sorted values fall (nearest rank)."""
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, int(round(fraction * len(sorted_values))) - 1))
    return sorted_values[index]


def milliseconds(seconds):
    return f"{seconds * 1000:.1f} ms"


def megabytes(kilobytes):
    return f"{kilobytes / 1024:.1f} MB"


def run(coroutine):
    """Runs the script's main coroutine and turns its result into an exit status."""
    return 0 if asyncio.run(coroutine) else 1
