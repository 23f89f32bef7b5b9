"""A stand-in replica for the race tests: opens the store, waits for "go", races, prints JSON."""

from __future__ import annotations

import asyncio
import json
import os
import sys

from bot.store import open_store


async def main(url: str, mode: str, count: int) -> None:
    store = await open_store(url)
    print("ready", flush=True)
    await asyncio.to_thread(sys.stdin.readline)  # every replica starts at the same moment
    me = os.getpid()
    result: dict[str, object] = {"pid": me}
    keys = [f"k{i}" for i in range(count)]
    if mode == "add":
        won = await asyncio.gather(*(store.add("race", k, {"by": me}) for k in keys))
        result["won"] = [k for k, ok in zip(keys, won, strict=True) if ok]
    elif mode == "claim":
        won = await asyncio.gather(
            *(
                store.update("race", k, {"state": "claimed", "by": me}, expect={"state": "due"})
                for k in keys
            )
        )
        result["won"] = [k for k, ok in zip(keys, won, strict=True) if ok]
    elif mode == "increment":
        tries = 0
        for _ in range(count):
            while True:
                tries += 1
                n = (await store.get("race", "counter"))["n"]
                if await store.update("race", "counter", {"n": n + 1}, expect={"n": n}):
                    break
        result["tries"] = tries
    elif mode != "open":
        raise SystemExit(f"unknown mode {mode}")
    await store.close()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
