"""The salt of the one-way codes may live outside the store: COPROD_SALT or COPROD_SALT_FILE
(issue 13, defect 13). Then a copy of the store holds no salt."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.identity import SECRETS_TABLE, Identity
from bot.model import ConversationRef, Platform
from bot.settings import SettingsError, load_settings
from bot.store.tiny import TinyStore

REF = ConversationRef(Platform.SLACK, "T0001", "C1")
SALT = "a" * 16 + "b" * 16 + "c" * 8


async def code_with(tmp_path: Path, name: str, salt: bytes | None) -> tuple[str, int]:
    store = await TinyStore(tmp_path / f"{name}.json").open()
    try:
        code = await Identity(store, salt).code(REF, "U1", "check")
        return code, await store.count(SECRETS_TABLE)
    finally:
        await store.close()


async def test_a_configured_salt_never_enters_the_store(tmp_path: Path) -> None:
    salt = load_settings(COPROD_SALT=SALT).salt
    assert salt is not None
    one, stored = await code_with(tmp_path, "one", salt)
    assert stored == 0
    two, _ = await code_with(tmp_path, "two", salt)
    assert one == two  # the same salt gives the same codes, whatever the store
    default, stored = await code_with(tmp_path, "three", None)
    assert stored == 1 and default != one


async def test_the_salt_may_come_from_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "salt"
    secret.write_text(SALT + "\n")
    from_file = load_settings(COPROD_SALT_FILE=str(secret)).salt
    assert from_file == load_settings(COPROD_SALT=SALT).salt


@pytest.mark.parametrize(
    "env, named",
    [
        ({"COPROD_SALT": "short"}, "COPROD_SALT"),
        ({"COPROD_SALT_FILE": "/nonexistent/salt"}, "COPROD_SALT_FILE"),
        ({"COPROD_SALT": SALT, "COPROD_SALT_FILE": "/etc/hostname"}, "COPROD_SALT"),
    ],
)
def test_a_bad_salt_setting_is_named(env: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError) as info:
        load_settings(**env)
    assert any(p.startswith(f"{named}") for p in info.value.problems), info.value.problems
    assert all(SALT not in p for p in info.value.problems)  # the secret is never printed
