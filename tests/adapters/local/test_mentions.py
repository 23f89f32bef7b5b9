"""The local chat names people as `@name`: each is a mention whose id is the name."""

from __future__ import annotations

from adapters.local.addressing import mentions
from bot.model import Mention


def test_at_names_are_mentions_in_order() -> None:
    assert mentions("@sam and @alex.b, not sam@example.org") == (
        Mention("sam", "sam", "@sam"),
        Mention("alex.b", "alex.b", "@alex.b"),
    )
    assert mentions("no one here") == ()
