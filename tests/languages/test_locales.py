"""The shipped locales: complete, same placeholders, framework quoted, easy read easy to read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.prompts import check_folder, load_pack, load_shipped
from bot.prompts.locale import CY, EASY, speaking
from bot.prompts.models import KINDS, placeholders
from bot.prompts.pack import SHIPPED_DIR
from bot.prompts.readability import flesch, sentences, syllables

ROOT = Path(__file__).resolve().parents[2]
LOCALES = (CY, EASY)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_and_prompt_has_a_version_in_each_locale(locale: str) -> None:
    """0 missing: a new message id needs its Welsh and easy read versions too, in
    prompts/locales/cy/ and prompts/locales/en-easy/ (see docs/languages.md)."""
    report = load_shipped().reports[locale]
    assert report.missing == (), (
        f"{len(report.missing)} ids have no {locale} version in prompts/locales/{locale}/: "
        + ", ".join(report.missing[:30])
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_placeholders_match_english(locale: str) -> None:
    pack = load_shipped()
    local = pack.in_locale(locale)
    for key, text in pack.messages.items():
        assert placeholders(local.messages[key]) == placeholders(text), key


@pytest.mark.parametrize("locale", LOCALES)
def test_the_framework_stays_quoted_in_english_word_for_word(locale: str) -> None:
    pack = load_shipped()
    local = pack.in_locale(locale)
    assert local.definition == pack.definition and local.source == pack.source
    for n, en in pack.principles.items():
        p = local.principles[n]
        assert (p.statement, p.description, p.examples) == (
            en.statement,
            en.description,
            en.examples,
        )
        assert p.framework_title == en.title
        assert p.rendering is not None, f"principle {n} has no {locale} version of its text"
        assert p.rendering.statement != en.statement


@pytest.mark.parametrize("locale", LOCALES)
def test_prompts_keep_their_ids_and_kinds(locale: str) -> None:
    """Same ids in every locale, so votes and check answers count together."""
    pack = load_shipped()
    local = pack.in_locale(locale)
    for n, en in pack.principles.items():
        for kind in KINDS:
            assert [q.id for q in local.principles[n].prompts(kind)] == [
                q.id for q in en.prompts(kind)
            ]
        assert all(q.text.endswith("?") for q in local.principles[n].reflections)


def _easy_texts() -> list[str]:
    """Everything we wrote in easy read, leaving out the quoted framework."""
    pack = load_shipped()
    texts = list(pack.in_locale(EASY).messages.values())
    for p in pack.in_locale(EASY).principles.values():
        assert p.rendering is not None
        texts += [p.title, p.rendering.statement, p.rendering.description, p.rendering.examples]
        texts += [q.text for kind in KINDS for q in p.prompts(kind)]
    return texts


def test_easy_read_scores_at_least_80_for_reading_ease() -> None:
    assert flesch(_easy_texts()) >= 80


def test_easy_read_sentences_are_under_15_words() -> None:
    long = [" ".join(s) for t in _easy_texts() for s in sentences(t) if len(s) >= 15]
    assert not long, long


def test_easy_read_principles_have_a_picture_each() -> None:
    pack = load_shipped()
    assert all(p.icon for p in pack.in_locale(EASY).principles.values())


def test_the_reading_ease_formula_on_known_words() -> None:
    assert [syllables(w) for w in ("the", "people", "reading", "organisation")] == [1, 2, 2, 5]
    assert flesch(["The cat sat on the mat."]) > 100
    assert flesch(["Co-production necessitates organisational infrastructure."]) < 0


def test_say_follows_the_locale_and_falls_back_to_english(tmp_path: Path) -> None:
    pack = load_shipped()
    with speaking(CY):
        assert pack.say("help.title") == "coprod: beth alla i ei wneud"
        assert pack.principle(1).title == "Gwreiddio cyd-gynhyrchu"
    assert pack.say("help.title") == "coprod: what I can do"
    folder = tmp_path / "pack"
    (folder / "messages").mkdir(parents=True)
    (folder / "messages" / "mine.yaml").write_text('help.title: "Our team bot"\n')
    ours = load_pack(folder)
    assert ours.say("help.title") == "Our team bot"
    assert ours.reports[CY].en_only == ("help.title",)  # check-prompts says so


def test_a_pack_can_replace_any_sentence_per_locale(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    (folder / "locales" / "cy" / "messages").mkdir(parents=True)
    (folder / "locales" / "cy" / "messages" / "mine.yaml").write_text('help.title: "Ein bot ni"\n')
    (folder / "locales" / "en-easy").mkdir(parents=True)
    (folder / "locales" / "en-easy" / "principles.yaml").write_text(
        "principles:\n  - number: 1\n    reflections:\n      - id: p1.reflection.1\n"
        "        text: Did partners help from day one?\n"
    )
    pack = load_pack(folder)
    with speaking(CY):
        assert pack.say("help.title") == "Ein bot ni"
    with speaking(EASY):
        assert pack.principle(1).reflections[0].text == "Did partners help from day one?"
    assert pack.say("help.title") == "coprod: what I can do"


def test_check_prompts_reports_problems_per_locale(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    (folder / "locales" / "cy" / "messages").mkdir(parents=True)
    (folder / "locales" / "cy" / "messages" / "bad.yaml").write_text(
        'forget.done: "Wedi gorffen ({number})"\nno.such.id: "Helo"\n'
    )
    (folder / "locales" / "fr").mkdir(parents=True)
    problems = check_folder(folder)
    text = "\n".join(problems)
    assert "bad.yaml:1: forget.done: placeholders differ from English" in text
    assert "bad.yaml:2: unknown message id 'no.such.id'" in text
    assert "unknown locale 'fr'" in text


def test_check_prompts_lists_each_locale_with_what_it_misses() -> None:
    result = subprocess.run(
        [sys.executable, "app.py", "check-prompts", str(SHIPPED_DIR)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "cy: 0 missing" in result.stdout
    assert "en-easy: 0 missing" in result.stdout
