"""The cards that ask before something is lost: ending a round below the minimum, and an
admin deleting a round's results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Button, Buttons, Card, Style, Text
from ..model import Context as Small

if TYPE_CHECKING:
    from ..context import Context

CLOSE_ACTION, DELETE_ACTION = "check.close", "check.delete"


def close_confirm_card(
    ctx: Context, round_key: str, seq: int, count: int, minimum: int, closes: str
) -> Card:
    """`check close` with fewer answers than the minimum: say what will be lost, and ask."""
    text = ctx.say("check.close.confirm", seq=seq, count=count, minimum=minimum, when=closes)
    return Card(
        id="check.close_confirm",
        title=ctx.say("check.close.confirm_title", seq=seq),
        fallback_text=text + " " + ctx.say("check.close.confirm_typed"),
        blocks=(
            Text(text),
            Buttons(
                (
                    Button(
                        ctx.say("check.close.confirm_button"),
                        CLOSE_ACTION,
                        {"round": round_key},
                        Style.DANGER,
                    ),
                )
            ),
            Small(ctx.say("check.close.confirm_typed")),
        ),
    )


def delete_confirm_card(ctx: Context, round_key: str, seq: int, count: int, closed: str) -> Card:
    """`admin check delete <n>`: what goes, for good, and the button that does it."""
    text = ctx.say("admin.check.delete_confirm", seq=seq, count=count, when=closed)
    typed = ctx.say("admin.check.delete_typed", seq=seq)
    return Card(
        id="check.delete_confirm",
        title=ctx.say("admin.check.delete_title", seq=seq),
        fallback_text=text + " " + typed,
        blocks=(
            Text(text),
            Buttons(
                (
                    Button(
                        ctx.say("admin.check.delete_button", seq=seq),
                        DELETE_ACTION,
                        {"round": round_key},
                        Style.DANGER,
                    ),
                )
            ),
            Small(typed),
        ),
    )
