"""Child process for the journal crash tests: writes, folds, and is killed (by itself or not).

`steps PATH N [partial]`: a fixed script of writes and two folds, killing itself with SIGKILL
at the N-th file step (open, write, fsync, close, replace, unlink, ftruncate) after opening;
with `partial`, a write step first writes half its bytes; run to the end, it prints the steps.
`load PATH ROUND`: eight tasks write without end, folding often, until the parent kills it.
Each write that returned is printed (`ack table key value`) before the next begins, so the
parent knows what was acknowledged."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys

from bot.store.tiny import TinyStore

STEPS = ("open", "write", "fsync", "close", "replace", "unlink", "ftruncate")


TRACE: list[str] = []  # the steps taken so far, by name


def install(kill_at: int, partial: bool) -> None:
    def wrap(name: str, real):  # type: ignore[no-untyped-def]
        def step(*args, **kwargs):  # type: ignore[no-untyped-def]
            TRACE.append(name)
            if len(TRACE) == kill_at:
                if partial and name == "write":
                    fd, data = args
                    real(fd, bytes(data[: max(1, len(data) // 2)]))
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)

        return step

    for name in STEPS:
        setattr(os, name, wrap(name, getattr(os, name)))


def ack(table: str, key: str, value: int) -> None:
    print(f"ack {table} {key} {value}", flush=True)


async def steps(path: str, kill_at: int, partial: bool) -> None:
    store = await TinyStore(path, fold_floor=1 << 40).open()  # folds only when told
    install(kill_at, partial)
    for i in range(3):
        await store.put("items", f"a{i}", {"v": i, "pad": "x" * 2000})
        ack("items", f"a{i}", i)
    await store.fold()
    await store.put("items", "a0", {"v": 10})
    ack("items", "a0", 10)
    assert await store.update("items", "a1", {"v": 11})
    ack("items", "a1", 11)
    await store.fold()
    assert await store.add("more", "b0", {"v": 20})
    ack("more", "b0", 20)
    await store.close()
    print("done", *TRACE, flush=True)


async def load(path: str, round_no: int) -> None:
    store = await TinyStore(path, fold_floor=30_000).open()  # folds every ~100 writes
    rng = random.Random(os.getpid())
    base = round_no * 1_000_000
    print("ready", flush=True)

    async def writer(task: int) -> None:
        n = base
        while True:
            n += 1
            key = f"t{task}-{rng.randrange(20)}"
            roll = rng.random()
            if roll < 0.6:
                await store.put("load", key, {"v": n, "pad": "y" * rng.randrange(300)})
            elif roll < 0.8:
                if not await store.update("load", key, {"v": n}):
                    await store.put("load", key, {"v": n})
            else:
                fresh = f"t{task}-new{n}"
                assert await store.add("load", fresh, {"v": n})
                ack("load", fresh, n)
                continue
            ack("load", key, n)

    async def folds() -> None:
        seen = 0
        while True:
            await asyncio.sleep(0.02)
            if store.folds != seen:
                seen = store.folds
                print(f"folds {seen}", flush=True)

    await asyncio.gather(folds(), *(writer(t) for t in range(8)))


if __name__ == "__main__":
    if sys.argv[1] == "steps":
        asyncio.run(steps(sys.argv[2], int(sys.argv[3]), sys.argv[4:] == ["partial"]))
    else:
        asyncio.run(load(sys.argv[2], int(sys.argv[3])))
