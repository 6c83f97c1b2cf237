#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Do what a guest test asks of QEMU over QMP, from the serial log.

    qmp-guest.py SOCKET LOG MEM_MIB

Follows the guest's serial log LOG and, for every complete line the guest
prints, asks QEMU (QMP on the unix socket SOCKET):

    === CT-BALLOON N   inflate the virtio balloon by N MiB of the guest's
                       MEM_MIB (N = 0: deflate it all)
    === CT-DIMM N [NODE]
                       plug a pc-dimm of N MiB, into NUMA node NODE if
                       given (once; later lines with the same N are
                       answered "already")

Requests are idempotent, so the guest may repeat a line a kernel message
broke.  Exits when QEMU closes the socket or the script that started it is
gone.
"""
import json
import os
import re
import select
import socket
import sys
import time

MARKER = re.compile(rb"=== CT-(BALLOON|DIMM) (\d+)(?: (\d+))?\r?$")


class Qmp:
    def __init__(self, path):
        for _ in range(600):
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                time.sleep(0.1)
        else:
            sys.exit("qmp-guest: no QMP socket at " + path)
        self.buf = b""
        self.line()                     # the greeting
        self.command("qmp_capabilities")

    def line(self):
        """The next message from QEMU; None once it has closed the socket."""
        while b"\n" not in self.buf:
            data = self.sock.recv(4096)
            if not data:
                return None
            self.buf += data
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def command(self, cmd, **args):
        msg = {"execute": cmd}
        if args:
            msg["arguments"] = args
        self.sock.sendall(json.dumps(msg).encode() + b"\n")
        while True:
            reply = self.line()
            if reply is None or "return" in reply or "error" in reply:
                return reply

    def closed(self):
        """Drop the events QEMU sent meanwhile; True once it has gone."""
        while select.select([self.sock], [], [], 0)[0]:
            data = self.sock.recv(4096)
            if not data:
                return True
            self.buf = self.buf.rsplit(b"\n", 1)[-1] + data
        return False


def dimm(qmp, plugged, mib, node=None):
    """Plug one pc-dimm of MIB MiB (into NODE), unless one of that size is in."""
    if mib in plugged:
        return "already"
    plugged.add(mib)
    name = "ctdimm%d" % len(plugged)
    reply = qmp.command("object-add", **{"qom-type": "memory-backend-ram",
                                         "id": name + "m",
                                         "size": mib << 20})
    if reply is None or "error" in reply:
        return reply
    args = {"driver": "pc-dimm", "id": name, "memdev": name + "m"}
    if node is not None:
        args["node"] = node
    return qmp.command("device_add", **args)


def main():
    path, logname, mem = sys.argv[1], sys.argv[2], int(sys.argv[3])
    parent = os.getppid()
    qmp = Qmp(path)
    plugged = set()
    pos, partial = 0, b""
    while not qmp.closed() and os.getppid() == parent:
        try:
            with open(logname, "rb") as log:
                log.seek(pos)
                data = log.read()
                pos = log.tell()
        except FileNotFoundError:
            data = b""
        *lines, partial = (partial + data).split(b"\n")
        for line in lines:
            m = MARKER.search(line)
            if not m:
                continue
            what, mib = m.group(1).decode(), int(m.group(2))
            if what == "BALLOON":
                reply = qmp.command("balloon", value=(mem - mib) << 20)
            else:
                node = m.group(3)
                reply = dimm(qmp, plugged, mib,
                             int(node) if node is not None else None)
            if reply is None:
                return
            print("qmp-guest: %s %d MiB: %s" % (what, mib, json.dumps(reply)),
                  file=sys.stderr, flush=True)
        time.sleep(0.2)


if __name__ == "__main__":
    main()
