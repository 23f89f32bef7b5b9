"""The cards for plain-words tips: the private tip, the public explanation, and "What's this?"."""

from __future__ import annotations

from dataclasses import dataclass

from ..commands.principles import attribution
from ..context import Context
from ..markup import plain
from ..model import Button, Buttons, Card, Text
from ..model import Context as Small
from ..prompts.wordlists import JargonLists
from .glossary import Entry, normalise
from .scan import Finding

WHY_ACTION = "jargon.why"
OPTOUT_ACTION = "jargon.optout"
MAX_TERMS = 10


@dataclass(frozen=True)
class Flagged:
    """One word to mention: as the person typed it, with what the lists know about it."""

    word: str
    finding: Finding


def unique(text: str, findings: list[Finding]) -> list[Flagged]:
    """The first occurrence of each term, in order, at most MAX_TERMS."""
    seen: set[str] = set()
    out = []
    for f in findings:
        key = normalise(f.term)
        if key in seen:
            continue
        seen.add(key)
        out.append(Flagged(text[f.start : f.end], f))
    return out[:MAX_TERMS]


def either(ctx: Context, options: tuple[str, ...]) -> str:
    """`_use_, _build on_ or _make the most of_`."""
    words = [f"_{plain(o)}_" for o in options[:3]]
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {ctx.say('jargon.or')} " + words[-1]


def principle_line(ctx: Context) -> str:
    """Principle 5's own words about jargon, quoted from the pack."""
    for number in sorted(ctx.pack.principles):
        p = ctx.pack.principle(number)
        clauses = [c.strip(" .") for c in p.examples.split(",")]
        quote = next((c for c in clauses if "jargon" in c.lower()), None)
        if quote:
            return ctx.say("jargon.principle", number=p.number, title=p.title, quote=quote)
    return ""


def _citation(ctx: Context) -> Small:
    return Small(f"{principle_line(ctx)} {attribution(ctx)}")


def _buttons(ctx: Context, terms: list[Flagged], mode: str) -> Buttons:
    value = {"terms": "|".join(t.finding.term for t in terms), "mode": mode}
    return Buttons(
        (
            Button(ctx.say("jargon.button.why"), WHY_ACTION, value),
            Button(ctx.say("jargon.button.optout"), OPTOUT_ACTION, {"mode": mode}),
        )
    )


def _word_list(terms: list[Flagged]) -> str:
    return ", ".join(t.word for t in terms)


def _term_line(ctx: Context, t: Flagged, card: str) -> str:
    """One flagged word's line on `card` ("jargon.warning" or "jargon.explain"): the plainer
    words for jargon, the meaning of a known acronym, or a note that the acronym is unexplained."""
    word = plain(t.word)
    f = t.finding
    if f.kind == "jargon":
        return ctx.say(f"{card}.line", word=word, suggestions=either(ctx, f.suggestions))
    if f.suggestions:
        return ctx.say(f"{card}.acronym_known", word=word, meaning=plain(f.suggestions[0]))
    return ctx.say(f"{card}.acronym", word=word)


def warning_card(ctx: Context, terms: list[Flagged]) -> Card:
    """The private tip to the author."""
    lines = [_term_line(ctx, t, "jargon.warning") for t in terms]
    return Card(
        id="jargon.warning",
        title=ctx.say("jargon.warning.title"),
        fallback_text=ctx.say("jargon.warning.fallback", words=_word_list(terms)),
        blocks=(
            Text(ctx.say("jargon.warning.intro")),
            Text("\n".join(f"- {line}" for line in lines)),
            Text(ctx.say("jargon.warning.outro")),
            _buttons(ctx, terms, "private"),
            _citation(ctx),
        ),
    )


def explain_card(ctx: Context, terms: list[Flagged], glossary: dict[str, Entry]) -> Card:
    """The public thread reply that explains the words for readers."""
    lines = []
    for t in terms:
        entry = glossary.get(normalise(t.finding.term))
        if entry is not None:
            lines.append(
                ctx.say("jargon.explain.glossary", word=plain(t.word), meaning=plain(entry.meaning))
            )
        else:
            lines.append(_term_line(ctx, t, "jargon.explain"))
    return Card(
        id="jargon.explain",
        title=ctx.say("jargon.explain.title"),
        fallback_text=ctx.say("jargon.explain.fallback", words=_word_list(terms)),
        blocks=(
            Text(ctx.say("jargon.explain.intro")),
            Text("\n".join(f"- {line}" for line in lines)),
            _buttons(ctx, terms, "explain"),
            _citation(ctx),
        ),
    )


def why_card(ctx: Context, terms: list[str], lists: JargonLists | None = None) -> Card:
    """Why these words were mentioned, and how the bot holds back. `lists` are the channel's
    lists with its admins' changes (default: the pack's)."""
    lists = lists if lists is not None else ctx.pack.jargon
    lines = []
    for term in terms[:MAX_TERMS]:
        entry = lists.term(term)
        if entry is not None:
            lines.append(ctx.say("jargon.why.line", word=plain(term), why=plain(entry.why)))
        elif term:
            lines.append(ctx.say("jargon.why.acronym", word=plain(term)))
    blocks: list = [Text(ctx.say("jargon.why.intro"))]
    if lines:
        blocks.append(Text("\n".join(f"- {line}" for line in lines)))
    blocks += [Text(ctx.say("jargon.why.holdback")), _citation(ctx)]
    return Card(
        id="jargon.why",
        title=ctx.say("jargon.why.title"),
        fallback_text=ctx.say("jargon.why.title") + " " + ctx.say("jargon.why.intro"),
        blocks=tuple(blocks),
    )


def check_card(ctx: Context, terms: list[Flagged]) -> Card:
    """The answer to `/coprod jargon <draft>`."""
    card = warning_card(ctx, terms)
    return Card(
        id="jargon.check",
        title=ctx.say("jargon.check.title"),
        fallback_text=ctx.say("jargon.check.fallback", words=_word_list(terms)),
        blocks=(Text(ctx.say("jargon.check.intro")), card.blocks[1], _citation(ctx)),
    )
