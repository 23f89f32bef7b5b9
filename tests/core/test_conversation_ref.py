"""A ConversationRef's dict form: every field in order, enums as plain strings, and back."""

from __future__ import annotations

from dataclasses import asdict
from enum import StrEnum

from hypothesis import given
from hypothesis import strategies as st

from bot.model import ChatKind, ConversationRef, Platform

_TEXT = st.text(max_size=8)
_REFS = st.builds(
    ConversationRef,
    platform=st.sampled_from(["slack", "teams", "local"]).map(Platform),
    workspace=_TEXT,
    channel=_TEXT,
    kind=st.sampled_from(list(ChatKind)),
    thread=st.none() | _TEXT,
    team=st.none() | _TEXT,
    endpoint=st.none() | _TEXT,
    bot_id=st.none() | _TEXT,
    channel_name=_TEXT,
)


def _as_before(ref: ConversationRef) -> dict[str, object]:
    """What to_dict gave when it was built on `asdict`."""
    return {k: (str(v) if isinstance(v, StrEnum | Platform) else v) for k, v in asdict(ref).items()}


@given(_REFS)
def test_to_dict_is_asdict_with_plain_strings(ref: ConversationRef) -> None:
    got = ref.to_dict()
    assert list(got.items()) == list(_as_before(ref).items())
    assert all(type(v) in (str, type(None)) for v in got.values())


@given(_REFS)
def test_a_ref_comes_back_from_its_dict_and_ignores_unknown_keys(ref: ConversationRef) -> None:
    data = {**ref.to_dict(), "scope": "ignored", "user": "ignored"}
    back = ConversationRef.from_dict(data)
    assert back == ref
    assert type(back.platform) is Platform and type(back.kind) is ChatKind
