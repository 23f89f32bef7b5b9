"""How easy a text is to read: the Flesch reading ease score, and its sentences' lengths.

Flesch reading ease = 206.835 - 1.015 x (words / sentences) - 84.6 x (syllables / words)
(Flesch, "A new readability yardstick", 1948). 80 or more is "easy"; 90 or more "very easy".
Syllables are counted the usual way without a dictionary: groups of vowels (y counts as a
vowel after the first letter), less a silent final "e" (but not "-le"), at least one per word.
Before counting, the text loses what a reader does not read as words: `code` such as commands,
{placeholders}, markdown marks and emoji."""

from __future__ import annotations

import re
from collections.abc import Iterable

_CODE = re.compile(r"`[^`]*`")
_FIELD = re.compile(r"\{[a-z_0-9]+\}")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?:;\n]+")
_VOWELS = re.compile(r"[aeiouy]+")


def clean(text: str) -> str:
    """The words a reader reads: without code, placeholders, markdown marks or emoji."""
    text = _CODE.sub(" ", text)
    text = _FIELD.sub(" ", text)
    return re.sub(r"[*_#>|]", " ", text)


def syllables(word: str) -> int:
    word = word.lower().replace("’", "'").split("'")[0]
    if len(word) <= 3:
        return 1
    if word.endswith("e") and not word.endswith("le"):
        word = word[:-1]
    count = len(_VOWELS.findall(word[0].replace("y", "") + word[1:]))
    return max(1, count)


def sentences(text: str) -> list[list[str]]:
    """The sentences of `text` (a new line or a list item ends one), each as its words."""
    out = []
    for part in _SENTENCE_END.split(clean(text)):
        words = _WORD.findall(part)
        if words:
            out.append(words)
    return out


def flesch(texts: Iterable[str]) -> float:
    """The Flesch reading ease of all `texts` read together."""
    found = [s for text in texts for s in sentences(text)]
    words = [w for s in found for w in s]
    if not words:
        return 100.0
    per_sentence = len(words) / len(found)
    per_word = sum(syllables(w) for w in words) / len(words)
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word
