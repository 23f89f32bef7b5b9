"""Child process for the kill -9 test: the real Scheduler and TinyDB store, an accelerated clock,
and an adapter that appends each post to a log file (fsynced) that survives the kill.

Usage: kill_child.py setup|run DB LOG. Environment: KILL_T0 (simulated start, ISO 8601),
KILL_W0 (real start, Unix seconds) and KILL_SPEED (simulated seconds per real second); the
simulated time is T0 + (now − W0) × SPEED, so it keeps moving while the process is down."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.adapter import Capabilities  # noqa: E402
from bot.core import Core  # noqa: E402
from bot.model import Command, ConversationRef, Platform, Reply, User  # noqa: E402
from bot.nudges.cards import nudge_id_of  # noqa: E402
from bot.nudges.scheduler import Scheduler  # noqa: E402
from bot.prompts import load_pack  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.store import TinyStore  # noqa: E402

CHANNELS, PER_CHANNEL = 50, 20
WINDOW_MINUTES = 100  # meetings end across this many minutes after T0


class AcceleratedClock:
    def __init__(self, t0: datetime, w0: float, speed: float) -> None:
        self.t0, self.w0, self.speed = t0, w0, speed

    def now(self) -> datetime:
        return self.t0 + timedelta(seconds=(time.time() - self.w0) * self.speed)


@dataclass
class LogAdapter:
    """Posts go to an append-only log, one JSON line each, fsynced before `send` returns."""

    path: Path
    clock: AcceleratedClock
    platform: Platform = Platform.LOCAL
    capabilities: Capabilities = field(default_factory=Capabilities)
    seen: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.path.exists():
            for line in self.path.read_text().splitlines():
                try:
                    self.seen.add(json.loads(line)["nudge"])
                except (ValueError, KeyError):
                    pass

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        nudge = nudge_id_of(reply) or ""
        line = json.dumps(
            {"nudge": nudge, "channel": ref.channel, "at": self.clock.now().isoformat()}
        )
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, (line + "\n").encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        self.seen.add(nudge)
        return nudge

    async def delivered(self, ref: ConversationRef, nudge_id: str) -> bool | None:
        return nudge_id in self.seen


async def make_core(db: Path, log: Path, clock: AcceleratedClock) -> Core:
    store = await TinyStore(db).open()
    settings = load_settings(COPROD_DB=str(db), COPROD_TIMEZONE="UTC")
    core = Core(settings=settings, store=store, pack=load_pack(), clock=clock)
    core.register(LogAdapter(log, clock))  # type: ignore[arg-type]
    return core


async def setup(core: Core, t0: datetime) -> None:
    ref0 = ConversationRef(Platform.LOCAL, "local", "c0")
    for name, value in (
        ("nudges.working_days", [0, 1, 2, 3, 4, 5, 6]),
        ("nudges.quiet_hours", "off"),
        ("nudges.daily_cap", 50),
        ("nudges.weekly_time", "23:59"),
        ("nudges.check_every_weeks", 0),
    ):
        await core.channel_settings.set(ref0, name, value, channel=False)

    async def channel(c: int) -> None:
        ref = ConversationRef(Platform.LOCAL, "local", f"c{c}", channel_name=f"c{c}")
        for j in range(PER_CHANNEL):
            end = t0 + timedelta(minutes=1 + (j * CHANNELS + c) * WINDOW_MINUTES // 1000)
            start = end - timedelta(minutes=30)
            text = f"meeting add M{j} daily {start:%H:%M}-{end:%H:%M}"
            replies = await core.handle(Command(ref, User("setup"), text=text))
            assert "Added meeting" in replies[0].text, replies

    await asyncio.gather(*(channel(c) for c in range(CHANNELS)))


async def main(mode: str, db: Path, log: Path) -> None:
    t0 = datetime.fromisoformat(os.environ["KILL_T0"])
    clock = AcceleratedClock(t0, float(os.environ["KILL_W0"]), float(os.environ["KILL_SPEED"]))
    core = await make_core(db, log, clock)
    if mode == "setup":
        await setup(core, t0 + timedelta(minutes=30))
        await core.store.close()
        return
    # A wide grace: this test is about exactly-once under kill -9, not about the grace window,
    # and a loaded machine restarts slowly (each real second is SPEED simulated seconds).
    scheduler = Scheduler(core, claim_timeout=timedelta(seconds=60), grace=timedelta(hours=24))
    await scheduler.start()
    print("ready", flush=True)
    await scheduler.run(every=0.02)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])))
