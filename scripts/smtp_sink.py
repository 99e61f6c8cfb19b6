#!/usr/bin/env python3
"""A real SMTP server for the tests (aiosmtpd): listens on 127.0.0.1:PORT and writes
each accepted message to DIR as <time>-<uuid>.eml (written whole, then renamed, so a
reader never sees half a message). Stops cleanly on SIGTERM or SIGINT.

    smtp_sink.py --port 2525 --dir /tmp/mails
"""

import argparse
import pathlib
import signal
import threading
import time
import uuid

from aiosmtpd.controller import Controller


class Saver:
    def __init__(self, directory: pathlib.Path):
        self.directory = directory

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{uuid.uuid4().hex}.eml"
        tmp = self.directory / (name + ".part")
        tmp.write_bytes(envelope.original_content or envelope.content)
        tmp.rename(self.directory / name)
        return "250 2.0.0 Message accepted for delivery"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", type=pathlib.Path, required=True)
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    controller = Controller(Saver(args.dir), hostname="127.0.0.1", port=args.port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(f"smtp_sink listening on 127.0.0.1:{args.port}", flush=True)
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
