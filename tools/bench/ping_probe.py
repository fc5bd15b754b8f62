#!/usr/bin/env python3
"""Connectionless ping round trip to a server on 127.0.0.1 (CLM_PING_MS, id 1001): what a
Jamulus client's ping display sees. Usage: ping_probe.py PORT [COUNT] [INTERVAL_S]"""
import binascii, socket, struct, sys, time

def crc(d):
    return binascii.crc_hqx(d, 0xFFFF) ^ 0xFFFF

def frame(mid, payload):
    head = struct.pack("<HHBH", 0, mid, 0, len(payload)) + payload
    return head + struct.pack("<H", crc(head))

port = int(sys.argv[1]); count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
interval = float(sys.argv[3]) if len(sys.argv) > 3 else 0.02
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(0.5)
rtts = []; lost = 0
for i in range(count):
    t0 = time.perf_counter_ns()
    s.sendto(frame(1001, struct.pack("<I", i)), ("127.0.0.1", port))
    while True:
        try:
            d, _ = s.recvfrom(2048)
        except socket.timeout:
            lost += 1; break
        if len(d) >= 13 and struct.unpack_from("<H", d, 2)[0] == 1001 and struct.unpack_from("<I", d, 7)[0] == i:
            rtts.append((time.perf_counter_ns() - t0) / 1000.0); break
    time.sleep(interval)
rtts.sort()
q = lambda p: rtts[min(len(rtts) - 1, int(p * len(rtts)))] if rtts else float("nan")
print("ping rtt us: n=%d lost=%d p50=%.0f p90=%.0f p99=%.0f max=%.0f" % (len(rtts), lost, q(.5), q(.9), q(.99), rtts[-1] if rtts else float("nan")))
