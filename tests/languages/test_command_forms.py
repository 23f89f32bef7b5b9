"""Issue 14 and 21: the command forms (usage lines and examples, `command_forms.yaml`) are
messages, and in every locale they keep the command words English: only `<placeholders>` (and
free text such as a question's wording) translate. Every example in every locale still runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.prompts import load_shipped
from bot.prompts.locale import CY, EASY, LOCALES, speaking
from bot.prompts.pack import is_command_form
from runtime.features import shipped_admin_commands, visible_commands
from tests.admin.conftest import make_bot

PACK = load_shipped()
PLACEHOLDER = re.compile(r"<[^<>]*>|\[[A-Za-z]+\]")  # <zone>, [principle]; not [vote|talk]


def command_words(usage: str) -> str:
    return PLACEHOLDER.sub("<>", usage)


@pytest.mark.parametrize("locale", [CY, EASY])
def test_usage_lines_keep_their_command_words(locale: str) -> None:
    en, local = PACK.in_locale("en").messages, PACK.in_locale(locale).messages
    usages = [k for k in en if k.startswith("admin.usage.")]
    assert len(usages) > 25
    for key in usages:
        assert command_words(local[key]) == command_words(en[key]), (locale, key, local[key])


@pytest.mark.parametrize("locale", LOCALES)
def test_examples_start_with_their_command(locale: str) -> None:
    local = PACK.in_locale(locale).messages
    for spec in shipped_admin_commands():
        for key in spec.examples:
            assert local[key].startswith(f"/coprod admin {spec.name}"), (locale, key)
        for key in spec.usage:
            assert local[key].startswith(f"admin {spec.name}"), (locale, key)
    for command in visible_commands():
        assert local[command.example].startswith(f"/coprod {command.name}"), (locale, command)


def test_every_command_form_is_shown_as_a_command() -> None:
    forms = [k for k in PACK.messages if is_command_form(k)]
    declared = {k for s in shipped_admin_commands() for k in (*s.usage, *s.examples)}
    declared |= {c.example for c in visible_commands()}
    assert set(forms) == declared  # no form left over, none missing


async def test_every_welsh_admin_example_runs(tmp_path: Path) -> None:
    """The Welsh examples an admin copies from Welsh help are accepted as the English ones are."""
    bot = await make_bot(tmp_path)
    await bot.run("admin admins add @sam")  # so that removing @sam has someone to remove
    with speaking(CY):
        examples = [PACK.say(k) for s in shipped_admin_commands() for k in s.examples]
    for example in examples:
        replies = await bot.run(example.removeprefix("/coprod "))
        assert replies and not any(r.is_error for r in replies), (example, replies[0].text)
