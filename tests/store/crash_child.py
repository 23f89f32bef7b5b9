"""Child process for the crash test: writes to the store and kills itself at one chosen step."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from bot.store.tiny import TinyStore

STEPS = ("open", "write", "fsync", "close", "replace", "unlink", "ftruncate")


def install(kill_at: int, partial: bool) -> None:
    counter = {"n": 0}

    def wrap(name: str, real):  # type: ignore[no-untyped-def]
        def step(*args, **kwargs):  # type: ignore[no-untyped-def]
            counter["n"] += 1
            if counter["n"] == kill_at:
                if partial and name == "write":
                    fd, data = args
                    real(fd, bytes(data[: max(1, len(data) // 2)]))
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)

        return step

    for name in STEPS:
        setattr(os, name, wrap(name, getattr(os, name)))


async def main(path: str, kill_at: int, partial: bool) -> None:
    store = await TinyStore(path).open()
    install(kill_at, partial)
    await store.put("items", "k", {"state": "new", "pad": "x" * 50_000})
    await store.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3] == "partial"))
