"""The app under chaos: the real server (runtime.server.build: the Slack adapter on the
`/slack/events` route, the store) and the real Scheduler, on an accelerated clock, in a
process the chaos test kills with SIGKILL. Slack is the test's fake Web API (SLACK_API_URL).

Usage: child.py run DB PORT (the test plans the meetings with `setup`, in its own process):
`run` serves on 127.0.0.1:PORT, prints "ready" and
ticks the scheduler. A `run` process loads everything, prints "loaded" and waits for the
line `go <W0>` on stdin before it starts (W0: the real start of the run, Unix seconds), so the
test can keep a warm spare and restart at once after a kill. Environment: CHAOS_T0 (simulated
start, ISO 8601), CHAOS_SPEED (simulated seconds per real second), CHAOS_AHEAD (simulated
seconds this process's clock runs ahead; claims keep the shared clock), CHAOS_CLAIM_TIMEOUT
(simulated seconds); the Slack and store settings as the app reads them. Logs (INFO) go to
stderr, which the test keeps in a file per process."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.core import Core  # noqa: E402
from bot.model import Command, ConversationRef, Platform, User  # noqa: E402
from bot.nudges.scheduler import SEND_SHARE, Scheduler  # noqa: E402
from bot.prompts import load_pack  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.store import open_store  # noqa: E402
from runtime.features import FEATURES  # noqa: E402
from runtime.server import build, close, serving  # noqa: E402
from tests.nudges.kill_child import AcceleratedClaimClock, AcceleratedClock  # noqa: E402

TEAM = "T0001"
SETUP_AT = "2026-01-06T07:00:00+00:00"  # the meetings are added before the day's first


def channel_id(c: int) -> str:
    return f"CN{c:03d}"


async def setup(db: str, t0: datetime, window: int, channels: int, meetings: int) -> None:
    """Plan `channels` × `meetings` daily meetings ending across `window` minutes after `t0`
    (the test calls this in its own process, before the run)."""
    store = await open_store(db)
    settings = load_settings(COPROD_DB=db, COPROD_TIMEZONE="UTC")
    clock = AcceleratedClock(datetime.fromisoformat(SETUP_AT), 0.0, 0.0)
    core = Core(settings=settings, store=store, pack=load_pack(), clock=clock, features=FEATURES)
    ref0 = ConversationRef(Platform.SLACK, TEAM, channel_id(0))
    for name, value in (
        ("nudges.working_days", [0, 1, 2, 3, 4, 5, 6]),
        ("nudges.quiet_hours", "off"),
        ("nudges.daily_cap", 50),
        ("nudges.weekly_time", "23:59"),
        ("nudges.check_every_weeks", 0),
    ):
        await core.channel_settings.set(ref0, name, value, channel=False)
    for c in range(channels):
        ref = ConversationRef(Platform.SLACK, TEAM, channel_id(c), channel_name=f"team-{c}")
        for j in range(meetings):
            end = t0 + timedelta(minutes=1 + (j * channels + c) * window // (channels * meetings))
            start = end - timedelta(minutes=30)
            text = f"meeting add M{j} daily {start:%H:%M}-{end:%H:%M}"
            replies = await core.handle(Command(ref, User("USETUP"), text=text))
            assert "Added meeting" in replies[0].text, replies
    await store.close()


async def run(db: str, port: int, w0: float) -> None:
    t0 = datetime.fromisoformat(os.environ["CHAOS_T0"])
    speed = float(os.environ["CHAOS_SPEED"])
    ahead = float(os.environ.get("CHAOS_AHEAD", "0"))
    clock = AcceleratedClock(t0, w0, speed, ahead)
    settings = load_settings(COPROD_DB=db, COPROD_TIMEZONE="UTC")
    runtime = await build(settings, clock=clock)
    claim_timeout = float(os.environ.get("CHAOS_CLAIM_TIMEOUT", "180"))
    scheduler = Scheduler(
        runtime.core,
        claim_timeout=timedelta(seconds=claim_timeout),
        grace=timedelta(days=1),  # about faults and kills, not the grace window
        claim_clock=AcceleratedClaimClock(runtime.core.store, clock),
        send_timeout=claim_timeout * SEND_SHARE / speed,
    )
    try:
        async with serving(runtime, "127.0.0.1", port):
            await scheduler.start()
            print("ready", flush=True)
            await scheduler.run(every=0.05)
    finally:
        await close(runtime)


def main() -> None:
    logging.basicConfig(
        level=logging.INFO, stream=sys.stderr, format="%(process)d %(levelname)s %(message)s"
    )
    db, port = sys.argv[2], int(sys.argv[3])
    print("loaded", flush=True)
    go = sys.stdin.readline().split()  # "go <W0>": the previous process is dead
    asyncio.run(run(db, port, float(go[1])))


if __name__ == "__main__":
    main()
