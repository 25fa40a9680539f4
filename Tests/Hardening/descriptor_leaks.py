#!/usr/bin/env python3
# Descriptor and memory leaks: starts a leads-server binary with --idle-timeout 2, loads
# 2,000 extra leads into org-demo through the admin fixtures endpoint (so the lead list
# is a response of about a megabyte), counts the server's descriptors (/proc/<pid>/fd)
# and reads its VmRSS, then sends rounds of clients that misbehave:
#   - close (FIN, or RST with SO_LINGER 0) after half a request head or half a body;
#   - close after reading a few bytes of the big list response, mostly with a reset;
#   - send 100 pipelined requests in one write and close without reading;
#   - connect and send nothing, or finish a request and leave the connection idle.
# One round warms up; after each later round and the idle timeout, the descriptor count
# must be back to the count after the warm-up (+-2) and the server must answer /healthz.
# RSS is compared from the end of the first measured round on, when the dispatch threads
# have grown to what full concurrency needs (the warm-up does not always get there):
# memory kept per connection would grow round after round, by megabytes a round (400
# connections, 80 of them reading a megabyte list), while the allocator's own variation
# stays within the bound. The server runs with MALLOC_ARENA_MAX=1 unless
# --malloc-arenas says otherwise (0: glibc's default): with one malloc arena per busy
# thread, glibc keeps freed megabyte-sized lists in arenas that later requests may not
# reuse, and RSS then drifts by tens of megabytes from round to round with no leak at all.
# Usage: descriptor_leaks.py PATH-TO-leads-server [--rounds 5] [--per-scenario 40]

import argparse
import asyncio
import concurrent.futures
import json
import socket
import struct
import sys
import time

import harness

ADMIN_TOKEN = "hardening-admin-token"
IDLE_TIMEOUT = 2
BULK_LEADS = 2000
SETTLE_LIMIT = 30


def connect(port):
    connection = socket.create_connection(("127.0.0.1", port), timeout=10)
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return connection


def close(connection, reset):
    """Closes with FIN, or with RST when `reset` (SO_LINGER on with a zero timeout)."""
    if reset:
        connection.setsockopt(
            socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
        )
    connection.close()


def half_head(port, authorization, reset):
    head = harness.request_bytes(
        "GET", f"{harness.ORGANISATION_PATH}lead-001/", [("Authorization", authorization)]
    )
    connection = connect(port)
    connection.sendall(head[: len(head) // 2])
    time.sleep(0.01)
    close(connection, reset)


def half_body(port, authorization, reset):
    body = b'{"title":"Never finished","lead_source":"website","sales_stage":"stage-new"}'
    request = harness.request_bytes(
        "POST", f"{harness.ORGANISATION_PATH}create/",
        [("Authorization", authorization), ("Content-Type", "application/json")], body,
    )
    connection = connect(port)
    connection.sendall(request[: len(request) - len(body) // 2])
    time.sleep(0.01)
    close(connection, reset)


def mid_response(port, authorization, reset):
    connection = connect(port)
    connection.sendall(harness.request_bytes(
        "GET", harness.ORGANISATION_PATH, [("Authorization", authorization)]
    ))
    received = connection.recv(64)
    if not received.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"list answered {received[:40]!r}")
    close(connection, reset)


def pipelined_flood(port, authorization, reset):
    request = harness.request_bytes(
        "GET", f"{harness.ORGANISATION_PATH}lead-001/", [("Authorization", authorization)]
    )
    connection = connect(port)
    connection.sendall(request * 100)
    close(connection, reset)


def silent(port, authorization, reset):
    connection = connect(port)
    time.sleep(0.05)
    close(connection, reset)


def left_idle(port, authorization, reset):
    """Finishes one request and keeps the connection until the server closes it."""
    connection = connect(port)
    connection.sendall(harness.request_bytes("GET", "/healthz"))
    received = b""
    deadline = time.monotonic() + IDLE_TIMEOUT + 8
    while time.monotonic() < deadline:
        chunk = connection.recv(4096)
        if not chunk:
            break
        received += chunk
    if not received.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"healthz answered {received[:40]!r}")
    close(connection, reset)


SCENARIOS = [
    ("half head, FIN", half_head, False),
    ("half head, RST", half_head, True),
    ("half body, FIN", half_body, False),
    ("half body, RST", half_body, True),
    ("mid response, RST", mid_response, True),
    ("mid response, FIN", mid_response, False),
    ("pipelined flood, FIN", pipelined_flood, False),
    ("pipelined flood, RST", pipelined_flood, True),
    ("connect and close", silent, False),
    ("left idle", left_idle, False),
]


def run_round(port, authorization, per_scenario, pool):
    """Runs every scenario `per_scenario` times, all interleaved; returns client errors."""
    jobs = []
    for _ in range(per_scenario):
        for name, scenario, reset in SCENARIOS:
            jobs.append((name, pool.submit(scenario, port, authorization, reset)))
    errors = []
    for name, job in jobs:
        try:
            job.result(timeout=60)
        except Exception as error:  # noqa: BLE001 - every client error is reported
            errors.append(f"{name}: {error.__class__.__name__}: {error}")
    return errors


def load_bulk_leads(port):
    leads = [
        {
            "organisation": "org-demo", "unique_id": f"bulk-{number:04d}",
            "title": f"Bulk lead {number}", "lead_source": "website",
            "sales_stage": "stage-new", "description": "Loaded to make the list large.",
        }
        for number in range(1, BULK_LEADS + 1)
    ]
    body = json.dumps({"leads": leads}).encode()
    return harness.blocking_request(
        port, "POST", "/__admin/fixtures",
        [("Authorization", f"Bearer {ADMIN_TOKEN}"), ("Content-Type", "application/json")],
        body, timeout=120,
    )


def settle(server, baseline):
    """Waits (at most SETTLE_LIMIT seconds) for the descriptor count to come back down
    to the baseline; returns the last count and how long it took."""
    started = time.monotonic()
    count = server.descriptor_count()
    while time.monotonic() - started < SETTLE_LIMIT:
        count = server.descriptor_count()
        if count <= baseline:
            break
        time.sleep(0.25)
    return count, time.monotonic() - started


async def main():
    parser = argparse.ArgumentParser(description="Descriptor and memory leak checks.")
    parser.add_argument("binary")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--per-scenario", type=int, default=40)
    parser.add_argument("--growth-limit-mb", type=float, default=24)
    parser.add_argument("--malloc-arenas", type=int, default=1)
    options = parser.parse_args()
    harness.raise_open_file_limit(4096)

    server = harness.Server(
        options.binary,
        ["--idle-timeout", str(IDLE_TIMEOUT), "--header-timeout", "5", "--log-level", "info"],
        admin_token=ADMIN_TOKEN,
        environment=(
            {"MALLOC_ARENA_MAX": str(options.malloc_arenas)} if options.malloc_arenas else {}
        ),
    )
    print("malloc arenas: " + (str(options.malloc_arenas) if options.malloc_arenas
                               else "glibc default"))
    try:
        return await asyncio.to_thread(drive, server, options)
    finally:
        print(f"server exit status after SIGTERM: {server.stop()}")


def drive(server, options):
    authorization = harness.basic_authorization("alice", "alice-pass")
    loaded = load_bulk_leads(server.port)
    if loaded.status != 200:
        print(f"FAIL: admin fixtures answered {loaded.status}: {loaded.body[:200]!r}")
        return False
    listed = harness.blocking_request(
        server.port, "GET", harness.ORGANISATION_PATH, [("Authorization", authorization)]
    )
    print(f"lead list: {len(json.loads(listed.body))} leads, {len(listed.body)} bytes")

    # A first round warms up every path the scenarios use (lazily opened files, caches,
    # the allocator's per-thread arenas and the dispatch threads); leaks are then measured
    # from that steady state, where memory kept per connection would show as growth.
    rss_fresh = server.rss_kilobytes()
    with concurrent.futures.ThreadPoolExecutor(max_workers=64) as pool:
        warm_errors = run_round(server.port, authorization, options.per_scenario, pool)
    time.sleep(IDLE_TIMEOUT + 3)
    baseline = server.descriptor_count()
    baseline_sockets = server.socket_count()
    rss_baseline = server.rss_kilobytes()
    print(f"RSS before any client: {harness.megabytes(rss_fresh)}")
    print(f"baseline after a warm-up round: {baseline} descriptors ({baseline_sockets} "
          f"sockets), RSS {harness.megabytes(rss_baseline)}, threads {server.thread_count()}")

    failures = [f"warm-up: {error}" for error in warm_errors[:5]]
    rss_after_round = []
    peak_descriptors = baseline
    with concurrent.futures.ThreadPoolExecutor(max_workers=64) as pool:
        for number in range(1, options.rounds + 1):
            started = time.monotonic()
            errors = run_round(server.port, authorization, options.per_scenario, pool)
            peak_descriptors = max(peak_descriptors, server.descriptor_count())
            count, waited = settle(server, baseline)
            rss = server.rss_kilobytes()
            rss_after_round.append(rss)
            connections = options.per_scenario * len(SCENARIOS)
            print(f"round {number}: {connections} connections in "
                  f"{time.monotonic() - started - waited:.1f} s; descriptors back to {count} "
                  f"after {waited:.1f} s; RSS {harness.megabytes(rss)}; threads "
                  f"{server.thread_count()}; client errors {len(errors)}")
            failures += [f"round {number}: {error}" for error in errors[:5]]
            if not server.is_running():
                break

    alive = server.is_running()
    final = server.descriptor_count() if alive else -1
    final_sockets = server.socket_count() if alive else -1
    health = harness.blocking_request(server.port, "GET", "/healthz").status if alive else None
    # Growth is counted from the first measured round; at least two rounds are needed.
    rss_steady = rss_after_round[0] if rss_after_round else rss_baseline
    growth = (max(rss_after_round[1:]) - rss_steady) if len(rss_after_round) > 1 else 0
    print(f"descriptors: before {baseline}, peak {peak_descriptors}, after {final} "
          f"(sockets {baseline_sockets} -> {final_sockets})")
    print(f"RSS: after the warm-up {harness.megabytes(rss_baseline)}, after round 1 "
          f"{harness.megabytes(rss_steady)}, highest after a later round "
          f"{harness.megabytes(rss_steady + growth)} ({growth / 1024:+.1f} MB), after the "
          f"last round {harness.megabytes(rss_after_round[-1] if rss_after_round else 0)}")

    if not alive:
        failures.append(f"server died (exit status {server.process.returncode})")
    else:
        if abs(final - baseline) > 2:
            failures.append(f"descriptors did not return: {baseline} before, {final} after")
        if health != 200:
            failures.append(f"/healthz answered {health} after the rounds")
    if growth > options.growth_limit_mb * 1024:
        failures.append(f"RSS grew by {growth / 1024:.1f} MB after round 1 "
                        f"(limit {options.growth_limit_mb:g} MB)")
    for failure in failures:
        print(f"FAIL: {failure}")
    if failures:
        for line in server.log_lines_at_levels()[:20]:
            print(f"server log: {line}")
    print("descriptor_leaks: " + ("FAILED" if failures else "passed"))
    return not failures


if __name__ == "__main__":
    sys.exit(harness.run(main()))
