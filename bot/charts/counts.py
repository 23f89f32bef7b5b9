"""A bar chart of counts (reflection votes, actions done per principle): labels and how many.

For features that count things; they bring their own title (from their own prompts) and this
adds the summary in words. Bars start at zero and values are whole numbers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..chart import Chart, ChartKind, Scale, Series

if TYPE_CHECKING:
    from ..prompts import PromptPack


def _joined(pack: PromptPack, labels: Sequence[str]) -> str:
    if len(labels) == 1:
        return labels[0]
    return pack.say("charts.counts.and", first=", ".join(labels[:-1]), last=labels[-1])


def counts_summary(pack: PromptPack, labels: Sequence[str], counts: Sequence[int]) -> str:
    """Which label has the most, out of how many in all (ties are all named)."""
    total = sum(counts)
    if not total:
        return pack.say("charts.counts.summary_none")
    top = max(counts)
    leaders = [label for label, n in zip(labels, counts, strict=True) if n == top]
    if len(leaders) == 1:
        return pack.say("charts.counts.summary", label=leaders[0], count=top, total=total)
    return pack.say(
        "charts.counts.summary_tie", labels=_joined(pack, leaders), count=top, total=total
    )


def counts_chart(
    pack: PromptPack,
    *,
    title: str,
    labels: Sequence[str],
    counts: Sequence[int],
    axis_title: str = "",
    note: str = "",
    id: str = "counts",
) -> Chart:
    """One bar per label, as long as its count."""
    if len(labels) != len(counts):
        raise ValueError("one count per label")
    if any(n < 0 for n in counts):
        raise ValueError("counts cannot be negative")
    return Chart(
        kind=ChartKind.BARS,
        id=id,
        title=title,
        summary=counts_summary(pack, labels, counts),
        labels=tuple(labels),
        series=(Series("", tuple(float(n) for n in counts)),),
        scale=Scale(low=0.0, high=None, decimals=0),
        axis_title=axis_title,
        note=note,
    )
