"""Chaos (issue 13): the real app (`tests/chaos/child.py`: the server with the Slack adapter and
the nudge scheduler, on an accelerated clock) runs against the fake Slack Web API while that
fake drops connections after accepting, answers 5xx after accepting, answers 429 with
`Retry-After`, answers slowly and refuses connections, and the app is killed with SIGKILL at
random points, while people's slash commands (`glossary add`: a write and a private reply)
arrive. Then, after a calm spell:

- no acknowledged write is lost: every glossary entry whose confirmation reached Slack is stored;
- no nudge is posted twice on Slack (the channel histories hold each nudge id at most once);
- no nudge is lost without a logged reason: every nudge due is sent (and in the channel) or
  skipped with its reason in the app's log;
- every reply is delivered or logged as not delivered (unless its process was killed: the last
  commands come after the kills, with the faults still on).

Once with one app on TinyDB, once with two replicas on PostgreSQL, one of them with its clock
2 simulated minutes ahead (claims keep the database's clock). Bounded for `make test`;
`COPROD_SOAK=1` runs a longer soak (more channels, nudges, commands and kills; docs/nudges.md)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import re
import signal
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlencode

import aiohttp
import pytest

from bot.jargon.glossary import TABLE as GLOSSARY
from bot.scheduling.slots import expand
from bot.store import open_store
from tests.adapters.slack.conftest import SECRET, FakeSlack, fixture, serve_fake_slack, sign
from tests.chaos import child
from tests.conftest import free_port
from tests.faults import DROP, ERROR, RATE_LIMIT, SLOW, Fault
from tests.store.conftest import postgres_server, postgres_url

__all__ = ["postgres_server", "postgres_url"]  # the PostgreSQL fixtures, used here too

CHILD = Path(child.__file__)
SOAK = os.environ.get("COPROD_SOAK") == "1"
T0 = datetime.fromisoformat("2026-01-06T10:00:00+00:00")  # the meetings' window starts
RUN_FROM = T0 + timedelta(minutes=4)  # the first nudge falls due ~2 s into the run
SPEED = 60.0  # one simulated minute a real second
CLAIM_TIMEOUT = 120  # simulated seconds: 2 s real; each post is bounded to 1 s real
AHEAD = 120  # simulated seconds: the second replica's clock runs 2 minutes ahead (as far
# as the claim timeout: by its own clock every claim of the other replica looks stale at once)
CHANNELS, MEETINGS, WINDOW = (30, 6, 40) if SOAK else (12, 3, 12)
CHAOS_SECONDS = 90.0 if SOAK else 14.0  # real seconds of faults and kills
KILL_EVERY = (2.0, 5.0)  # real seconds between kills
SETTLE = 4.0  # real seconds for the last replies (a 429's wait, a slow answer) under faults
LAST_COMMANDS = 10  # sent after the kills, with the faults still on
EXPECTED = CHANNELS * MEETINGS


def _sim_ts() -> float:
    """Slack's clock for message timestamps: the simulated time, on a correct clock."""
    return (RUN_FROM + timedelta(seconds=(time.time() - W0[0]) * SPEED)).timestamp()


W0 = [0.0]  # the real start of the run (set by each test)


def _env(db: str, fake: FakeSlack, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "COPROD_DB": db,
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "CHAOS_T0": RUN_FROM.isoformat(),
        "CHAOS_SPEED": repr(SPEED),
        "CHAOS_CLAIM_TIMEOUT": str(CLAIM_TIMEOUT),
        **extra,
    }


async def _setup(db: str) -> None:
    """Plan the meetings through the real commands (in this process: no start-up to wait for)."""
    await child.setup(db, T0, WINDOW, CHANNELS, MEETINGS)


@dataclass
class App:
    """One app (a replica) on one port; restarted after each kill, each life with its own log.
    A warm spare process (everything imported, waiting for "go") makes a restart quick."""

    name: str
    db: str
    env: dict[str, str]
    logs: Path
    port: int = field(default_factory=free_port)
    proc: asyncio.subprocess.Process | None = None
    spare: asyncio.subprocess.Process | None = None
    ready: bool = False
    lives: int = 0
    files: list[IO[bytes]] = field(default_factory=list)
    killed_at: dict[int, float] = field(default_factory=dict)  # pid → when

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _spawn(self) -> asyncio.subprocess.Process:
        self.lives += 1
        log = _open_log(self.logs / f"{self.name}-{self.lives}.log")
        self.files.append(log)
        return await asyncio.create_subprocess_exec(
            sys.executable,
            str(CHILD),
            "run",
            self.db,
            str(self.port),
            env=self.env,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=log,
        )

    async def warm(self) -> None:
        """Spawn the spare now (it loads while the test sets up)."""
        if self.spare is None:
            self.spare = await self._spawn()

    async def start(self) -> None:
        """Start the spare (spawning one if there is none) and spawn the next spare."""
        proc = self.spare or await self._spawn()
        self.spare = await self._spawn()
        assert proc.stdin is not None
        proc.stdin.write(f"go {W0[0]!r}\n".encode())
        await proc.stdin.drain()
        self.proc, self.ready = proc, False
        asyncio.get_running_loop().create_task(self._wait_ready(proc))

    async def _wait_ready(self, proc: asyncio.subprocess.Process) -> None:
        assert proc.stdout is not None
        while line := await proc.stdout.readline():
            if line.strip() == b"ready" and proc is self.proc:
                self.ready = True

    def kill(self, *, chaos: bool = True) -> None:
        """kill -9 (`chaos`: a kill of the run, noted; else the end of the test)."""
        if self.proc is not None and self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):  # already reaped, not yet noted
                os.kill(self.proc.pid, signal.SIGKILL)
            if chaos:
                self.killed_at.setdefault(self.proc.pid, time.monotonic())
        self.ready = False

    async def stop(self, *, chaos: bool = True) -> None:
        self.kill(chaos=chaos)
        if self.proc is not None:
            await self.proc.wait()

    async def close(self) -> None:
        await self.stop(chaos=False)
        if self.spare is not None and self.spare.returncode is None:
            self.spare.kill()
            await self.spare.wait()
        for log in self.files:
            log.close()

    @property
    def pid(self) -> int:
        return self.proc.pid if self.proc is not None else 0


@dataclass
class Sent:
    """One slash command: which process acknowledged it, and when."""

    n: int
    pid: int
    app: App
    acked_at: float


class People:
    """Signed `glossary add` slash commands, each in its own channel with its own response
    URL, so its reply (and any log line about it) can be told apart."""

    def __init__(self, fake: FakeSlack, session: aiohttp.ClientSession) -> None:
        self.fake, self.session = fake, session
        self.count = 0
        self.acked: list[Sent] = []

    async def command(self, app: App) -> None:
        self.count += 1
        n = self.count
        form = {
            **fixture("slash_command"),
            "text": f"glossary add CHAOS{n} = meaning number {n}",
            "channel_id": f"CQ{n:04d}",
            "user_id": f"UQ{n:04d}",
            "response_url": self.fake.response_url(f"cmd-{n}"),
            "trigger_id": f"chaos.{n}",
        }
        body = urlencode(form)
        headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
        pid = app.pid
        try:
            async with self.session.post(
                f"{app.base}/slack/events", data=body.encode(), headers=headers
            ) as resp:
                if resp.status == 200:
                    self.acked.append(Sent(n, pid, app, time.monotonic()))
        except (aiohttp.ClientError, TimeoutError):
            pass  # not acknowledged (the process was down or died): Slack shows an error


def _faults(fake: FakeSlack) -> None:
    faults = [
        Fault(DROP),
        Fault(ERROR, status=502),
        Fault(ERROR, status=504),
        Fault(RATE_LIMIT, retry_after=1),
        Fault(RATE_LIMIT, retry_after=2),  # a nudge's retry would come after its 1.5 s bound
        Fault(SLOW, seconds=0.3),
        Fault(SLOW, seconds=2.0),  # past the 1.5 s bound on a nudge's post
    ]
    fake.faults.randomly("chat.postMessage", 0.4, faults, seed=13)
    fake.faults.chances["hooks"] = (0.25, tuple(faults))
    fake.faults.chances["chat.postEphemeral"] = (0.25, tuple(faults))
    light = (Fault(ERROR, status=502), Fault(RATE_LIMIT, retry_after=1), Fault(SLOW, seconds=0.3))
    fake.faults.chances["conversations.history"] = (0.05, light)


async def _chaos(apps: list[App], people: People, fake: FakeSlack, rng: random.Random) -> int:
    """Commands and kills (with the faults on) for CHAOS_SECONDS; returns how many kills."""
    loop = asyncio.get_running_loop()
    end = loop.time() + CHAOS_SECONDS
    next_kill = loop.time() + rng.uniform(*KILL_EVERY)
    next_refusal = loop.time() + rng.uniform(3, 6)
    kills = 0
    commands: set[asyncio.Task[None]] = set()
    while loop.time() < end:
        live = [a for a in apps if a.ready]
        if live:
            task = loop.create_task(people.command(rng.choice(live)))
            commands.add(task)
            task.add_done_callback(commands.discard)
        if loop.time() >= next_kill:
            victim = rng.choice(apps)
            victim.kill()
            kills += 1
            await asyncio.sleep(rng.uniform(0.0, 0.5))
            await victim.stop()
            await victim.start()
            next_kill = loop.time() + rng.uniform(*KILL_EVERY)
        if loop.time() >= next_refusal and fake.listener is not None:
            await fake.listener.refuse(rng.uniform(0.1, 0.5))
            next_refusal = loop.time() + rng.uniform(3, 6)
        await asyncio.sleep(rng.uniform(0.1, 0.4))
    if commands:
        await asyncio.gather(*commands)
    # No more kills; the faults go on: these replies must all be delivered or logged.
    if fake.listener is not None:
        await fake.listener.listening()
    await _until_ready(apps)
    for _ in range(LAST_COMMANDS):
        await people.command(rng.choice(apps))
        await asyncio.sleep(rng.uniform(0.05, 0.2))
    await asyncio.sleep(SETTLE)
    fake.faults.calm()
    return kills


async def _until_ready(apps: list[App], seconds: float = 90) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not all(a.ready for a in apps):
        assert loop.time() < deadline, "the app did not start"
        for app in apps:
            if app.proc is not None and app.proc.returncode is not None:
                raise AssertionError(f"{app.name} exited: see {app.logs}")
        await asyncio.sleep(0.05)


def _open_log(path: Path) -> IO[bytes]:
    return path.open("wb")


def _log_size(logs: Path) -> int:
    return sum(p.stat().st_size for p in logs.glob("*.log"))


def _log_text(logs: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in sorted(logs.glob("*.log")))


def _nudges_seen(fake: FakeSlack) -> Counter[str]:
    """Nudge ids in the channels' histories (what people see), by message metadata."""
    seen: Counter[str] = Counter()
    for messages in fake.history.values():
        for message in messages:
            meta = message.get("metadata") or {}
            nudge = (meta.get("event_payload") or {}).get("nudge")
            if nudge:
                seen[nudge] += 1
    return seen


async def _settled(db: str) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The due reflection slots and the glossary entries, read from the store."""
    store = await open_store(db)
    try:
        slots = [expand(d) for d in await store.find("nudge_slots")]
        due = [s for s in slots if s["kind"] == "reflection" and s["due"] < _last_due()]
        entries = {str(d.get("term", "")).upper(): d for d in await store.find(GLOSSARY)}
        return due, entries
    finally:
        await store.close()


def _last_due() -> str:
    return (T0 + timedelta(minutes=WINDOW + 10)).isoformat()


async def _quiet(fake: FakeSlack, logs: Path, *, at_least: float, still: float = 3.0) -> None:
    """Wait `at_least` seconds, then until nothing new reaches Slack or the logs for `still`
    seconds (a busy machine is slow, not stuck: no fixed deadline, only a generous cap)."""
    loop = asyncio.get_running_loop()
    began = loop.time()
    await asyncio.sleep(at_least)
    last, since = None, loop.time()
    while loop.time() - since < still and loop.time() - began < 120:
        now = (len(fake.calls), _log_size(logs))
        if now != last:
            last, since = now, loop.time()
        await asyncio.sleep(0.2)


def _check(
    fake: FakeSlack,
    people: People,
    slots: list[dict[str, Any]],
    entries: dict[str, dict[str, Any]],
    logs: Path,
) -> str:
    log = _log_text(logs)
    # No nudge posted twice on Slack.
    seen = _nudges_seen(fake)
    doubles = {n: k for n, k in seen.items() if k > 1}
    assert not doubles, f"posted twice: {doubles}"
    # No nudge lost without a logged reason.
    assert len(slots) == EXPECTED, len(slots)
    states = Counter(s["state"] for s in slots)
    assert set(states) <= {"sent", "skipped"}, states
    for slot in slots:
        if slot["state"] == "sent":
            assert seen[slot["nudge"]] == 1, f"marked sent, not in the channel: {slot}"
        else:
            assert f"Skipped nudge {slot['_key']}: {slot['reason']}" in log, slot
    # Replies: delivered (through the response URL, or privately) or logged as not delivered.
    delivered = {name for method, name in fake.delivered if method == "hooks"}
    ephemeral = {channel for method, channel in fake.delivered if method == "chat.postEphemeral"}
    unlogged = []
    for sent in people.acked:
        reached = f"cmd-{sent.n}" in delivered or f"CQ{sent.n:04d}" in ephemeral
        if reached:  # an acknowledged write: the person was told it is saved
            assert f"CHAOS{sent.n}" in entries, f"confirmed but not stored: CHAOS{sent.n}"
            continue
        if sent.pid in sent.app.killed_at:
            continue  # its process was killed (perhaps first): then nobody can log it
        if not re.search(rf"channel CQ{sent.n:04d}\b.*failed|failed.*CQ{sent.n:04d}\b", log):
            unlogged.append(sent.n)
    assert not unlogged, f"replies neither delivered nor logged: {unlogged}"
    survived = [s for s in people.acked if s.pid not in s.app.killed_at]
    assert len(survived) >= LAST_COMMANDS and len(people.acked) >= 15, len(people.acked)
    sent_count, skipped = states["sent"], states["skipped"]
    reasons = Counter(s.get("reason") for s in slots if s["state"] == "skipped")
    return (
        f"{EXPECTED} nudges: {sent_count} sent once, {skipped} skipped with a logged reason "
        f"{dict(reasons)}; {len(people.acked)} commands acknowledged; faults given "
        f"{dict(Counter(fake.faults.given))}, "
        f"{len(fake.of('chat.postMessage'))} chat.postMessage calls"
    )


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    slack = FakeSlack()
    slack.now = _sim_ts
    listener = await serve_fake_slack(slack)
    yield slack
    await listener.stop()


async def _run(apps: list[App], fake: FakeSlack, logs: Path, seed: int) -> tuple[People, int]:
    rng = random.Random(seed)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
        people = People(fake, session)
        try:
            _faults(fake)  # from the first start: nudges fall due while the apps start
            for app in apps:
                await app.start()
            await _until_ready(apps)
            kills = await _chaos(apps, people, fake, rng)
            await _until_ready(apps)
            # Calm: past the last due nudge, then the claim timeout twice, then quiet.
            last_due = (T0 + timedelta(minutes=WINDOW + 6) - RUN_FROM).total_seconds() / SPEED
            remaining = max(0.0, W0[0] + last_due - time.time())
            await _quiet(fake, logs, at_least=remaining + 2 * CLAIM_TIMEOUT / SPEED)
        finally:
            for app in apps:
                await app.close()
    return people, kills


async def test_chaos_one_app_on_tinydb_faults_and_kill_9(fake: FakeSlack, tmp_path: Path) -> None:
    db = str(tmp_path / "data" / "coprod.json")
    logs = tmp_path / "logs"
    logs.mkdir()
    app = App("app", db, _env(db, fake), logs)
    await app.warm()
    await _setup(db)
    W0[0] = time.time()
    people, kills = await _run([app], fake, logs, seed=13)
    slots, entries = await _settled(db)
    summary = _check(fake, people, slots, entries, logs)
    assert kills >= 2
    print(f"\nchaos, one app, {kills} kills: {summary}")


async def test_chaos_two_replicas_on_postgresql_one_clock_two_minutes_ahead(
    fake: FakeSlack, tmp_path: Path, postgres_url: str
) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    apps = [
        App("a", postgres_url, _env(postgres_url, fake), logs),
        App("b", postgres_url, _env(postgres_url, fake, CHAOS_AHEAD=str(AHEAD)), logs),
    ]
    for app in apps:
        await app.warm()
    await _setup(postgres_url)
    W0[0] = time.time()
    people, kills = await _run(apps, fake, logs, seed=14)
    slots, entries = await _settled(postgres_url)
    summary = _check(fake, people, slots, entries, logs)
    assert kills >= 2
    print(f"\nchaos, two replicas (one 2 min ahead), {kills} kills: {summary}")
