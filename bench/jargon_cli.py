"""`python app.py jargon --json` end to end: start-up, and lines a second on 200,000 lines.

Run: .venv/bin/python -m bench.jargon_cli [--lines 200000] [--rounds 3] [--also DIR]
(targets: start-up under 0.4 s; at least 60,000 lines a second, start-up included)

Every figure is the best of a few fresh processes, beside two floors measured in the same run:
a bare `python -c pass`, and a Python loop that reads the same lines and writes one JSON object
per line without checking anything (what reading and writing alone cost). `--also DIR` times
another checkout of coprod the same way, in the same run (for before-and-after figures).
Lines a second are counted from CPU time, the figure for one core on a shared machine; wall
clock is printed beside it."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.jargon import corpus
from bench.machine import header

ROOT = Path(__file__).resolve().parents[1]
APP = [sys.executable, "app.py", "jargon", "--json"]
START_UP = 0.4
RATE = 60_000
FLOOR = (
    "import sys, orjson\n"
    "out = sys.stdout.buffer\n"
    "for n, line in enumerate(sys.stdin.buffer.read().decode().splitlines(), 1):\n"
    "    out.write(orjson.dumps({'line': n, 'findings': []}) + b'\\n')\n"
)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def timed(command: list[str], stdin: Path, root: Path = ROOT) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) for one run of `command` on `stdin`."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    before = os.times()
    started = time.perf_counter()
    with stdin.open("rb") as f:
        subprocess.run(command, cwd=root, stdin=f, stdout=subprocess.DEVNULL, check=True, env=env)
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def best(command: list[str], stdin: Path, rounds: int, root: Path = ROOT) -> tuple[float, float]:
    runs = [timed(command, stdin, root) for _ in range(rounds)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def measure(name: str, root: Path, big: Path, empty: Path, lines: int, rounds: int) -> bool:
    timed(APP, empty, root)  # warm the file cache (and the compiled-list cache)
    start_wall, start_cpu = best(APP, empty, rounds * 3, root)
    wall, cpu = best(APP, big, rounds, root)
    print(
        f"{name}: start-up (empty input) {start_wall * 1000:.0f} ms wall, "
        f"{start_cpu * 1000:.0f} ms CPU (best of {rounds * 3}); "
        f"{lines / cpu:,.0f} lines/s CPU, {lines / wall:,.0f} lines/s wall "
        f"({cpu:.2f} s CPU, {wall:.2f} s wall, best of {rounds}, start-up included)"
    )
    return start_cpu < START_UP and lines / cpu >= RATE


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--also", type=Path, help="another checkout to time the same way")
    args = parser.parse_args()
    header("jargon command line, end to end")
    print(f"before: {load()}")
    messages: list[str] = []
    seed = 5
    while len(messages) < args.lines:
        messages += corpus(seed=seed)
        seed += 1
    messages = messages[: args.lines]
    folder = Path(tempfile.mkdtemp())
    big, empty = folder / "lines.txt", folder / "empty.txt"
    big.write_text("\n".join(messages) + "\n", encoding="utf-8")
    empty.write_bytes(b"")
    size = big.stat().st_size / 1e6
    lines = len(messages)
    print(f"input: {lines:,} lines, {size:.1f} MB (the bench.jargon corpus, repeated)")
    bare, _ = best([sys.executable, "-c", "pass"], empty, args.rounds * 3)
    print(f"floor: python -c pass {bare * 1000:.0f} ms")
    floor_wall, floor_cpu = best([sys.executable, "-c", FLOOR], big, args.rounds)
    print(
        f"floor: read and write {lines:,} JSON lines without checking: "
        f"{lines / floor_cpu:,.0f} lines/s CPU, {lines / floor_wall:,.0f} lines/s wall"
    )
    met = measure("jargon --json", ROOT, big, empty, lines, args.rounds)
    if args.also is not None:
        other = args.also.resolve()
        measure(f"jargon --json in {other}", other, big, empty, lines, args.rounds)
    print(f"after: {load()}")
    print(
        f"targets: start-up < {START_UP * 1000:.0f} ms CPU and ≥ {RATE:,} lines/s CPU: "
        f"{'met' if met else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
