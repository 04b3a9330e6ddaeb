#!/usr/bin/env python3
"""The arithmetic of docs/operations.md, "Sizing": nodes per part from measured per-unit costs.

    bench/sizing.py [CHANGES_PER_ONLINE_USER_PER_MINUTE]      (default 1)

Edit the measured figures below after re-running the benches (docs/operations.md says how); prints the table.
"""
import math
import sys

# measured (docs/operations.md, "Sizing"): RSS growth per idle connection, KiB, the highest run (19,000 held for the
# gateway's handed-over sockets, 5,000 and 8,000 for the rest)
RSS_KIB = {"sse": 9, "long-poll": 9, "iframe": 9, "ws": 9, "mqtt-ws": 14, "mqtt-tcp": 6}
GATEWAY_CPU_US_PER_CHANGE = 170   # gateway: receive a count, write it to a stream (230 - 44 - 13, see the doc)
BROKER_DELIVERIES_PER_S = 20_000  # QoS 1, 2 cores shared with the load generator
BROKER_CPU_US_PER_CHANGE = 13     # one count in, delivered to one subscriber
POSTGRES_CPU_US_PER_CHANGE = 75   # PostgreSQL's own CPU, batches of 1,000 (fsync off)
PUBLISHER_CPU_US_PER_CHANGE = 230 # PUT /api/users/{u}/unread-count, all-in-one (upper bound for a publisher)

# assumptions
ONLINE = 0.10                     # share of users online, one connection each
HEADROOM = 0.5                    # plan every node at half of what it measured
NODE_GIB, NODE_BASE_GIB, NODE_CORES = 8, 0.5, 4   # a node: 4 vCPU, 8 GiB, ~0.5 GiB RSS before connections
GATEWAY_MAX_CONNECTIONS = 50_000  # reddot.gateway.max-connections default
MIXES = {
    "all MQTT over WebSocket": {"mqtt-ws": 1.0},
    "70 % MQTT over WS + 30 % SSE": {"mqtt-ws": 0.7, "sse": 0.3},
    "all SSE (gateway)": {"sse": 1.0},
    "gateway only: 50 % SSE, 30 % WS, 20 % long poll": {"sse": 0.5, "ws": 0.3, "long-poll": 0.2},
    "devices / apps on MQTT over TCP": {"mqtt-tcp": 1.0},
}
GATEWAY_TRANSPORTS = {"sse", "long-poll", "iframe", "ws"}


def per_node_connections(transport):
    budget_kib = (NODE_GIB * HEADROOM - NODE_BASE_GIB) * 1024 * 1024
    return int(budget_kib / RSS_KIB[transport])


def size(users, mix, per_minute):
    online = users * ONLINE
    changes = online * per_minute / 60
    gw_conn = {t: online * s for t, s in mix.items() if t in GATEWAY_TRANSPORTS}
    br_conn = {t: online * s for t, s in mix.items() if t not in GATEWAY_TRANSPORTS}
    cores = NODE_CORES * HEADROOM
    # gateways: connections (memory or max-connections, the lower), and CPU for the changes of their own users (per-user subscriptions)
    gw_mem = sum(c / min(per_node_connections(t), GATEWAY_MAX_CONNECTIONS) for t, c in gw_conn.items())
    gw_share = sum(gw_conn.values()) / online
    gw_cpu = changes * gw_share * GATEWAY_CPU_US_PER_CHANGE / 1e6 / cores
    gateways = math.ceil(max(gw_mem, gw_cpu)) if gw_conn else 0
    # current code: every gateway takes every change (/message/+): each one needs CPU for all of them
    gw_all_cpu = changes * GATEWAY_CPU_US_PER_CHANGE / 1e6 / (NODE_CORES * HEADROOM) if gw_conn else 0
    # broker: memory per connection; deliveries = one per change to a gateway or to the user's MQTT connection
    br_mem = sum(c / per_node_connections(t) for t, c in br_conn.items())
    mqtt_share = sum(br_conn.values()) / online
    deliveries = changes * (gateways + mqtt_share)                     # current code: one per gateway + MQTT user
    deliveries_per_user_sub = changes * 1                              # per-user subscriptions (issue 15 item 1)
    br_rate = deliveries_per_user_sub / (BROKER_DELIVERIES_PER_S * HEADROOM)
    brokers = math.ceil(max(br_mem, br_rate, 1))
    brokers_now = math.ceil(max(br_mem, deliveries / (BROKER_DELIVERIES_PER_S * HEADROOM), 1))
    db_cores = changes * POSTGRES_CPU_US_PER_CHANGE / 1e6 / HEADROOM
    publishers = math.ceil(changes * PUBLISHER_CPU_US_PER_CHANGE / 1e6 / cores)
    return dict(online=online, changes=changes, gw_mem=gw_mem, gw_cpu=gw_cpu, gateways=gateways,
                gw_all_cpu=gw_all_cpu, br_mem=br_mem, br_rate=br_rate, brokers=brokers,
                deliveries=deliveries, brokers_now=brokers_now, db_cores=db_cores, publishers=publishers)


def why(memory, cpu):
    if max(memory, cpu) < 1:
        return "one is enough"
    return "memory" if memory >= cpu else "CPU"


def main():
    per_minute = float(sys.argv[1]) if len(sys.argv) > 1 else 1
    print(f"{per_minute:g} change(s) per online user per minute, {ONLINE:.0%} online, headroom {HEADROOM:.0%}, "
          f"nodes of {NODE_CORES} vCPU / {NODE_GIB} GiB")
    print("connections per node (memory): " + ", ".join(f"{t} {per_node_connections(t):,}" for t in RSS_KIB))
    print("| mix | users | online | changes/s | gateways | broker nodes | PostgreSQL | publishers "
          "| wildcard: broker deliveries/s, broker nodes, CPU of every gateway for all changes |")
    print("| --- | ---: | ---: | ---: | --- | --- | --- | ---: | --- |")
    for name, mix in MIXES.items():
        for users in (100_000, 1_000_000, 10_000_000):
            s = size(users, mix, per_minute)
            gateways = (f"{s['gateways']} ({why(s['gw_mem'], s['gw_cpu']).replace('memory', 'connections')})"
                        if s['gateways'] else "– (2 for fallback)")
            broker = f"{s['brokers']} ({why(s['br_mem'], s['br_rate']).replace('CPU', 'messages')})"
            today = f"{s['deliveries']:,.0f}/s, {s['brokers_now']}" + (
                f", {s['gw_all_cpu'] * NODE_CORES * HEADROOM:.2f} cores" if s['gateways'] else "")
            print(f"| {name} | {users:,} | {s['online']:,.0f} | {s['changes']:,.0f} | {gateways} | {broker} | "
                  f"{s['db_cores']:.2f} cores | {s['publishers']} | {today} |")


if __name__ == "__main__":
    main()
