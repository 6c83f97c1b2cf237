#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Drive QEMU's virtio-balloon for a guest test, from the serial log.

    qmp-balloon.py SOCKET LOG MEM_MIB

Follows the guest's serial log LOG; for every line "=== CT-BALLOON N" the
guest prints it asks QEMU (QMP on the unix socket SOCKET) to inflate the
balloon by N MiB of the guest's MEM_MIB (N = 0: deflate it all).  Exits
when QEMU closes the socket.
"""
import json
import socket
import sys
import time


def connect(path):
    for _ in range(600):
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)
            return s
        except OSError:
            time.sleep(0.1)
    sys.exit("qmp-balloon: no QMP socket at " + path)


def command(f, s, cmd, **args):
    msg = {"execute": cmd}
    if args:
        msg["arguments"] = args
    s.sendall(json.dumps(msg).encode() + b"\n")
    while True:
        line = f.readline()
        if not line:
            return None
        reply = json.loads(line)
        if "return" in reply or "error" in reply:
            return reply


def main():
    path, logname, mem = sys.argv[1], sys.argv[2], int(sys.argv[3])
    s = connect(path)
    f = s.makefile("r")
    f.readline()                        # the greeting
    command(f, s, "qmp_capabilities")
    pos = 0
    while True:
        try:
            with open(logname, errors="replace") as log:
                log.seek(pos)
                lines = log.readlines()
                pos = log.tell()
        except FileNotFoundError:
            lines = []
        for line in lines:
            if not line.startswith("=== CT-BALLOON "):
                continue
            mib = int(line.split()[2])
            reply = command(f, s, "balloon", value=(mem - mib) << 20)
            if reply is None:
                return
            print("qmp-balloon: %d MiB: %s" % (mib, json.dumps(reply)),
                  file=sys.stderr)
        try:
            s.setblocking(False)
            if s.recv(4096, socket.MSG_PEEK) == b"":
                return
        except BlockingIOError:
            pass
        except OSError:
            return
        finally:
            s.setblocking(True)
        time.sleep(0.2)


if __name__ == "__main__":
    main()
