"""The effective-prompts matrix, shared by the local, Slack and Teams wire tests.

For every prompt kind × scope (channel, workspace, the operator's pack) × change (edit, add,
disable, enable), make the change the way an admin (or operator) makes it, then make the next
post of that kind go out through the adapter and check what it says:

- reflection: `reflect 4` typed in the channel;
- reminder and next step: the principle of the week, composed and sent as the scheduler does;
- check statement: the check form opened from the round card's Answer button.

Each case starts from a clean slate (no admin changes, the shipped pack), and narrows the
prompts a post can choose from (with the overrides API, not under test here) so the one post
it makes must show the change. A pack change is what a restart with the changed
COPROD_PROMPTS_DIR loads: the running core's pack is swapped."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bot.core import Core
from bot.model import Buttons, CardAction, Command, ConversationRef, Reply, User
from bot.nudges.cards import nudge_reply
from bot.nudges.content import compose, nudge_id
from bot.prompts import PromptPack, load_shipped
from bot.prompts.models import Kind
from bot.prompts.overrides import TABLE, Entry
from bot.prompts.pack import apply_overlay
from bot.schedule import load_schedule

NUMBER = 4
KINDS: tuple[Kind, ...] = ("reflection", "reminder", "check_statement", "next_step")
SCOPES = ("channel", "workspace", "pack")
CHANGES = ("edit", "add", "disable", "enable")
ADMIN = User("matrix-admin", "Admin", platform_admin=True)
WORDS = {
    "reflection": "reflection",
    "reminder": "reminder",
    "check_statement": "check",
    "next_step": "next",
}
YAML_KEY = {
    "reflection": "reflections",
    "reminder": "reminders",
    "next_step": "next_steps",
    "check_statement": "check_statement",
}
# One check statement per principle: a pack writes it (edit, add) but has no second one to
# fall back on, so a pack cannot turn it off (the principle would have none).
NOT_APPLICABLE = {("check_statement", "pack", "disable"), ("check_statement", "pack", "enable")}


@dataclass(frozen=True)
class Case:
    kind: Kind
    scope: str
    change: str

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.scope}-{self.change}"

    @property
    def words(self) -> str:
        """Wording nobody else uses, so seeing it proves the change reached the post."""
        return f"Zebra {self.kind.replace('_', ' ')} {self.scope} {self.change} wording"


CASES = [
    Case(k, s, c) for k in KINDS for s in SCOPES for c in CHANGES if (k, s, c) not in NOT_APPLICABLE
]


class Driver(Protocol):
    """One adapter at the wire. Each method returns every word the platform was sent."""

    core: Core
    ref: ConversationRef
    folder: Path

    async def reflect(self, number: int) -> str: ...

    async def click(self, action_id: str, value: dict[str, str]) -> str: ...

    async def send(self, reply: Reply) -> str: ...


def use_pack(core: Core, pack: PromptPack) -> None:
    """What a restart with another prompt pack loads."""
    core.pack = pack
    core.prompt_overrides.pack = pack


async def admin(driver: Driver, text: str) -> None:
    """An admin command; a new check statement is confirmed with its button, as admins do."""
    replies = await driver.core.handle(Command(driver.ref, ADMIN, text=text))
    assert replies and not any(r.is_error for r in replies), text
    assert "admin.invalid" not in str(replies)
    for reply in replies:
        for block in reply.card.blocks if reply.card else ():
            for button in block.buttons if isinstance(block, Buttons) else ():
                if button.action_id == "admin.prompts.add_check":
                    event = CardAction(
                        driver.ref, ADMIN, action_id=button.action_id, value=button.value
                    )
                    confirmed = await driver.core.handle(event)
                    assert confirmed and not any(r.is_error for r in confirmed), text


async def _entry(driver: Driver, prompt_id: str) -> Entry:
    found = await driver.core.prompt_overrides.find(driver.ref, prompt_id, channel=True)
    assert found is not None, prompt_id
    return found


async def _switch(driver: Driver, prompt_id: str, *, channel: bool, off: bool) -> None:
    """Setup (not under test): turn a prompt off or on at one level with the overrides API."""
    entry = await _entry(driver, prompt_id)
    await driver.core.prompt_overrides.change(
        driver.ref, entry, channel=channel, by="test", at="2026-01-05T09:00:00+00:00", disabled=off
    )


async def _only(driver: Driver, kind: Kind, keep: list[str]) -> None:
    """Setup: in this channel, turn off every prompt of `kind` but `keep`."""
    for entry in await driver.core.prompt_overrides.entries(driver.ref, kind=kind, number=NUMBER):
        if entry.id not in keep:
            await _switch(driver, entry.id, channel=True, off=True)


def _pack(
    driver: Driver, case: Case, name: str, prompt_id: str, text: str, *, off: bool = False
) -> PromptPack:
    folder = driver.folder / f"{case.id}-{name}"
    folder.mkdir(parents=True, exist_ok=True)
    item = f"id: {prompt_id}\n        text: {text}\n        disabled: {str(off).lower()}"
    key = YAML_KEY[case.kind]
    if case.kind == "check_statement":
        body = f"    {key}:\n        {item}\n"
    else:
        body = f"    {key}:\n      - {item}\n"
    (folder / "principles.yaml").write_text(f"principles:\n  - number: {NUMBER}\n{body}")
    return apply_overlay(load_shipped(), folder)


async def _added(driver: Driver, kind: Kind, shipped: list[str]) -> list[str]:
    entries = await driver.core.prompt_overrides.entries(driver.ref, kind=kind, number=NUMBER)
    return [e.id for e in entries if e.id not in shipped]


async def _post(driver: Driver, kind: Kind) -> str:
    """The next post of `kind`, through the adapter; every word the platform was sent."""
    core, ref = driver.core, driver.ref
    if kind == "reflection":
        return await driver.reflect(NUMBER)
    if kind in ("reminder", "next_step"):
        schedule = await load_schedule(core.channel_settings, ref)
        key = f"{ref.channel_key}|weekly|matrix|{core.clock.now().isoformat()}"
        content, _ = await compose(
            core, ref, "weekly", key, {"next_principle": NUMBER}, schedule, core.clock.now()
        )
        return await driver.send(nudge_reply(core.pack, "weekly", content, nudge_id(key)))
    replies = await core.handle(Command(ref, ADMIN, text="check"))
    for reply in replies:
        for block in reply.card.blocks if reply.card else ():
            if isinstance(block, Buttons):
                for button in block.buttons:
                    if button.action_id == "check.open":
                        return await driver.click("check.open", dict(button.value))
    raise AssertionError(f"no Answer button in {replies}")


async def run_case(driver: Driver, case: Case, shipped: PromptPack) -> None:
    """Apply `case`'s change from a clean slate; assert the next post of its kind shows it."""
    core, ref = driver.core, driver.ref
    await core.store.delete_where(TABLE, scope=ref.scope)
    use_pack(core, shipped)
    kind, words = case.kind, case.words
    ids = [q.id for q in shipped.principles[NUMBER].prompts(kind)]
    texts = {q.id: q.text for q in shipped.principles[NUMBER].prompts(kind)}
    target = ids[0]
    where = " --all" if case.scope == "workspace" else ""
    shown: str
    hidden: str | None = None

    if case.change == "edit":
        if kind != "check_statement":
            await _only(driver, kind, [target])
        if case.scope == "pack":
            use_pack(core, _pack(driver, case, "v1", target, words))
        else:
            await admin(driver, f"admin prompts edit {target} {words}{where}")
        shown = words
    elif case.change == "add":
        if case.scope == "pack":
            use_pack(core, _pack(driver, case, "v1", f"p{NUMBER}.{WORDS[kind]}.pack1", words))
        else:
            await admin(driver, f"admin prompts add {NUMBER} {WORDS[kind]} {words}{where}")
        if kind != "check_statement":
            added = await _added(driver, kind, ids)
            await _only(driver, kind, added)
        shown = words
    elif case.change == "disable":
        if kind == "check_statement":
            # Add a second statement (it wins), then turn it off: the shipped one is back.
            await admin(driver, f"admin prompts add {NUMBER} check {words}{where}")
            (added,) = await _added(driver, kind, ids)
            await admin(driver, f"admin prompts disable {added}{where}")
            shown, hidden = texts[target], words
        else:
            other = ids[1]
            await _only(driver, kind, [target, other])
            if case.scope == "pack":
                use_pack(core, _pack(driver, case, "v1", target, texts[target], off=True))
            else:
                await admin(driver, f"admin prompts disable {target}{where}")
            shown, hidden = texts[other], texts[target]
    else:  # enable
        if kind == "check_statement":
            await admin(driver, f"admin prompts add {NUMBER} check {words} --all")
            (added,) = await _added(driver, kind, ids)
            await _switch(driver, added, channel=False, off=True)
            await admin(driver, f"admin prompts enable {added}{where}")
            shown = words
        else:
            await _only(driver, kind, [target])
            if case.scope == "pack":
                use_pack(core, _pack(driver, case, "v1", target, words, off=True))
                use_pack(core, _pack(driver, case, "v2", target, words, off=False))
            else:
                await _switch(driver, target, channel=False, off=True)
                await admin(driver, f"admin prompts enable {target}{where}")
            shown = texts[target] if case.scope != "pack" else words
    said = await _post(driver, kind)
    assert shown in said, f"{case.id}: {shown!r} not in the post:\n{said[:2000]}"
    if hidden is not None:
        assert hidden not in said, f"{case.id}: {hidden!r} still in the post"


async def run_all(driver: Driver) -> None:
    """Every case on one adapter, one server: the slowest part is the wire, not set-up."""
    shipped = load_shipped()
    failures = []
    for case in CASES:
        try:
            await run_case(driver, case, shipped)
        except AssertionError as exc:
            failures.append(str(exc))
    use_pack(driver.core, shipped)
    assert not failures, f"{len(failures)} of {len(CASES)} cases failed:\n" + "\n".join(failures)


# ---- reflection kinds at the wire (issue 15) -------------------------------------------------

VOTE_QUESTION = "p4.reflection.2"  # "Did everyone get a fair chance to speak and be heard today?"
TALK_QUESTION = "p4.reflection.3"  # "What did staff learn from partners today, …"


async def only_question(driver: Driver, prompt_id: str) -> str:
    """Setup: this channel's reflections on principle 4 ask `prompt_id` alone; its text."""
    await driver.core.store.delete_where(TABLE, scope=driver.ref.scope)
    await _only(driver, "reflection", [prompt_id])
    return (await _entry(driver, prompt_id)).text


async def check_reflection_kinds(driver: Driver) -> None:
    """A vote question gets four buttons, none styled to suggest an answer; an open question
    gets no vote buttons and the invitation to talk in the thread."""
    pack = driver.core.pack
    vote_text = await only_question(driver, VOTE_QUESTION)
    vote_post = await driver.reflect(NUMBER)
    assert vote_text in vote_post
    for label in ("yes", "partly", "no", "skip"):
        assert pack.say(f"nudge.vote.{label}") in vote_post
    assert '"primary"' not in vote_post and '"positive"' not in vote_post
    assert pack.say("nudge.reflection.talk") not in vote_post

    talk_text = await only_question(driver, TALK_QUESTION)
    talk_post = await driver.reflect(NUMBER)
    assert talk_text.split(",")[0] in talk_post
    assert pack.say("nudge.reflection.talk") in talk_post
    assert "nudges.vote" not in talk_post and pack.say("nudge.vote.partly") not in talk_post
    await driver.core.store.delete_where(TABLE, scope=driver.ref.scope)


# ---- tallies at the wire (issue 15) ----------------------------------------------------------


class Voter(Protocol):
    async def vote(self, user: int, value: dict[str, str]) -> str: ...

    async def updated(self) -> str:
        """Every word of the card replacements (or, where the platform cannot replace a card,
        the follow-ups) the platform was sent since the last call."""
        ...


async def check_tallies(driver: Driver, voter: Voter, in_place: bool) -> None:
    """A scheduled reflection with one vote question; five people answer; the next reflection
    closes its votes and the tally shows: on the card in place (Slack, Teams) or in a
    follow-up (local chat). A sixth answer after the close is not counted."""
    from bot.nudges.scheduler import Scheduler

    core = driver.core
    pack = core.pack
    await only_question(driver, VOTE_QUESTION)
    start = core.clock.now()
    replies = await core.handle(
        Command(driver.ref, ADMIN, text="meeting add Stand-up daily 09:00-09:20")
    )
    assert "Added meeting" in str(replies)
    scheduler = Scheduler(core)
    await scheduler.start()
    core.clock.set(start.replace(hour=9, minute=25))  # type: ignore[attr-defined]
    assert (await scheduler.tick()).sent >= 1
    posts = await core.store.find("reflection_posts")
    (post,) = [
        p for p in posts if p["channel_key"] == driver.ref.channel_key and p["state"] == "open"
    ]
    assert post["message_id"], "the scheduled post's id was kept"
    content = post["content"]
    (asked, *_) = [
        q for q, k in zip(content["questions"], content["kinds"], strict=True) if k == "vote"
    ]
    value = {"nudge": post["nudge"], "q": asked}
    for user, answer in enumerate(("yes", "yes", "partly", "no", "yes")):
        said = await voter.vote(user, {**value, "v": answer})
        assert "counted without your name" in said, said
    await voter.updated()
    await driver.reflect(NUMBER)  # the next reflection closes the votes
    shown = await voter.updated()
    assert "5 answered: Yes 3, Partly 1, No 1." in shown, shown
    if in_place:
        assert pack.say("nudge.reflection.closed") in shown
        assert "nudges.vote" not in shown  # the buttons gave way to the tally
    late = await voter.vote(9, {**value, "v": "no"})
    assert pack.say("nudge.vote.closed") in late
    await core.store.delete_where(TABLE, scope=driver.ref.scope)


async def check_asked_tallies(
    driver: Driver, voter: Voter, in_place: bool, picture: str = ""
) -> None:
    """The same for a reflection someone asked for with `reflect` (a reply to the command,
    not a scheduled post): its tally replaces the card where the platform can, too, with the
    tally as a chart (issue 18): `picture` is what the platform's chart looks like on the wire."""
    core = driver.core
    await only_question(driver, VOTE_QUESTION)
    await voter.updated()
    await driver.reflect(NUMBER)
    posts = await core.store.find("reflection_posts", channel_key=driver.ref.channel_key)
    (post,) = [p for p in posts if p["state"] == "open"]
    if in_place:
        assert post["message_id"], "the asked-for post's id was kept"
    value = {"nudge": post["nudge"], "q": VOTE_QUESTION}
    for user, answer in enumerate(("no", "yes", "partly", "no", "no")):
        said = await voter.vote(user, {**value, "v": answer})
        assert "counted without your name" in said, said
    await voter.updated()
    await driver.reflect(NUMBER)  # the next reflection closes the votes
    shown = await voter.updated()
    assert "5 answered: Yes 1, Partly 1, No 3." in shown, shown
    if in_place:
        assert core.pack.say("nudge.reflection.closed") in shown
        assert "nudges.vote" not in shown
    if picture:
        assert picture in shown, shown[:3000]
        assert "No has the most, 3 of 5 in all." in shown  # the chart's words, for everyone
    await core.store.delete_where(TABLE, scope=driver.ref.scope)
    await core.store.delete_where("reflection_posts", scope=driver.ref.scope)
