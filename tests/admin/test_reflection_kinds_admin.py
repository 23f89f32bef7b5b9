"""Issue 15: `admin prompts add <principle> reflection [vote|talk] …` takes the kind (by default
the same rule as the pack: an open question is `talk`), refuses an open vote question with how
to fix it, and `admin prompts` shows each question's kind."""

from __future__ import annotations

from .conftest import HOME, Bot, text_of


async def test_admins_add_a_reflection_with_its_kind(bot: Bot) -> None:
    added = text_of(await bot.run("admin prompts add 4 reflection talk Which papers helped?"))
    assert "reflection questions (talk)" in added
    guessed = text_of(await bot.run("admin prompts add 4 reflection How did it feel?"))
    assert "reflection questions (talk)" in guessed  # by the same rule as the pack
    voted = text_of(await bot.run("admin prompts add 4 reflection Did it feel fair?"))
    assert "reflection questions (vote)" in voted
    refused = text_of(await bot.run("admin prompts add 4 reflection vote What went well?"))
    assert 'starts with "What"' in refused and "reflection talk" in refused
    entries = await bot.core.prompt_overrides.entries(
        HOME, kind="reflection", number=4, channel=True
    )
    added_kinds = {e.text: e.answer for e in entries if e.added_at}
    assert added_kinds == {
        "Which papers helped?": "talk",
        "How did it feel?": "talk",
        "Did it feel fair?": "vote",
    }
    listing = text_of(await bot.run("admin prompts 4 reflection"))
    assert "_vote:_ Did it feel fair?" in listing and "_talk:_ Which papers helped?" in listing
    edit = text_of(await bot.run("admin prompts edit p4.reflection.2 Who spoke most today?"))
    assert "This is a vote question" in edit
