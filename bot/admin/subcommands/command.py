"""`admin …`: admin configuration (see `bot/admin/` and docs/admin.md)."""

from __future__ import annotations

from ...context import Context
from ...marks import command
from ..dispatch import run_admin


@command("admin", group="admin", example="help.example.admin", order=0)
async def admin_command(ctx: Context, args: str) -> list:
    return await run_admin(ctx, args)
