"""The bot practises what it preaches: none of its own sentences trip the checker."""

from __future__ import annotations

from bot.jargon import Lexicon, scan
from bot.prompts import load_shipped


def test_every_sentence_in_the_shipped_pack_is_plain(lexicon: Lexicon) -> None:
    pack = load_shipped()
    problems = []
    for message_id, text in pack.sentences():
        for f in scan(text, lexicon):
            problems.append(f"{message_id}: {text[f.start : f.end]!r} ({f.kind})")
    assert not problems, "\n".join(problems)


def test_the_self_check_covers_the_jargon_messages() -> None:
    ids = {i for i, _ in load_shipped().sentences()}
    assert {"jargon.warning.intro", "help.cmd.glossary", "p5.reminder.1"} <= ids
