"""Report sections other features add (actions done and dropped, for instance): a provider a
feature brings (marked `@report_section`, kept in the Core's registry) gets the report's scope
and channels and returns a section, or None when its feature has nothing to show, so the
section appears only when there is data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..chart import Chart
from ..marks import mark

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
    the smallest group any count or result may show (`bot.anonymity`). `channels` are the
    channels with checks; `only` is the one channel asked for, if any (`--channel`)."""

    store: Store
    pack: PromptPack
    scope: str
    channels: tuple[str, ...]
    minimum: int
    extra: dict[str, object] = field(default_factory=dict)
    only: str | None = None
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))

    def day(self, text: str | None) -> str:
        """A stored UTC time as a date in the team's time zone (`when`)."""
        return when(self.pack, text, self.zone)


def when(pack: PromptPack, text: str | None, zone: ZoneInfo) -> str:
    """A stored UTC minute ("2026-03-02T10:00") as a date in the team's time zone."""
    if not text:
        return ""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(zone)
    return f"{local.day} {pack.say(f'date.month.{local.month}')} {local.year}"


Provider = Callable[[Scope], Awaitable[Section | None]]


def report_section(order: int) -> Callable[[Provider], Provider]:
    """Mark a section provider for its feature's `Feature` (`collect` reads the mark); the
    sections appear by `order` after the check's own."""

    def register(fn: Provider) -> Provider:
        return mark(fn, "report_section", order)

    return register
