#!/usr/bin/env python3
# Load test: 1,000 concurrent keep-alive connections against a leads-server binary that
# this script starts on a temporary database with the demo fixtures. Each connection
# sends a realistic mix, one request at a time, for the whole run (30 s by default):
#   70% GET one lead of org-demo, 20% GET the org-demo list (48 leads),
#   10% writes: half PATCH a demo lead's description, half POST a new lead.
# New leads go to org-globex (as dave, a member of both organisations), so the list that
# 20% of the requests read keeps its size and the run measures the server, not a list
# growing for the length of the run.
# Fails (exit 1) on any 5xx or other unexpected status, any connection reset, closed or
# timed out by the server, a server that dies, or server memory (VmRSS) that passes the
# limit or keeps growing through the second half of the run.
# Usage: load_mix.py PATH-TO-leads-server [--duration 30] [--connections 1000]

import argparse
import asyncio
import itertools
import random
import sys
import time

import harness

USERS = [("alice", "alice-pass"), ("bob", "bob-pass"), ("dave", "dave-pass")]
CREATOR = harness.basic_authorization("dave", "dave-pass")
RESPONSE_TIMEOUT = 30


class Tally:
    """What every connection did, for the summary and the verdict."""

    def __init__(self):
        self.requests = 0
        self.by_kind = {"get": 0, "list": 0, "patch": 0, "create": 0}
        self.latencies = []
        self.unexpected_statuses = {}
        self.dropped = {}
        self.connections_opened = 0


def choose_request(rng, authorization, lead_ids, serial):
    """One request of the mix, with the status it must get."""
    draw = rng.random()
    if draw < 0.70:
        lead = rng.choice(lead_ids)
        return "get", harness.request_bytes(
            "GET", f"{harness.ORGANISATION_PATH}{lead}/", [("Authorization", authorization)]
        ), 200
    if draw < 0.90:
        return "list", harness.request_bytes(
            "GET", harness.ORGANISATION_PATH, [("Authorization", authorization)]
        ), 200
    headers = [("Authorization", authorization), ("Content-Type", "application/json")]
    if draw < 0.95:
        lead = rng.choice(lead_ids)
        body = f'{{"description":"load test update {serial}"}}'.encode()
        return "patch", harness.request_bytes(
            "PATCH", f"{harness.ORGANISATION_PATH}{lead}/update/", headers, body
        ), 200
    body = (
        f'{{"title":"Load test lead {serial}","lead_source":"website",'
        f'"sales_stage":"globex-stage-new"}}'
    ).encode()
    return "create", harness.request_bytes(
        "POST", f"{harness.GLOBEX_PATH}create/",
        [("Authorization", CREATOR), ("Content-Type", "application/json")], body,
    ), 201


async def connection_worker(number, port, deadline, lead_ids, tally, serials):
    """Keeps one connection busy until the deadline; a connection the server drops is
    counted and replaced, so the load stays at the same number of connections."""
    rng = random.Random(number)
    username, password = USERS[number % len(USERS)]
    authorization = harness.basic_authorization(username, password)
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError as error:
            tally.dropped[f"connect: {error.__class__.__name__}"] = (
                tally.dropped.get(f"connect: {error.__class__.__name__}", 0) + 1
            )
            await asyncio.sleep(0.5)
            continue
        tally.connections_opened += 1
        try:
            while time.monotonic() < deadline:
                kind, payload, expected = choose_request(
                    rng, authorization, lead_ids, next(serials)
                )
                started = time.perf_counter()
                writer.write(payload)
                response = await asyncio.wait_for(
                    harness.read_response(reader), RESPONSE_TIMEOUT
                )
                tally.latencies.append(time.perf_counter() - started)
                tally.requests += 1
                tally.by_kind[kind] += 1
                if response.status != expected:
                    key = f"{kind} {response.status}"
                    tally.unexpected_statuses[key] = tally.unexpected_statuses.get(key, 0) + 1
                if response.closes:
                    tally.dropped["Connection: close"] = (
                        tally.dropped.get("Connection: close", 0) + 1
                    )
                    break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.TimeoutError) as error:
            name = error.__class__.__name__
            tally.dropped[name] = tally.dropped.get(name, 0) + 1
        finally:
            writer.close()
            try:
                await writer.wait_closed()
            except (ConnectionError, OSError):
                pass


async def sample_memory(server, samples, stop):
    """Reads the server's VmRSS once a second until told to stop."""
    started = time.monotonic()
    while not stop.is_set():
        if not server.is_running():
            return
        samples.append((time.monotonic() - started, server.rss_kilobytes()))
        try:
            await asyncio.wait_for(stop.wait(), 1)
        except asyncio.TimeoutError:
            pass


def growth_in_second_half(samples):
    """Least-squares slope of RSS over the second half of the samples, times the length
    of that half: how much memory a steady climb would have added, in kB."""
    half = samples[len(samples) // 2:]
    if len(half) < 3:
        return 0.0
    times = [t for t, _ in half]
    values = [v for _, v in half]
    mean_time = sum(times) / len(times)
    mean_value = sum(values) / len(values)
    spread = sum((t - mean_time) ** 2 for t in times)
    if spread == 0:
        return 0.0
    slope = sum((t - mean_time) * (v - mean_value) for t, v in half) / spread
    return slope * (times[-1] - times[0])


async def main():
    parser = argparse.ArgumentParser(description="Mixed keep-alive load on leads-server.")
    parser.add_argument("binary")
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--rss-limit-mb", type=float, default=300)
    parser.add_argument("--growth-limit-mb", type=float, default=24)
    options = parser.parse_args()

    limit = harness.raise_open_file_limit(options.connections + 256)
    if limit < options.connections + 64:
        print(f"FAIL: descriptor limit {limit} is too low for {options.connections} "
              "connections")
        return False

    server = harness.Server(options.binary, ["--idle-timeout", "600", "--log-level", "info"])
    try:
        return await drive(server, options)
    finally:
        status = server.stop()
        print(f"server exit status after SIGTERM: {status}")


async def drive(server, options):
    lead_ids = harness.demo_lead_ids()
    warm = harness.blocking_request(
        server.port, "GET", harness.ORGANISATION_PATH,
        [("Authorization", harness.basic_authorization("alice", "alice-pass"))],
    )
    if warm.status != 200:
        print(f"FAIL: warm-up list answered {warm.status}")
        return False

    rss_start = server.rss_kilobytes()
    descriptors_start = server.descriptor_count()
    tally = Tally()
    samples = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_memory(server, samples, stop))
    started = time.monotonic()
    deadline = started + options.duration
    serials = itertools.count(1)
    workers = [
        asyncio.create_task(
            connection_worker(number, server.port, deadline, lead_ids, tally, serials)
        )
        for number in range(options.connections)
    ]
    await asyncio.gather(*workers)
    elapsed = time.monotonic() - started
    peak_threads = server.thread_count() if server.is_running() else 0
    stop.set()
    await sampler

    alive = server.is_running()
    health = None
    if alive:
        health = harness.blocking_request(server.port, "GET", "/healthz").status
    rss_end = server.rss_kilobytes() if alive else 0
    rss_peak = max([value for _, value in samples] + [rss_start, rss_end])
    growth = growth_in_second_half(samples)
    latencies = sorted(tally.latencies)

    print(f"connections: {options.connections} (opened {tally.connections_opened}), "
          f"duration {elapsed:.1f} s")
    print(f"requests: {tally.requests} ({tally.requests / elapsed:.0f}/s); by kind: "
          + ", ".join(f"{kind} {count}" for kind, count in tally.by_kind.items()))
    print(f"latency: p50 {harness.milliseconds(harness.percentile(latencies, 0.50))}, "
          f"p90 {harness.milliseconds(harness.percentile(latencies, 0.90))}, "
          f"p99 {harness.milliseconds(harness.percentile(latencies, 0.99))}, "
          f"max {harness.milliseconds(latencies[-1] if latencies else 0)}")
    print(f"unexpected statuses: {tally.unexpected_statuses or 'none'}")
    print(f"dropped connections: {tally.dropped or 'none'}")
    print(f"server RSS: start {harness.megabytes(rss_start)}, peak "
          f"{harness.megabytes(rss_peak)}, end {harness.megabytes(rss_end)}; "
          f"second-half trend {growth / 1024:+.1f} MB")
    print(f"server descriptors: start {descriptors_start}; threads at the end of the load "
          f"{peak_threads}")

    failures = []
    if not alive:
        failures.append(f"server died (exit status {server.process.returncode})")
    elif health != 200:
        failures.append(f"/healthz answered {health} after the run")
    server_errors = {k: v for k, v in tally.unexpected_statuses.items() if " 5" in k}
    if server_errors:
        failures.append(f"5xx responses: {server_errors}")
    if tally.unexpected_statuses:
        failures.append(f"unexpected statuses: {tally.unexpected_statuses}")
    if tally.dropped:
        failures.append(f"dropped connections: {tally.dropped}")
    if tally.requests == 0:
        failures.append("no request completed")
    if rss_peak > options.rss_limit_mb * 1024:
        failures.append(f"RSS peak {harness.megabytes(rss_peak)} over "
                        f"{options.rss_limit_mb:.0f} MB")
    if growth > options.growth_limit_mb * 1024:
        failures.append(f"RSS kept growing in the second half ({growth / 1024:+.1f} MB)")
    for failure in failures:
        print(f"FAIL: {failure}")
    if failures:
        for line in server.log_lines_at_levels()[:20]:
            print(f"server log: {line}")
    print("load_mix: " + ("FAILED" if failures else "passed"))
    return not failures


if __name__ == "__main__":
    sys.exit(harness.run(main()))
