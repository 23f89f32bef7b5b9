"""`admin jargon add … only before/after …`, and shipped rules kept when admins change them."""

from __future__ import annotations

from tests.conftest import Chat, all_text


async def _check(chat: Chat, text: str) -> str:
    return all_text(await chat.say(f"/coprod jargon {text}", user="alex"))


async def test_an_admin_adds_a_word_that_is_jargon_only_in_company(chat: Chat) -> None:
    done = all_text(
        await chat.say(
            "/coprod admin jargon add land => go down well only before with, well or after soft",
            user="ada",
        )
    )
    assert 'Added "land"' in done and "only when it comes before with, well or after soft" in done
    assert "go down well" in await _check(chat, "How will the news land with parents?")
    assert "go down well" in await _check(chat, "It did not land well at all.")
    assert "go down well" in await _check(chat, "We hope for a soft land here.")
    assert "did not find" in await _check(chat, "The plane will land at six.")
    listed = all_text(await chat.say("/coprod admin jargon", user="ada"))
    assert '"land", only when it comes before with, well or after soft' in listed
    unchanged = all_text(
        await chat.say(
            "/coprod admin jargon add land => go down well only before with, well or after soft",
            user="ada",
        )
    )
    assert "nothing has changed" in unchanged
    await chat.say("/coprod admin jargon remove land", user="ada")
    assert "did not find" in await _check(chat, "How will the news land with parents?")


async def test_a_badly_written_context_says_how_to_write_it(chat: Chat) -> None:
    reply = all_text(
        await chat.say("/coprod admin jargon add land => go down well only after , ,", user="ada")
    )
    assert "admin jargon add <word> => <alternative>" in reply
    bad = all_text(
        await chat.say(
            "/coprod admin jargon add land => go down well only before <@U1>", user="ada"
        )
    )
    assert "only before change, improvement or after in this" in bad
    assert await chat.runtime.core.store.find("jargon_admin") == []


async def test_new_suggestions_for_a_shipped_conditional_word_keep_its_rules(chat: Chat) -> None:
    await chat.say("/coprod admin jargon add drive => steer; champion", user="ada")
    assert "_steer_" in await _check(chat, "We want to drive change here.")
    assert "did not find" in await _check(chat, "Can you drive the minibus?")


async def test_new_suggestions_for_an_existence_rule_make_it_a_swap(chat: Chat) -> None:
    await chat.say("/coprod admin jargon add vulnerable people => people at risk", user="ada")
    assert "_people at risk_" in await _check(chat, "We support vulnerable people.")
