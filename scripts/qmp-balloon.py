#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Drive QEMU's virtio-balloon for a guest test, from the serial log.

    qmp-balloon.py SOCKET LOG MEM_MIB

Follows the guest's serial log LOG; for every complete line
"=== CT-BALLOON N" the guest prints it asks QEMU (QMP on the unix socket
SOCKET) to inflate the balloon by N MiB of the guest's MEM_MIB (N = 0:
deflate it all).  The request is idempotent, so the guest may repeat a
line a kernel message broke.  Exits when QEMU closes the socket or the
script that started it is gone.
"""
import json
import os
import re
import select
import socket
import sys
import time

MARKER = re.compile(rb"=== CT-BALLOON (\d+)\r?$")


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
            sys.exit("qmp-balloon: no QMP socket at " + path)
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


def main():
    path, logname, mem = sys.argv[1], sys.argv[2], int(sys.argv[3])
    parent = os.getppid()
    qmp = Qmp(path)
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
            mib = int(m.group(1))
            reply = qmp.command("balloon", value=(mem - mib) << 20)
            if reply is None:
                return
            print("qmp-balloon: %d MiB: %s" % (mib, json.dumps(reply)),
                  file=sys.stderr, flush=True)
        time.sleep(0.2)


if __name__ == "__main__":
    main()
