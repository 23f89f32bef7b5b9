"""How well the plain-words checker does on the labelled evaluation sets.

It prints recall, precision and every miss and false alarm.

Run: .venv/bin/python -m bench.jargon_quality  (targets: recall ≥ 0.95 and precision ≥ 0.95)

The sets are tests/jargon/evaluation.yaml, the held-out evaluation_held_out.yaml and the
never-fitted evaluation_fresh.yaml (see their headers), scored separately. A labelled word
counts as found when a finding overlaps it; a finding counts as right when it overlaps a
labelled word. Short forms defined in a sentence's `earlier` messages count as explained, as
they do in a channel."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.jargon import Lexicon, compiled, scan
from bot.jargon.acronyms import definitions
from bot.prompts import load_shipped

SETS = Path(__file__).resolve().parents[1] / "tests" / "jargon"
SET = SETS / "evaluation.yaml"
HELD_OUT = SETS / "evaluation_held_out.yaml"
FRESH = SETS / "evaluation_fresh.yaml"  # never fitted: how the lists do on new words
TARGET = 0.95


@dataclass
class Score:
    labels: int = 0
    found: int = 0
    findings: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.labels if self.labels else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.findings if self.findings else 1.0


def span(text: str, label: str) -> tuple[int, int]:
    """Where `label` ("word" or "word#2" for its second occurrence) is in `text`."""
    word, _, nth = label.partition("#")
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    found = list(pattern.finditer(text))
    index = int(nth or 1) - 1
    if index >= len(found):
        raise ValueError(f"label {label!r} is not in {text!r}")
    return found[index].span()


def sentences(path: Path = SET) -> list[dict]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"])


def evaluate(lexicon: Lexicon, items: list[dict]) -> Score:
    score = Score()
    for item in items:
        text = item["text"]
        explained: set[str] = set()
        for earlier in item.get("earlier", ()):
            explained |= definitions(earlier)
        findings = scan(text, lexicon, explained)
        labels = [(w, span(text, w)) for w in item.get("flag", ())]
        for label in item.get("keep", ()):
            span(text, label)  # a typo in a label must not pass silently
        for word, (s, e) in labels:
            score.labels += 1
            if any(f.start < e and s < f.end for f in findings):
                score.found += 1
            else:
                score.misses.append(f"{word!r} in {text!r}")
        for f in findings:
            score.findings += 1
            if any(f.start < e and s < f.end for _w, (s, e) in labels):
                score.right += 1
            else:
                score.false_alarms.append(f"{text[f.start : f.end]!r} ({f.kind}) in {text!r}")
    return score


def report(name: str, items: list[dict], score: Score) -> None:
    print(f"## {name}: {len(items)} messages, {score.labels} labelled words")
    print(f"recall: {score.recall:.3f} ({score.found} of {score.labels} labelled words found)")
    print(f"precision: {score.precision:.3f} ({score.right} of {score.findings} findings right)")
    print(f"misses ({len(score.misses)}):")
    for line in score.misses:
        print(f"  - {line}")
    print(f"false alarms ({len(score.false_alarms)}):")
    for line in score.false_alarms:
        print(f"  - {line}")


def main() -> None:
    lexicon = compiled(load_shipped().jargon)
    print("# plain-words quality")
    met = True
    for path in (SET, HELD_OUT, FRESH):
        items = sentences(path)
        score = evaluate(lexicon, items)
        report(path.name, items, score)
        if path != FRESH:
            met = met and score.recall >= TARGET and score.precision >= TARGET
    print(
        f"targets: recall and precision ≥ {TARGET} on {SET.name} and {HELD_OUT.name}: "
        f"{'met' if met else 'MISSED'} ({FRESH.name} is never fitted, so it is reported only)"
    )


if __name__ == "__main__":
    main()
