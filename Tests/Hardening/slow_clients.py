#!/usr/bin/env python3
# Slow clients: 500 connections send a request head one byte every 2 seconds (one in ten
# first completes a request on the same connection, so the header timeout must also hold
# between keep-alive requests), against a leads-server binary started by this script with
# --header-timeout 5. Meanwhile a normal client keeps making requests, each on a new
# connection and on one keep-alive connection, and times them.
# Fails (exit 1) when a normal request takes longer than 2 s or is not answered 200, when
# a slow connection is not closed by the server (408 or a plain close) within 10 s of its
# head starting, or when the server dies.
# Usage: slow_clients.py PATH-TO-leads-server [--connections 500] [--interval 2]

import argparse
import asyncio
import sys
import time

import harness

HEADER_TIMEOUT = 5
CLOSE_WITHIN = 10
NORMAL_LIMIT = 2.0
NORMAL_TARGET = 1.0


class SlowResult:
    """How one slow connection ended."""

    def __init__(self):
        self.closed_after = None
        self.status = None
        self.bytes_sent = 0
        self.error = None


async def slow_connection(number, port, interval, authorization, stop_at):
    """Trickles a request head and waits for the server to give up on it."""
    result = SlowResult()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError as error:
        result.error = f"connect: {error}"
        return result
    try:
        if number % 10 == 0:
            writer.write(harness.request_bytes("GET", "/healthz"))
            first = await asyncio.wait_for(harness.read_response(reader), 10)
            if first.status != 200:
                result.error = f"first request answered {first.status}"
                return result
        head = harness.request_bytes(
            "GET", f"{harness.ORGANISATION_PATH}lead-001/", [("Authorization", authorization)]
        )
        started = time.monotonic()
        received = b""
        for byte in head:
            try:
                writer.write(bytes([byte]))
                await writer.drain()
                result.bytes_sent += 1
            except ConnectionError:
                result.closed_after = time.monotonic() - started
                break
            try:
                chunk = await asyncio.wait_for(reader.read(4096), interval)
            except asyncio.TimeoutError:
                chunk = None
            except ConnectionError:
                result.closed_after = time.monotonic() - started
                break
            if chunk is not None:
                received += chunk
                if chunk == b"":
                    result.closed_after = time.monotonic() - started
                    break
                # Read the rest (a 408 response) until the server closes.
                try:
                    while True:
                        more = await asyncio.wait_for(reader.read(4096), CLOSE_WITHIN)
                        if not more:
                            break
                        received += more
                except (asyncio.TimeoutError, ConnectionError):
                    pass
                result.closed_after = time.monotonic() - started
                break
            if time.monotonic() > stop_at:
                break
        if received.startswith(b"HTTP/1.1 "):
            result.status = int(received.split(b" ", 2)[1])
        return result
    except (ConnectionError, asyncio.IncompleteReadError, asyncio.TimeoutError) as error:
        result.error = f"{error.__class__.__name__}"
        return result
    finally:
        writer.close()


async def normal_client(port, authorization, stop, timings, failures):
    """Requests /healthz on a new connection and a lead on a keep-alive connection, in
    turn, every 100 ms until told to stop."""
    reader = writer = None
    request = harness.request_bytes(
        "GET", f"{harness.ORGANISATION_PATH}lead-001/", [("Authorization", authorization)]
    )
    turn = 0
    while not stop.is_set():
        turn += 1
        started = time.monotonic()
        try:
            if turn % 2:
                status = await asyncio.wait_for(
                    asyncio.to_thread(harness.blocking_request, port, "GET", "/healthz"),
                    NORMAL_LIMIT * 5,
                )
                status = status.status
            else:
                if writer is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(request)
                response = await asyncio.wait_for(
                    harness.read_response(reader), NORMAL_LIMIT * 5
                )
                status = response.status
            timings.append(time.monotonic() - started)
            if status != 200:
                failures.append(f"normal request answered {status}")
        except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError) as error:
            timings.append(time.monotonic() - started)
            failures.append(f"normal request failed: {error.__class__.__name__}")
            writer = None
        await asyncio.sleep(0.1)
    if writer is not None:
        writer.close()


async def main():
    parser = argparse.ArgumentParser(description="Slow senders against leads-server.")
    parser.add_argument("binary")
    parser.add_argument("--connections", type=int, default=500)
    parser.add_argument("--interval", type=float, default=2)
    options = parser.parse_args()
    harness.raise_open_file_limit(options.connections + 256)

    server = harness.Server(
        options.binary,
        ["--header-timeout", str(HEADER_TIMEOUT), "--idle-timeout", "60",
         "--log-level", "info"],
    )
    try:
        return await drive(server, options)
    finally:
        print(f"server exit status after SIGTERM: {server.stop()}")


async def drive(server, options):
    authorization = harness.basic_authorization("alice", "alice-pass")
    warm = harness.blocking_request(
        server.port, "GET", f"{harness.ORGANISATION_PATH}lead-001/",
        [("Authorization", authorization)],
    )
    if warm.status != 200:
        print(f"FAIL: warm-up answered {warm.status}")
        return False

    stop = asyncio.Event()
    timings = []
    normal_failures = []
    normal = asyncio.create_task(
        normal_client(server.port, authorization, stop, timings, normal_failures)
    )
    started = time.monotonic()
    stop_at = started + CLOSE_WITHIN + 20
    slow = [
        asyncio.create_task(
            slow_connection(number, server.port, options.interval, authorization, stop_at)
        )
        for number in range(options.connections)
    ]
    await asyncio.sleep(0.5)
    open_during = server.socket_count()
    results = await asyncio.gather(*slow)
    await asyncio.sleep(1)
    stop.set()
    await normal
    elapsed = time.monotonic() - started

    closed = [r for r in results if r.closed_after is not None]
    in_time = [r for r in closed if r.closed_after <= CLOSE_WITHIN]
    answered_408 = sum(1 for r in results if r.status == 408)
    other_status = [r.status for r in results if r.status not in (None, 408)]
    errors = [r.error for r in results if r.error]
    close_times = sorted(r.closed_after for r in closed)
    sorted_timings = sorted(timings)
    alive = server.is_running()

    print(f"slow connections: {options.connections}, one byte every {options.interval:g} s, "
          f"header timeout {HEADER_TIMEOUT} s; server sockets while they trickled: "
          f"{open_during}")
    print(f"closed by the server: {len(closed)} ({len(in_time)} within {CLOSE_WITHIN} s); "
          f"answered 408: {answered_408}; closed without a response: "
          f"{len(closed) - answered_408}")
    if close_times:
        print(f"time from first byte to close: min {close_times[0]:.2f} s, median "
              f"{harness.percentile(close_times, 0.5):.2f} s, max {close_times[-1]:.2f} s")
    print(f"normal requests during the run: {len(timings)}, p50 "
          f"{harness.milliseconds(harness.percentile(sorted_timings, 0.5))}, p99 "
          f"{harness.milliseconds(harness.percentile(sorted_timings, 0.99))}, max "
          f"{harness.milliseconds(sorted_timings[-1] if sorted_timings else 0)}; over "
          f"{NORMAL_TARGET:g} s: {sum(1 for t in timings if t > NORMAL_TARGET)}")
    print(f"run time {elapsed:.1f} s")

    failures = []
    if not alive:
        failures.append(f"server died (exit status {server.process.returncode})")
    if len(in_time) != options.connections:
        failures.append(f"{options.connections - len(in_time)} slow connections not closed "
                        f"within {CLOSE_WITHIN} s")
    if other_status:
        failures.append(f"slow connections got statuses {sorted(set(other_status))}")
    if errors:
        failures.append(f"slow connection errors: {errors[:5]}")
    if not timings:
        failures.append("the normal client made no request")
    slow_normal = [t for t in timings if t > NORMAL_LIMIT]
    if slow_normal:
        failures.append(f"{len(slow_normal)} normal requests took over {NORMAL_LIMIT:g} s")
    if normal_failures:
        failures.append(f"normal requests failed: {normal_failures[:5]}")
    for failure in failures:
        print(f"FAIL: {failure}")
    print("slow_clients: " + ("FAILED" if failures else "passed"))
    return not failures


if __name__ == "__main__":
    sys.exit(harness.run(main()))
