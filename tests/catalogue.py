"""Every card the core can produce, made by running real commands: the input to the renderers'
snapshot tests. A feature that adds a card adds the command (and any set-up) here."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.clock import FakeClock
from bot.core import Core
from bot.model import Card, CardAction, Command, ConversationRef, Event, Platform, User
from bot.prompts import load_pack
from bot.settings import load_settings
from bot.store import TinyStore
from runtime.features import FEATURES

REF = ConversationRef(Platform.LOCAL, "local", "general", channel_name="general")
ADMIN = User("ada", "Ada")


@dataclass(frozen=True)
class Click:
    """A card action (button or form) instead of a typed command."""

    action_id: str
    value: dict[str, str] = field(default_factory=dict)


def _answers(scores: str, role: str = "", round_key: str = "local:local:general#1") -> Click:
    value = {f"p{n}": s for n, s in enumerate(scores.split(), start=1)}
    return Click("check.submit", {"round": round_key, **value, "role": role})


# (snapshot name, who, command text or Click). Keep names stable: they are snapshot file names.
# An empty name is a set-up step: it runs, and its cards are not part of the catalogue.
COMMANDS: list[tuple[str, User, str | Click]] = [
    ("help", User("alex"), "help"),
    ("principles", User("alex"), "principles"),
    ("principle-5", User("alex"), "principle 5"),
    ("privacy", User("alex"), "privacy"),
    # check: a round, its form, 5 answers, the closing post and the results; then a second
    # round with the partners–staff gap; then a third with too few answers (close asks first).
    ("check-round", User("alex"), "check"),
    ("check-already-open", User("sam"), "check"),
    ("check-form", User("sam"), Click("check.open", {"round": "local:local:general#1"})),
    ("", User("alex"), _answers("2 3 1 4 0 2 3 1", "partner")),
    ("", User("sam"), "check answer 2 2 1 3 0 2 3 1 as staff"),
    ("", User("kim"), "check answer 3 3 2 4 0 1 3 4"),
    ("", User("jo"), "check answer 2 2 2 3 0 2 2 2"),
    ("", User("lee"), "check answer 1 2 2 3 0 2 1 2"),
    ("check-closed", User("alex"), "check close"),
    ("check-results", User("alex"), "check results"),
    ("", User("alex"), "check"),
    *[
        ("", User(f"p{i}"), _answers(s, "partner", "local:local:general#2"))
        for i, s in enumerate(
            [
                "1 2 2 3 3 2 1 2",
                "2 2 1 2 3 2 2 1",
                "1 3 2 2 0 3 1 2",
                "1 2 2 2 3 2 1 2",
                "2 2 2 3 2 2 1 2",
            ]
        )
    ],
    *[
        ("", User(f"s{i}"), _answers(s, "staff", "local:local:general#2"))
        for i, s in enumerate(
            [
                "3 3 2 4 3 2 3 3",
                "4 2 2 3 4 3 3 2",
                "3 3 1 4 0 2 4 3",
                "3 3 2 4 3 3 3 3",
                "4 3 2 4 3 2 3 2",
            ]
        )
    ],
    ("check-results-gap", User("alex"), "check close"),
    ("report", User("alex"), "report"),
    ("", User("alex"), "check"),
    ("", User("sam"), _answers("2 2 2 2 2 2 2 2", round_key="local:local:general#3")),
    ("check-close-confirm", User("alex"), "check close"),
    ("check-delete-confirm", ADMIN, "admin check delete 1"),
    ("check-self-results", User("alex"), _answers("1 2 3 4 0 2 3 4", round_key="self")),
    ("admin-help", ADMIN, "admin"),
    ("admin-audit-empty", ADMIN, "admin audit"),
    ("admin-prompts", ADMIN, "admin prompts 4 reflection"),
    ("admin-settings", ADMIN, "admin settings"),
    ("jargon-check", User("alex"), "jargon We will touch base with the PCN going forward"),
    ("reflect-4", User("alex"), "reflect 4"),
    ("nudges", User("alex"), "nudges"),
    # actions ("You said, we did")
    ("actions-added", User("alex"), "action add Send the notes in easy read for @sam by Friday"),
    ("", User("alex"), "action add Hire a hall p2"),
    ("", User("alex"), "action done 2 Booked the community centre instead"),
    ("actions-list", User("alex"), "actions"),
    ("actions-mine", User("sam"), "actions mine"),
    ("actions-form", User("alex"), Click("actions.make", {"text": "Share the notes", "p": "5"})),
    ("actions-summary", User("alex"), "you said we did"),
]


def _event(who: User, step: str | Click) -> Event:
    if isinstance(step, Click):
        return CardAction(REF, who, action_id=step.action_id, value=step.value)
    return Command(REF, who, text=step)


async def cards(tmp_path: Path) -> AsyncIterator[tuple[str, Card]]:
    """Yield (name, card) for every card in the catalogue, in order."""
    store = await TinyStore(tmp_path / "catalogue.json").open()
    core = Core(
        features=FEATURES,
        settings=load_settings(COPROD_ADMINS="local:ada", COPROD_DB=str(tmp_path / "x.json")),
        store=store,
        pack=load_pack(),
        clock=FakeClock(),
    )
    try:
        for name, user, step in COMMANDS:
            replies = await core.handle(_event(user, step))
            assert not any(r.is_error for r in replies), f"catalogue step {step!r} failed"
            if not name:
                continue
            found = [r.card for r in replies if r.card is not None]
            assert found, f"catalogue entry {name!r} produced no card"
            for i, card in enumerate(found):
                yield (name if i == 0 else f"{name}-{i}"), card
    finally:
        await store.close()
