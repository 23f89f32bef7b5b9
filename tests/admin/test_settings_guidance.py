"""Issue 16 §3: the admin settings form's guidance matches what each box accepts. Defect: the
reminders hint read "the day (Mon to Sun) and time …" (a range, and the day box takes one day)
and, in easy read, "For example, Mon 09:30" (two values, refused by either box). Now every
text box has its own hint, in every language, whose examples (in code) that box accepts."""

from __future__ import annotations

import re
from pathlib import Path

from bot.admin.registry import SettingField, setting_fields
from bot.prompts import load_shipped
from tests.admin.conftest import make_bot

CODE = re.compile(r"`([^`]+)`")
LOCALES = ("en", "cy", "en-easy")


async def fields(tmp_path: Path) -> list[SettingField]:
    """The settings form's fields of a core with every feature."""
    return setting_fields((await make_bot(tmp_path)).core.registry)


async def test_every_text_box_hint_gives_examples_that_box_accepts(tmp_path: Path) -> None:
    shipped = load_shipped()
    boxes = [f for f in await fields(tmp_path) if not f.choices]
    assert {f.setting for f in boxes} >= {
        "timezone",
        "nudges.quiet_hours",
        "nudges.weekly_day",
        "nudges.weekly_time",
    }
    for locale in LOCALES:
        pack = shipped.in_locale(locale)
        for field in boxes:
            assert field.hint, f"{field.setting} has no guidance on the form"
            examples = CODE.findall(pack.say(field.hint))
            assert examples, (locale, field.setting, pack.say(field.hint))
            assert field.example in examples, (locale, field.setting)
            for example in examples:
                field.parse(example)  # raises Invalid when the box would refuse it


async def test_the_day_box_takes_one_day_and_says_so(tmp_path: Path) -> None:
    (day,) = [f for f in await fields(tmp_path) if f.setting == "nudges.weekly_day"]
    for typed in ("Mon to Sun", "Mon 09:30", "Mon-Sun"):
        try:
            day.parse(typed)
        except Exception as exc:  # the form shows this refusal as a sentence
            assert type(exc).__name__ == "Invalid", typed
        else:
            raise AssertionError(f"the day box took {typed!r}")
