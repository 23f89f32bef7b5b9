"""What a feature can bring: the handler types, and the decorators that mark each handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .context import Context
    from .model import Event, Reply
    from .store import Doc

Replies = list["Reply"]
CommandHandler = Callable[["Context", str], Awaitable[Replies]]
ActionHandler = Callable[["Context"], Awaitable[Replies]]
Listener = Callable[["Context"], Awaitable[Replies]]
# `forget me`: each feature that keeps something about a person brings an eraser that
# deletes it and returns how many records went.
Eraser = Callable[["Context"], Awaitable[int]]
# Per-principle scores of a channel (1 = Not yet … 4 = Embedded) from its latest check round.
# The check feature provides them; nudges weight reflections toward the weakest principles.
ScoresProvider = Callable[["Context"], Awaitable[dict[int, float]]]
# A one-off post's handler (`bot/scheduling/one_off.py`): called with the slot when it falls
# due; the post, or None when there is nothing to post.
OneOffHandler = Callable[[Any, "Doc"], Awaitable["Reply | None"]]
# Replies to text that names no command ("thanks", "hello"), or an empty list.
SmallTalk = Callable[["Context", str], Replies]

MARK = "__coprod__"  # the attribute where the decorators below note what a handler is for
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class CommandSpec:
    """A `/coprod <name>` command. Its help line is the message `help.cmd.<name>`; `example`
    is the message id of a runnable example (`help.example.<name>`, in command_forms.yaml)."""

    name: str
    handler: CommandHandler
    group: str
    example: str
    order: int = 100
    aliases: tuple[str, ...] = ()
    hidden: bool = False


GROUPS = ("learn", "team", "meetings", "you", "admin")


def mark(handler: F, kind: str, value: object) -> F:
    """Note on `handler` that it is a `kind` (command, action, …); `Feature.collect` reads it."""
    marks: list[tuple[str, object]] = handler.__dict__.setdefault(MARK, [])
    marks.append((kind, value))
    return handler


def command(
    name: str,
    *,
    group: str,
    example: str,
    order: int = 100,
    aliases: tuple[str, ...] = (),
    hidden: bool = False,
) -> Callable[[CommandHandler], CommandHandler]:
    """Mark `handler(ctx, args)` as the handler of `/coprod <name> <args>`."""
    if group not in GROUPS:
        raise ValueError(f"unknown help group {group!r}; use one of {GROUPS}")

    def register(handler: CommandHandler) -> CommandHandler:
        spec = CommandSpec(name, handler, group, example, order, aliases, hidden)
        return mark(handler, "command", spec)

    return register


def action(prefix: str) -> Callable[[ActionHandler], ActionHandler]:
    """Mark `handler(ctx)` for card actions whose id is `prefix` or starts with `prefix.`."""

    def register(handler: ActionHandler) -> ActionHandler:
        return mark(handler, "action", prefix)

    return register


def on(event_type: type[Event]) -> Callable[[Listener], Listener]:
    """Mark `handler(ctx)` for every event of `event_type` (channel messages, meetings…)."""

    def register(handler: Listener) -> Listener:
        return mark(handler, "listener", event_type)

    return register


def eraser(handler: Eraser) -> Eraser:
    """Mark `handler(ctx)` as what erases this feature's records of `ctx.user`."""
    return mark(handler, "eraser", None)


def scores_provider(handler: ScoresProvider) -> ScoresProvider:
    """Mark `handler(ctx)` as the source of per-principle scores (the check feature)."""
    return mark(handler, "scores", None)


def one_off(kind: str) -> Callable[[OneOffHandler], OneOffHandler]:
    """Mark `handler(core, slot)` as what posts the one-off slots of `kind` (a name no nudge
    kind uses) when they fall due (`bot/scheduling/one_off.py`)."""

    def register(handler: OneOffHandler) -> OneOffHandler:
        return mark(handler, "one_off", kind)

    return register
