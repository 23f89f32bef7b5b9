"""Registries that make a new feature one module: commands, card actions and event listeners."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import Context
    from .model import Event, Reply

Replies = list["Reply"]
CommandHandler = Callable[["Context", str], Awaitable[Replies]]
ActionHandler = Callable[["Context"], Awaitable[Replies]]
Listener = Callable[["Context"], Awaitable[Replies]]


@dataclass(frozen=True)
class CommandSpec:
    """A `/coprod <name>` command. Its help line is the message `help.cmd.<name>`."""

    name: str
    handler: CommandHandler
    group: str
    example: str
    order: int = 100
    aliases: tuple[str, ...] = ()
    hidden: bool = False


GROUPS = ("learn", "team", "meetings", "you", "admin")

COMMANDS: dict[str, CommandSpec] = {}
ALIASES: dict[str, str] = {}
ACTIONS: dict[str, ActionHandler] = {}
LISTENERS: dict[type, list[Listener]] = {}
# `forget me`: each feature that keeps something about a person registers an eraser that
# deletes it and returns how many records went.
Eraser = Callable[["Context"], Awaitable[int]]
ERASERS: list[Eraser] = []


def command(
    name: str,
    *,
    group: str,
    example: str,
    order: int = 100,
    aliases: tuple[str, ...] = (),
    hidden: bool = False,
) -> Callable[[CommandHandler], CommandHandler]:
    """Register `handler(ctx, args)` for `/coprod <name> <args>`."""
    if group not in GROUPS:
        raise ValueError(f"unknown help group {group!r}; use one of {GROUPS}")

    def register(handler: CommandHandler) -> CommandHandler:
        COMMANDS[name] = CommandSpec(name, handler, group, example, order, aliases, hidden)
        for alias in aliases:
            ALIASES[alias] = name
        return handler

    return register


def action(prefix: str) -> Callable[[ActionHandler], ActionHandler]:
    """Register `handler(ctx)` for card actions whose id is `prefix` or starts with `prefix.`."""

    def register(handler: ActionHandler) -> ActionHandler:
        ACTIONS[prefix] = handler
        return handler

    return register


def on(event_type: type[Event]) -> Callable[[Listener], Listener]:
    """Register `handler(ctx)` for every event of `event_type` (channel messages, meetings…)."""

    def register(handler: Listener) -> Listener:
        LISTENERS.setdefault(event_type, []).append(handler)
        return handler

    return register


def eraser(handler: Eraser) -> Eraser:
    """Register `handler(ctx)` to erase what this feature holds on `ctx.user`."""
    ERASERS.append(handler)
    return handler


# Per-principle scores of a channel (1 = Not yet … 4 = Embedded) from its latest check round.
# The check feature provides them; nudges weight reflections toward the weakest principles.
ScoresProvider = Callable[["Context"], Awaitable[dict[int, float]]]
SCORES: list[ScoresProvider] = []


def scores_provider(handler: ScoresProvider) -> ScoresProvider:
    """Register the source of per-principle scores (the check feature)."""
    SCORES.append(handler)
    return handler


async def principle_scores(ctx: Context) -> dict[int, float]:
    """This channel's latest per-principle scores; empty when no round has results yet."""
    merged: dict[int, float] = {}
    for provider in SCORES:
        merged.update(await provider(ctx))
    return merged


def find_action(action_id: str) -> ActionHandler | None:
    parts = action_id.split(".")
    for cut in range(len(parts), 0, -1):
        handler = ACTIONS.get(".".join(parts[:cut]))
        if handler is not None:
            return handler
    return None


def resolve(name: str) -> CommandSpec | None:
    spec = COMMANDS.get(name) or COMMANDS.get(ALIASES.get(name, ""))
    return spec


def visible_commands() -> list[CommandSpec]:
    return sorted(
        (c for c in COMMANDS.values() if not c.hidden),
        key=lambda c: (GROUPS.index(c.group), c.order, c.name),
    )
