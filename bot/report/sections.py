"""Report sections other features add (actions done and dropped, for instance): a provider
registered here gets the report's scope and channels and returns a section, or None when its
feature has nothing to show, so the section appears only when there is data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..charts.model import Chart

if TYPE_CHECKING:
    from ..prompts import PromptPack
    from ..store import Store


@dataclass(frozen=True)
class Table:
    """A small table: its caption, column headings and rows (plain text, escaped on output)."""

    caption: str
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    """One part of the report: a heading, paragraphs of plain text, charts and tables."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()
    id: str = ""


@dataclass(frozen=True)
class Scope:
    """What a report covers: one workspace (`platform:workspace`), some of its channels, and
    the smallest group any count or result may show (`bot.check.minimum`)."""

    store: Store
    pack: PromptPack
    scope: str
    channels: tuple[str, ...]
    minimum: int
    extra: dict[str, object] = field(default_factory=dict)


Provider = Callable[[Scope], Awaitable[Section | None]]
_PROVIDERS: list[tuple[int, Provider]] = []


def report_section(order: int) -> Callable[[Provider], Provider]:
    """Register a section provider; sections appear by `order` after the check's own."""

    def register(fn: Provider) -> Provider:
        _PROVIDERS.append((order, fn))
        _PROVIDERS.sort(key=lambda p: p[0])
        return fn

    return register


def providers() -> list[Provider]:
    return [fn for _order, fn in _PROVIDERS]
