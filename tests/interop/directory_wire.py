"""Just enough of the Jamulus connectionless protocol for directory tests (PROTOCOL.md 3, 7).

Builds and parses frames, decodes the two server-list messages, and offers a UDP endpoint on
127.0.0.1 that asks a directory for its list with bounded waits.  Python standard library only.
"""

import binascii
import socket
import struct
import time

PING_MS = 1001
PING_MS_WITHNUMCLIENTS = 1002
REGISTER_SERVER_EX = 1017
REGISTER_SERVER_RESP = 1016
UNREGISTER_SERVER = 1005
SERVER_LIST = 1006
REQ_SERVER_LIST = 1007
SEND_EMPTY_MESSAGE = 1008
EMPTY_MESSAGE = 1009
VERSION_AND_OS = 1011
REQ_VERSION_AND_OS = 1012
CONN_CLIENTS_LIST = 1013
REQ_CONN_CLIENTS_LIST = 1014
RED_SERVER_LIST = 1018


def crc(data):
    return binascii.crc_hqx(data, 0xFFFF) ^ 0xFFFF


def frame(msg_id, payload=b"", counter=0):
    head = struct.pack("<HHBH", 0, msg_id, counter, len(payload)) + payload
    return head + struct.pack("<H", crc(head))


def parse(datagram):
    """(id, payload) of a well-formed protocol frame, else None."""
    if len(datagram) < 9:
        return None
    tag, msg_id, _cnt, length = struct.unpack_from("<HHBH", datagram)
    if tag != 0 or len(datagram) != 9 + length:
        return None
    if struct.unpack_from("<H", datagram, 7 + length)[0] != crc(datagram[:7 + length]):
        return None
    return msg_id, datagram[7:7 + length]


def _string(data, pos, count_bytes=2):
    n = data[pos] if count_bytes == 1 else struct.unpack_from("<H", data, pos)[0]
    pos += count_bytes
    return data[pos:pos + n].decode("utf-8", "replace"), pos + n


def ip_text(value):
    return socket.inet_ntoa(struct.pack(">I", value))


def decode_server_list(payload):
    """CLM_SERVER_LIST entries as dicts."""
    out, pos = [], 0
    while pos < len(payload):
        ip, port, country, max_clients, permanent = struct.unpack_from("<IHHBB", payload, pos)
        pos += 10
        name, pos = _string(payload, pos)
        internal, pos = _string(payload, pos)
        city, pos = _string(payload, pos)
        out.append({"ip": ip_text(ip), "port": port, "country": country, "max": max_clients,
                    "permanent": permanent, "name": name, "internal": internal, "city": city})
    return out


def decode_red_server_list(payload):
    out, pos = [], 0
    while pos < len(payload):
        ip, port = struct.unpack_from("<IH", payload, pos)
        pos += 6
        name, pos = _string(payload, pos, 1)
        out.append({"ip": ip_text(ip), "port": port, "name": name})
    return out


def register_payload(port, country, max_clients, name, internal, city, version, os_id=2):
    def s(text):
        b = text.encode("utf-8")
        return struct.pack("<H", len(b)) + b
    return (struct.pack("<HHBB", port, country, max_clients, 0) + s(name) + s(internal) + s(city) +
            struct.pack("<B", os_id) + s(version))


class Endpoint:
    """A UDP socket on 127.0.0.1 that remembers every frame it receives."""

    def __init__(self, port=0):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", port))
        self.port = self.sock.getsockname()[1]
        self.received = []        # (time, (ip, port), id, payload)
        self.bytes_received = 0

    def close(self):
        self.sock.close()

    def send(self, port, msg_id, payload=b""):
        data = frame(msg_id, payload)
        self.sock.sendto(data, ("127.0.0.1", port))
        return len(data)

    def pump(self, seconds):
        """Collect datagrams for `seconds`."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self.sock.settimeout(left)
            try:
                data, src = self.sock.recvfrom(65536)
            except socket.timeout:
                return
            self.bytes_received += len(data)
            f = parse(data)
            if f:
                self.received.append((time.monotonic(), src, f[0], f[1]))

    def wait_for(self, predicate, timeout, step=0.1, on_step=None):
        """Pump until predicate(self) is truthy; on_step() runs before each step (re-requests)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if on_step:
                on_step()
            self.pump(step)
            value = predicate(self)
            if value:
                return value
        return None

    def of(self, msg_id):
        return [r for r in self.received if r[2] == msg_id]

    def ping(self, port, timeout=5.0):
        """A CLM_PING_MS round trip; True if the echo came back."""
        self.send(port, PING_MS, struct.pack("<I", 4242))
        return self.wait_for(lambda e: e.of(PING_MS), timeout) is not None

    def server_list(self, port, timeout, accept=lambda entries: True):
        """Ask for the list every 0.5 s until a full list satisfying `accept` arrives."""
        last = [0.0]

        def request():
            if time.monotonic() - last[0] >= 0.5:
                last[0] = time.monotonic()
                self.send(port, REQ_SERVER_LIST)

        def done(e):
            for r in reversed(e.of(SERVER_LIST)):
                entries = decode_server_list(r[3])
                if accept(entries):
                    return entries
            return None
        return self.wait_for(done, timeout, 0.1, request)
