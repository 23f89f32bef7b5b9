"""Child process for the kill -9 and replica tests: the real Scheduler and store, an accelerated
clock, and an adapter that appends each post to a log file (fsynced) that survives the kill.

Usage: kill_child.py setup|run DB LOG. DB is a TinyDB file or a postgresql:// address. LOG is
a file, or a directory shared by several replicas: each process then appends to its own
`posts-<pid>.jsonl` there, and `delivered` looks in every file (the platform's view).
Environment: KILL_T0 (simulated start, ISO 8601), KILL_W0 (real start, Unix seconds) and
KILL_SPEED (simulated seconds per real second); the simulated time is T0 + (now − W0) × SPEED,
so it keeps moving while the process is down. Optional: KILL_CLAIM_TIMEOUT (simulated
seconds, default 60), KILL_SEND_TIMEOUT (real seconds one post may take; default half the claim
timeout, in real seconds), KILL_AHEAD (simulated seconds this process's clock runs ahead of
the others'; claims keep the shared clock: the database's on PostgreSQL), KILL_GRACE (simulated
seconds), KILL_TICK (real seconds between ticks, default 0.02) and KILL_HOLD_AFTER (N: from the
N-th send on, every send holds its claim forever, alternately before and after posting, and
prints `holding <nudge id> posted|unposted`, so the test can kill it)."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from adapters.fake import FakeAdapter  # noqa: E402
from bot.adapter import Capabilities  # noqa: E402
from bot.core import Core  # noqa: E402
from bot.model import Command, ConversationRef, Platform, Reply, User  # noqa: E402
from bot.nudges.claims import ClaimClock  # noqa: E402
from bot.nudges.scheduler import SEND_SHARE, Scheduler  # noqa: E402
from bot.prompts import load_pack  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.store import open_store  # noqa: E402
from bot.store.base import HasClock  # noqa: E402
from runtime.features import FEATURES  # noqa: E402

CHANNELS, PER_CHANNEL = 50, 20
WINDOW_MINUTES = 100  # meetings end across this many minutes after T0


class AcceleratedClock:
    def __init__(self, t0: datetime, w0: float, speed: float, ahead: float = 0.0) -> None:
        self.t0, self.w0, self.speed, self.ahead = t0, w0, speed, ahead

    def at(self, real: float) -> datetime:
        """The simulated time at real time `real` (Unix seconds), on a correct clock."""
        return self.t0 + timedelta(seconds=(real - self.w0) * self.speed)

    def now(self) -> datetime:
        return self.at(time.time()) + timedelta(seconds=self.ahead)


class AcceleratedClaimClock(ClaimClock):
    """The claim clock at the test's speed: the database server's time on PostgreSQL (shared
    by every replica, whatever KILL_AHEAD says), this host's otherwise, accelerated alike."""

    def __init__(self, store: object, clock: AcceleratedClock) -> None:
        super().__init__(store, clock)  # type: ignore[arg-type]
        self.accelerated = clock

    async def now(self) -> datetime:
        if isinstance(self.store, HasClock):
            return self.accelerated.at((await self.store.now()).timestamp())
        return self.accelerated.at(time.time())

    async def offset(self) -> timedelta:
        return self.clock.now() - await self.now()


class LogAdapter(FakeAdapter):
    """The fake adapter, whose posts also go to an append-only log, one JSON line each, fsynced
    before `send` returns (the platform's record, which survives a kill). With a directory,
    this process writes its own file there and `delivered` reads them all."""

    def __init__(self, path: Path, clock: AcceleratedClock, *, hold_after: int = 0) -> None:
        super().__init__(Capabilities(confirms_delivery=True), clock=clock)
        self.accelerated = clock
        self.hold_after = hold_after
        self.sends = 0
        self.logs = path if path.is_dir() else None
        self.path = self.logs / f"posts-{os.getpid()}.jsonl" if self.logs else path

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        nudge = reply.key or ""
        self.sends += 1
        hold = self.hold_after and self.sends >= self.hold_after
        if hold and self.sends % 2:
            await self._hold(nudge, "unposted")
        if await super().send(ref, reply) is None:
            return None
        line = json.dumps(
            {"nudge": nudge, "channel": ref.channel, "at": self.accelerated.now().isoformat()}
        )
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, (line + "\n").encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        if hold:
            await self._hold(nudge, "posted")
        return nudge

    async def _hold(self, nudge: str, how: str) -> None:
        """Keep the claim (never return) until the test kills the process: a frozen process,
        so the scheduler's bound on a send (which cancels it) does not end it either."""
        print(f"holding {nudge} {how}", flush=True)
        while True:
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                continue

    async def delivered(
        self, ref: ConversationRef, key: str, *, since: datetime | None = None
    ) -> bool | None:
        """Is a post carrying `key` in any replica's log (what the platform shows)?"""
        files = sorted(self.logs.glob("posts-*.jsonl")) if self.logs else [self.path]
        for path in files:
            if path.exists() and f'"nudge": "{key}"' in path.read_text():
                return True
        return False


async def make_core(db: Path | str, log: Path, clock: AcceleratedClock) -> Core:
    store = await open_store(str(db))
    settings = load_settings(COPROD_DB=str(db), COPROD_TIMEZONE="UTC")
    core = Core(settings=settings, store=store, pack=load_pack(), clock=clock, features=FEATURES)
    hold_after = int(os.environ.get("KILL_HOLD_AFTER", "0"))
    core.register(LogAdapter(log, clock, hold_after=hold_after))
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


async def main(mode: str, db: Path | str, log: Path) -> None:
    t0 = datetime.fromisoformat(os.environ["KILL_T0"])
    speed = float(os.environ["KILL_SPEED"])
    ahead = float(os.environ.get("KILL_AHEAD", "0"))
    clock = AcceleratedClock(t0, float(os.environ["KILL_W0"]), speed, ahead)
    core = await make_core(db, log, clock)
    if mode == "setup":
        await setup(core, t0 + timedelta(minutes=30))
        await core.store.close()
        return
    claim_timeout = float(os.environ.get("KILL_CLAIM_TIMEOUT", "60"))
    # Simulated seconds. The default is wide: these tests are about exactly-once under kill -9,
    # not about the grace window, and a loaded machine restarts slowly.
    grace = os.environ.get("KILL_GRACE", str(24 * 3600))
    send_timeout = os.environ.get("KILL_SEND_TIMEOUT") or claim_timeout * SEND_SHARE / speed
    scheduler = Scheduler(
        core,
        claim_timeout=timedelta(seconds=claim_timeout),
        grace=timedelta(seconds=float(grace)) if grace else None,
        claim_clock=AcceleratedClaimClock(core.store, clock),
        send_timeout=float(send_timeout),
    )
    await scheduler.start()
    print("ready", flush=True)
    await scheduler.run(every=float(os.environ.get("KILL_TICK", "0.02")))


if __name__ == "__main__":
    db = sys.argv[2]
    asyncio.run(main(sys.argv[1], db if "://" in db else Path(db), Path(sys.argv[3])))
