"""The cards for plain-words tips: the private tip, the public explanation, and "What's this?"."""

from __future__ import annotations

from dataclasses import dataclass

from ..context import Context
from ..markup import plain
from ..model import Button, Buttons, Card, Text
from ..model import Context as Small
from ..prompts.framework import attribution
from .glossary import Entry, normalise
from .lexicon import Lexicon
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
    """The first occurrence of each term, in order: warnings first, then gentle suggestions."""
    seen: set[str] = set()
    out = []
    for f in findings:
        key = normalise(f.term)
        if key in seen:
            continue
        seen.add(key)
        out.append(Flagged(text[f.start : f.end], f))
    return sorted(out, key=lambda t: t.finding.level == "suggestion")


def shown(terms: list[Flagged]) -> list[Flagged]:
    """The words a tip names: at most MAX_TERMS (the card says how many more there are)."""
    return terms[:MAX_TERMS]


def worth_a_tip(terms: list[Flagged]) -> bool:
    """A tip is sent for at least one warning; gentle suggestions only ride along with one."""
    return any(t.finding.level != "suggestion" for t in terms)


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
    words for jargon (gently, for a suggestion), the advice of an existence rule, the meaning of
    a known acronym, or a note that the acronym is unexplained."""
    word = plain(t.word)
    f = t.finding
    if f.advice:
        return ctx.say(f"{card}.advice", word=word, advice=plain(f.advice))
    if f.kind == "jargon" and f.level == "suggestion":
        return ctx.say(f"{card}.suggestion", word=word, suggestions=either(ctx, f.suggestions))
    if f.kind == "jargon":
        return ctx.say(f"{card}.line", word=word, suggestions=either(ctx, f.suggestions))
    if f.suggestions:
        return ctx.say(f"{card}.acronym_known", word=word, meaning=plain(f.suggestions[0]))
    return ctx.say(f"{card}.acronym", word=word)


def _lines(ctx: Context, terms: list[Flagged], card: str, *, every: bool = False) -> Text:
    """The list of words on `card`: each shown word's line, the gentle suggestions under their
    own heading, and "and N more" when some are left off (unless `every` word is shown)."""
    listed = terms if every else shown(terms)
    warnings = [t for t in listed if t.finding.level != "suggestion"]
    gentle = [t for t in listed if t.finding.level == "suggestion"]
    lines = [f"- {_term_line(ctx, t, card)}" for t in warnings]
    if gentle:
        if warnings:
            lines.append(ctx.say(f"{card}.gentle"))
        lines += [f"- {_term_line(ctx, t, card)}" for t in gentle]
    if len(terms) > len(listed):
        lines.append(ctx.say(f"{card}.more", count=len(terms) - len(listed)))
    return Text("\n".join(lines))


def warning_card(ctx: Context, terms: list[Flagged]) -> Card:
    """The private tip to the author: at most MAX_TERMS words, and how to see the rest."""
    named = shown(terms)
    return Card(
        id="jargon.warning",
        title=ctx.say("jargon.warning.title"),
        fallback_text=ctx.say("jargon.warning.fallback", words=_word_list(named)),
        blocks=(
            Text(ctx.say("jargon.warning.intro")),
            _lines(ctx, terms, "jargon.warning"),
            Text(ctx.say("jargon.warning.outro")),
            _buttons(ctx, named, "private"),
            _citation(ctx),
        ),
    )


def explain_card(ctx: Context, terms: list[Flagged], glossary: dict[str, Entry]) -> Card:
    """The public thread reply that explains the words for readers (glossary meanings first)."""
    named = shown(terms)
    lines = []
    for t in named:
        entry = glossary.get(normalise(t.finding.term))
        if entry is not None:
            lines.append(
                ctx.say("jargon.explain.glossary", word=plain(t.word), meaning=plain(entry.meaning))
            )
        else:
            lines.append(_term_line(ctx, t, "jargon.explain"))
    body = "\n".join(f"- {line}" for line in lines)
    if len(terms) > len(named):
        body += "\n" + ctx.say("jargon.explain.more", count=len(terms) - len(named))
    return Card(
        id="jargon.explain",
        title=ctx.say("jargon.explain.title"),
        fallback_text=ctx.say("jargon.explain.fallback", words=_word_list(named)),
        blocks=(
            Text(ctx.say("jargon.explain.intro")),
            Text(body),
            _buttons(ctx, named, "explain"),
            _citation(ctx),
        ),
    )


def why_card(ctx: Context, terms: list[str], lexicon: Lexicon, *, mode: str = "") -> Card:
    """Why these words were mentioned, and how the bot holds back. `lexicon` holds the
    channel's lists with its admins' changes. For a private tip (`mode` "private"), where this
    card takes the tip's place (Teams), the "Don't show me this again" button stays on it."""
    lines = []
    for term in terms[:MAX_TERMS]:
        entry = lexicon.term(term)
        if entry is not None:
            lines.append(ctx.say("jargon.why.line", word=plain(term), why=plain(entry.why)))
        elif term:
            lines.append(ctx.say("jargon.why.acronym", word=plain(term)))
    blocks: list = [Text(ctx.say("jargon.why.intro"))]
    if lines:
        blocks.append(Text("\n".join(f"- {line}" for line in lines)))
    blocks.append(Text(ctx.say("jargon.why.holdback")))
    if mode == "private":
        optout = Button(ctx.say("jargon.button.optout"), OPTOUT_ACTION, {"mode": mode})
        blocks.append(Buttons((optout,)))
    blocks.append(_citation(ctx))
    return Card(
        id="jargon.why",
        title=ctx.say("jargon.why.title"),
        fallback_text=ctx.say("jargon.why.title") + " " + ctx.say("jargon.why.intro"),
        blocks=tuple(blocks),
    )


def check_card(ctx: Context, terms: list[Flagged]) -> Card:
    """The answer to `/coprod jargon <draft>`: every word found, however many."""
    return Card(
        id="jargon.check",
        title=ctx.say("jargon.check.title"),
        fallback_text=ctx.say("jargon.check.fallback", words=_word_list(terms)),
        blocks=(
            Text(ctx.say("jargon.check.intro")),
            _lines(ctx, terms, "jargon.warning", every=True),
            _citation(ctx),
        ),
    )
