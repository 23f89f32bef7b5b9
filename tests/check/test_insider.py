"""An insider against one victim: a hypothesis state machine (issue 12's proof).

The insider is an admin who, in any order and as often as they like, opens rounds, answers,
types `forget me`, answers again, asks for results, closes rounds (and presses the confirm
button), exports in chat and from the command line, changes the minimum, deletes results, asks
for a reflection and lets time pass (rounds close on their own). A victim answers once. Honest
people answer too.

Everything runs in two worlds at once, in process, through the core and the local adapter:
world A, where the victim answers X and their twin (an honest person with the same role, who
always answers the victim's round before it closes) answers Y, and world B where they swap.
Every total is the same in both worlds, so anything the insider sees that differs between them
would reveal the victim's own answers beyond the published results. After every step:

- nothing the insider has seen (every reply to them, every public reply, every post in the
  channel, every export row in chat and from `python app.py export`) differs between A and B;
- no round counts more answers than the distinct people who answered it, and nobody is
  thanked twice for one round;
- results and export rows appear only for closed rounds that had at least the minimum then;
- what a closed round published never changes (until an admin deletes it: then it is gone).
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from adapters.local import LocalAdapter
from adapters.local.render import reply_json
from bot.clock import FakeClock
from bot.core import Core
from bot.model import CardAction, Command, ConversationRef, Event, Platform, Reply, User
from bot.nudges.scheduler import Scheduler
from bot.prompts import load_pack
from bot.settings import load_settings
from bot.store import TinyStore
from runtime.cli import main as cli
from runtime.features import FEATURES

PACK = load_pack()
REF = ConversationRef(Platform.LOCAL, "local", "general", channel_name="general")
INSIDER, VICTIM, TWIN = "ivy", "vic", "tam"
HONEST = ("h1", "h2", "h3", "h4", "h5")
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

scores = st.lists(st.integers(0, 4), min_size=8, max_size=8).map(lambda s: " ".join(map(str, s)))
roles = st.sampled_from(["", "partner", "staff", "other"])
_ROUND_HEADING = re.compile(r"Check (\d+) in this channel, (\d+) answers")


def _folder() -> Path:
    """Stores on tmpfs where there is one: TinyDB syncs every write to disk."""
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    return Path(tempfile.mkdtemp(prefix="coprod-insider-", dir=base))


@dataclass
class World:
    """One bot: its store file, core, local adapter (the channel's posts) and scheduler."""

    path: Path
    clock: FakeClock
    adapter: LocalAdapter = field(default_factory=LocalAdapter)
    core: Core | None = None
    scheduler: Scheduler | None = None
    seen_posts: int = 0

    async def start(self) -> None:
        store = await TinyStore(self.path).open()
        settings = load_settings(COPROD_DB=str(self.path), COPROD_ADMINS=f"local:{INSIDER}")
        self.core = Core(
            settings=settings, store=store, pack=PACK, clock=self.clock, features=FEATURES
        )
        self.core.register(self.adapter)
        self.scheduler = Scheduler(self.core)

    async def stop(self) -> None:
        assert self.core is not None
        await self.core.store.close()

    async def handle(self, event: Event) -> list[Reply]:
        assert self.core is not None
        return await self.core.handle(event)

    def new_posts(self) -> list[dict[str, Any]]:
        """Posts in the channel since the last look that the insider can see."""
        found = self.adapter.since(REF.channel, INSIDER, self.seen_posts)
        if found:
            self.seen_posts = max(p["seq"] for p in found)
        return [{k: v for k, v in p.items() if k != "seq"} for p in found]


def texts(reply: dict[str, Any]) -> list[str]:
    """The text of a rendered reply and of each of its card's blocks."""
    card = reply.get("card") or {"blocks": []}
    return [reply.get("text", ""), *(str(b.get("text", "")) for b in card["blocks"])]


def seen_by_insider(replies: list[Reply], who: str) -> list[dict[str, Any]]:
    """What the insider sees of these replies: all of them when the insider acted, else the
    public ones (posted in the channel)."""
    return [reply_json(r) for r in replies if who == INSIDER or not r.private]


class Insider(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.folder = _folder()
        self.worlds = [
            World(self.folder / name / "coprod.json", FakeClock(START)) for name in ("a", "b")
        ]
        for world in self.worlds:
            world.path.parent.mkdir(parents=True)
            self.run(world.start())
        self.victim: tuple[str, str] = ("", "")  # X and Y, chosen when the victim answers
        self.victim_role = ""
        self.victim_round: int | None = None
        self.twin_answered = False
        self.minimum = 5
        self.thanked: Counter[tuple[int, str]] = Counter()
        self.minimum_at_close: dict[int, int] = {}
        self.published: list[dict[int, str]] = [{}, {}]  # per world: round → what it showed
        self.exported: list[dict[int, tuple[str, ...]]] = [{}, {}]
        self.deleted: set[int] = set()
        self.seen: list[list[Any]] = [[], []]
        self.checked = [0, 0]

    def run(self, coro: Any) -> Any:
        return self.loop.run_until_complete(coro)

    def teardown(self) -> None:
        for world in self.worlds:
            self.run(world.stop())
        self.loop.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # ---- acting in both worlds ---------------------------------------------------------------

    def _rounds(self, world: int = 0) -> list[dict[str, Any]]:
        core = self.worlds[world].core
        assert core is not None
        docs = self.run(core.store.find("check_rounds"))
        return sorted(docs, key=lambda d: int(d["seq"]))

    def open_seq(self) -> int | None:
        found = [d for d in self._rounds() if d["status"] == "open"]
        return int(found[0]["seq"]) if found else None

    def act(self, who: str, make: Any) -> list[list[dict[str, Any]]]:
        """Run the event `make(world_index)` as `who` in both worlds; record what the insider
        sees there (and the channel's new posts); return it per world."""
        before = {int(d["seq"]): d["status"] for d in self._rounds()}
        shown = []
        for i, world in enumerate(self.worlds):
            replies = self.run(world.handle(make(i)))
            if any(r.is_error and r.text == PACK.say("error.unexpected") for r in replies):
                raise AssertionError(f"the bot failed: {[r.text for r in replies]}")
            seen = seen_by_insider(replies, who) + world.new_posts()
            self.seen[i].append(seen)
            shown.append(seen)
            self._thank(who, replies, i)
        self._closed_since(before)
        return shown

    def say(self, who: str, text: str) -> list[list[dict[str, Any]]]:
        return self.act(who, lambda _i: Command(REF, User(who, who), text=text))

    def click(self, who: str, action_id: str, value: dict[str, str]) -> list[list[dict[str, Any]]]:
        return self.act(who, lambda _i: CardAction(REF, User(who, who), action_id, dict(value)))

    def _thank(self, who: str, replies: list[Reply], world: int) -> None:
        if world == 0 and any(r.text.startswith(PACK.say("check.answer.thanks")) for r in replies):
            seq = self.open_seq()
            assert seq is not None, "thanked without an open round"
            self.thanked[(seq, who)] += 1

    def _closed_since(self, before: dict[int, str]) -> None:
        for doc in self._rounds():
            seq = int(doc["seq"])
            if before.get(seq) == "open" and doc["status"] != "open":
                self.minimum_at_close[seq] = self.minimum
                if seq == self.victim_round:  # (coverage, shown with --hypothesis-show-statistics)
                    event("the victim's round published" if doc["results"] else "deleted unseen")

    def answer(self, who: str, text: str) -> None:
        self.say(who, f"check answer {text}")

    def twin_first(self) -> None:
        """The twin always answers the victim's round before it can close."""
        if self.victim_round is not None and not self.twin_answered:
            if self.open_seq() == self.victim_round:
                self.twin_answered = True
                x, y = self.victim
                role = self.victim_role
                suffix = f" as {role}" if role else ""
                self.act(
                    TWIN,
                    lambda i: Command(
                        REF, User(TWIN, TWIN), text=f"check answer {(y, x)[i]}{suffix}"
                    ),
                )

    # ---- the insider -------------------------------------------------------------------------

    @initialize()
    def a_round_is_open(self) -> None:
        self.say(INSIDER, "check")

    @rule()
    def open_round(self) -> None:
        self.say(INSIDER, "check")

    @rule(answer=scores, role=roles, by_form=st.booleans())
    def insider_answers(self, answer: str, role: str, by_form: bool) -> None:
        seq = self.open_seq()
        if by_form and seq is not None:
            value = {f"p{n}": s for n, s in enumerate(answer.split(), start=1)}
            value.update(round=f"{REF.channel_key}#{seq}", role=role)
            self.click(INSIDER, "check.open", {"round": value["round"]})
            self.click(INSIDER, "check.submit", value)
        else:
            self.answer(INSIDER, answer + (f" as {role}" if role else ""))

    @rule()
    def forget_me(self) -> None:
        self.say(INSIDER, "forget me confirm")

    @rule()
    def results(self) -> None:
        self.say(INSIDER, "check results")

    @rule()
    def report(self) -> None:
        self.say(INSIDER, "report")

    @rule()
    def reflect(self) -> None:
        self.say(INSIDER, "reflect")

    @rule(how=st.sampled_from(["close", "close confirm", "button"]))
    def close(self, how: str) -> None:
        self.twin_first()
        seq = self.open_seq()
        if how == "button" and seq is not None:
            self.click(INSIDER, "check.close", {"round": f"{REF.channel_key}#{seq}"})
        else:
            self.say(INSIDER, f"check {how}")

    @rule(minimum=st.integers(2, 7))
    def set_minimum(self, minimum: int) -> None:
        self.say(INSIDER, f"admin check minimum {minimum}")
        if minimum >= 3:
            self.minimum = minimum

    @rule(seq=st.integers(1, 4))
    def delete(self, seq: int) -> None:
        closed = {int(d["seq"]) for d in self._rounds() if d["status"] == "closed"}
        self.say(INSIDER, f"admin check delete {seq} confirm")
        if seq in closed:
            self.deleted.add(seq)

    @rule()
    def export_in_chat(self) -> None:
        shown = self.say(INSIDER, "admin export")
        for i, seen in enumerate(shown):
            lines = [
                line.strip("`")
                for reply in seen
                for text in texts(reply)
                for line in text.splitlines()
                if line.strip("`").startswith("local:local,")
            ]
            self._rows(i, lines)

    @rule()
    def export_from_the_command_line(self) -> None:
        outputs = []
        for i, world in enumerate(self.worlds):
            self.run(world.stop())  # one process per TinyDB file: as an operator would
            out, err = io.StringIO(), io.StringIO()
            before = os.environ.get("COPROD_DB")
            os.environ["COPROD_DB"] = str(world.path)
            try:
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    code = cli(["export", "--format", "csv"])
                # Nothing written yet: there is no store file, and the command says so.
                assert code == 0 or (code == 2 and "does not exist" in err.getvalue())
            finally:
                if before is None:
                    os.environ.pop("COPROD_DB", None)
                else:
                    os.environ["COPROD_DB"] = before
            self.run(world.start())  # a restart: the scheduler reloads its slots
            text = out.getvalue()
            outputs.append(text)
            self.seen[i].append(text)
            self._rows(i, text.splitlines()[1:])
        assert outputs[0] == outputs[1], "the command-line export tells the worlds apart"

    @rule(hours=st.sampled_from([1, 30, 24 * 3, 24 * 7 + 1]))
    def time_passes(self, hours: int) -> None:
        self.twin_first()
        before = {int(d["seq"]): d["status"] for d in self._rounds()}
        for i, world in enumerate(self.worlds):
            world.clock.advance(hours=hours)
            assert world.scheduler is not None
            self.run(world.scheduler.tick())
            world.clock.advance(minutes=2)  # a retry, should one be due
            self.run(world.scheduler.tick())
            self.seen[i].append(world.new_posts())
        self._closed_since(before)

    # ---- everyone else -----------------------------------------------------------------------

    @precondition(lambda self: self.victim_round is None)
    @rule(x=scores, y=scores, role=roles)
    def victim_answers(self, x: str, y: str, role: str) -> None:
        seq = self.open_seq()
        if seq is None:
            return
        self.victim, self.victim_role, self.victim_round = (x, y), role, seq
        suffix = f" as {role}" if role else ""
        self.act(
            VICTIM,
            lambda i: Command(REF, User(VICTIM, VICTIM), text=f"check answer {(x, y)[i]}{suffix}"),
        )

    @precondition(lambda self: self.victim_round is not None and not self.twin_answered)
    @rule()
    def twin_answers(self) -> None:
        self.twin_first()

    @rule(
        people=st.lists(
            st.tuples(st.sampled_from(HONEST), scores, roles),
            min_size=1,
            max_size=len(HONEST),
            unique_by=lambda t: t[0],
        )
    )
    def honest_people_answer(self, people: list[tuple[str, str, str]]) -> None:
        for who, answer, role in people:
            self.answer(who, answer + (f" as {role}" if role else ""))

    # ---- what must hold ----------------------------------------------------------------------

    def _rows(self, world: int, lines: list[str]) -> None:
        by_round: dict[int, list[str]] = {}
        for row in csv.reader(lines):
            by_round.setdefault(int(row[3]), []).append(",".join(row))
        for seq, rows in by_round.items():
            self._published_only(seq, f"export row of check {seq}")
            first = self.exported[world].setdefault(seq, tuple(rows))
            assert first == tuple(rows), f"check {seq}'s exported rows changed after close"
        for seq in self.deleted:
            assert seq not in by_round, f"check {seq} was deleted but is still exported"

    def _published_only(self, seq: int, what: str) -> None:
        [doc] = [d for d in self._rounds() if int(d["seq"]) == seq]
        assert doc["status"] == "closed", f"{what} while it is {doc['status']}"
        assert doc["answered"] >= self.minimum_at_close[seq], f"{what} below the minimum"
        assert seq not in self.deleted, f"{what} after it was deleted"

    @invariant()
    def the_insider_cannot_tell_the_worlds_apart(self) -> None:
        assert self.seen[0] == self.seen[1], "what the insider saw tells the worlds apart"

    @invariant()
    def nobody_is_counted_twice(self) -> None:
        assert all(n == 1 for n in self.thanked.values()), self.thanked
        people: dict[int, set[str]] = {}
        for seq, who in self.thanked:
            people.setdefault(seq, set()).add(who)
        for i in range(2):
            core = self.worlds[i].core
            assert core is not None
            for doc in self._rounds(i):
                seq = int(doc["seq"])
                if doc["status"] == "open":
                    counted = self.run(core.store.count("check_answers", round=doc["_key"]))
                else:
                    counted = doc.get("answered") or 0
                assert counted <= len(people.get(seq, set())), (seq, counted, people)

    @invariant()
    def results_only_at_close_and_they_never_change(self) -> None:
        for i in range(2):
            new, self.checked[i] = self.seen[i][self.checked[i] :], len(self.seen[i])
            for seen in new:
                if isinstance(seen, str):
                    continue  # a command-line export: its rows are checked as it runs
                for reply in seen:
                    card = reply.get("card")
                    if card and card["id"] == "check.results":
                        self._results_card("\n".join(texts(reply)), i)

    def _results_card(self, text: str, world: int) -> None:
        heading = _ROUND_HEADING.search(text)
        assert heading is not None, text
        seq = int(heading.group(1))
        self._published_only(seq, f"results of check {seq}")
        view = text[heading.start() :]
        first = self.published[world].setdefault(seq, view)
        assert first == view, f"check {seq}'s results changed after close"


Insider.TestCase.settings = settings(
    max_examples=int(os.environ.get("COPROD_INSIDER_EXAMPLES", "40")),
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestInsider = Insider.TestCase
