#!/usr/bin/env python3
"""RSS growth per idle connection of one process, for the transports the simulator has no bench for.

    bench/conn-memory.py TRANSPORT HOST:PORT PID N [HOLD_SECONDS]

TRANSPORT: sse | long-poll | iframe | ws (the gateway's /push/* paths) | mqtt-ws (MQTT 5 CONNECT and SUBSCRIBE
/message/<user> over the broker's WebSocket listener, path /mqtt) | mqtt-tcp (the same over TCP). Opens N connections (users conn-<i>, 200
opening at a time), waits until each has its first bytes (the count, the 101 + CONNACK; long polls only their sent
request, as they wait), holds them HOLD_SECONDS (10), and prints VmRSS of PID before and at the end, and the growth
per connection, as `name value unit` lines. Standard library only; loopback targets only.

    bench/conn-memory.py release HOST:PORT PID N

opens N SSE streams, closes them all at once (FIN), and prints how long until /push/stats says sse 0.
"""
import asyncio
import base64
import json
import os
import sys
import time
import urllib.request


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS for pid " + str(pid))


def http_get(path, host, extra=""):
    return (f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\n{extra}\r\n").encode()


def ws_upgrade(path, host, protocol=None):
    key = base64.b64encode(os.urandom(16)).decode()
    extra = ("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
             f"Sec-WebSocket-Key: {key}\r\n")
    if protocol:
        extra += f"Sec-WebSocket-Protocol: {protocol}\r\n"
    return http_get(path, host, extra)


def mqtt_connect(client_id):
    cid = client_id.encode()
    # variable header: protocol name, level 5, flags clean start, keep alive 300 s, properties length 0
    variable = b"\x00\x04MQTT\x05\x02\x01\x2c\x00"
    payload = len(cid).to_bytes(2, "big") + cid
    body = variable + payload
    return bytes([0x10, len(body)]) + body


def mqtt_subscribe(topic):
    filter_ = topic.encode()
    # packet id 1, properties length 0, the filter, options: QoS 1
    body = b"\x00\x01\x00" + len(filter_).to_bytes(2, "big") + filter_ + b"\x01"
    return bytes([0x82, len(body)]) + body


def ws_binary_frame(data):
    mask = os.urandom(4)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
    return bytes([0x82, 0x80 | len(data)]) + mask + masked


async def open_one(transport, host, port, i, sockets):
    reader, writer = await asyncio.open_connection(host, port)
    hostport = f"{host}:{port}"
    user = f"conn-{i}"
    if transport == "sse":
        writer.write(http_get(f"/push/sse/{user}", hostport, "Accept: text/event-stream\r\n"))
    elif transport == "iframe":
        writer.write(http_get(f"/push/iframe/{user}", hostport))
    elif transport == "long-poll":
        writer.write(http_get(f"/push/long-poll/{user}?since=0&timeout=60", hostport))
    elif transport == "ws":
        writer.write(ws_upgrade(f"/push/ws/{user}", hostport))
    elif transport == "mqtt-ws":
        writer.write(ws_upgrade("/mqtt", hostport, "mqtt"))
        await reader.readuntil(b"\r\n\r\n")
        writer.write(ws_binary_frame(mqtt_connect(f"cm-{os.getpid()}-{i}")))
        writer.write(ws_binary_frame(mqtt_subscribe(f"/message/{user}")))
    elif transport == "mqtt-tcp":
        writer.write(mqtt_connect(f"cm-{os.getpid()}-{i}") + mqtt_subscribe(f"/message/{user}"))
    else:
        raise SystemExit("unknown transport " + transport)
    await writer.drain()
    if transport != "long-poll":
        first = await asyncio.wait_for(reader.read(512), 30)
        if not first:
            raise ConnectionError("closed at once")
    sockets.append((reader, writer))


async def open_all(transport, host, port, n):
    sockets, failed = [], 0
    limit = asyncio.Semaphore(200)

    async def guarded(i):
        nonlocal failed
        async with limit:
            try:
                await open_one(transport, host, port, i, sockets)
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError) as e:
                failed += 1
                if failed <= 3:
                    print("failed", repr(e), file=sys.stderr)

    await asyncio.gather(*(guarded(i) for i in range(n)))
    return sockets, failed


def stats(host, port):
    with urllib.request.urlopen(f"http://{host}:{port}/push/stats", timeout=10) as response:
        return json.load(response)


async def memory(transport, host, port, pid, n, hold):
    before = rss_kib(pid)
    started = time.monotonic()
    sockets, failed = await open_all(transport, host, port, n)
    print(f"connected {len(sockets)} connections")
    print(f"failed {failed} connections")
    print(f"connect-time {time.monotonic() - started:.1f} s")
    await asyncio.sleep(hold)
    if transport in ("sse", "iframe", "long-poll", "ws"):
        print(f"stats {json.dumps(stats(host, port), separators=(',', ':'))} -")
    after = rss_kib(pid)
    print(f"rss-before {before / 1024:.1f} MiB")
    print(f"rss-after {after / 1024:.1f} MiB")
    print(f"rss-per-connection {(after - before) / max(1, len(sockets)):.1f} KiB")
    for _, writer in sockets:
        writer.close()


async def release(host, port, pid, n):
    sockets, failed = await open_all("sse", host, port, n)
    await asyncio.sleep(2)
    open_before = stats(host, port)["sse"]
    rss_open = rss_kib(pid)
    closed_at = time.monotonic()
    for _, writer in sockets:
        writer.close()
    seen = open_before
    while seen > 0 and time.monotonic() - closed_at < 120:
        await asyncio.sleep(0.1)
        seen = stats(host, port)["sse"]
    print(f"streams {open_before} open before closing ({failed} failed)")
    print(f"release-time {time.monotonic() - closed_at:.1f} s (until /push/stats says sse {seen})")
    print(f"rss-open {rss_open / 1024:.1f} MiB")
    print(f"rss-after-release {rss_kib(pid) / 1024:.1f} MiB")


def main():
    if len(sys.argv) < 5:
        raise SystemExit(__doc__)
    mode, target, pid, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    host, port = target.rsplit(":", 1)
    if host not in ("127.0.0.1", "localhost"):
        raise SystemExit("loopback targets only")
    if mode == "release":
        asyncio.run(release(host, int(port), pid, n))
    else:
        hold = float(sys.argv[5]) if len(sys.argv) > 5 else 10
        asyncio.run(memory(mode, host, int(port), pid, n, hold))


if __name__ == "__main__":
    main()
