"""A real local SMTP server for the end-to-end tests (aiosmtpd): every message
it receives is written, raw as received, to a folder the tests read.

Usage: python smtp-sink.py <folder> <port>. Prints "ready" once listening.
"""
import os
import signal
import sys
import threading
import time

from aiosmtpd.controller import Controller


class FolderSink:
    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.count += 1
        name = os.path.join(self.folder, f"{time.time_ns()}-{self.count}.eml")
        # The envelope's recipients first (what the server was asked to deliver to), then the raw message.
        head = f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n".encode()
        with open(name + ".tmp", "wb") as f:
            f.write(head + (envelope.original_content or envelope.content))
        os.rename(name + ".tmp", name)  # readers never see half a message
        return "250 Message accepted for delivery"


def main() -> None:
    folder, port = sys.argv[1], int(sys.argv[2])
    os.makedirs(folder, exist_ok=True)
    controller = Controller(FolderSink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
