"""`admin prompts …`: list prompts with where each comes from; add, edit, disable, enable."""

from __future__ import annotations

from ...model import Reply
from ..registry import admin_command
from ..request import AdminRequest
from ..validate import Invalid
from .prompt_changes import add, edit, switch
from .prompt_list import list_prompts


@admin_command(
    "prompts",
    usage=(
        "admin.usage.prompts.1",
        "admin.usage.prompts.2",
        "admin.usage.prompts.3",
        "admin.usage.prompts.4",
        "admin.usage.prompts.5",
    ),
    example=(
        "admin.example.prompts.1",
        "admin.example.prompts.2",
        "admin.example.prompts.3",
        "admin.example.prompts.4",
        "admin.example.prompts.5",
    ),
    order=10,
)
async def prompts_admin(req: AdminRequest) -> list[Reply]:
    words = req.args.split()
    action = words[0].lower() if words else ""
    form = {"add": 1, "edit": 2, "disable": 3, "enable": 4}.get(action, 0)
    try:
        if action == "add":
            return await add(req, words[1:])
        if action == "edit":
            return await edit(req, words[1:])
        if action in ("disable", "enable"):
            return await switch(req, words[1:], disable=action == "disable")
        return await list_prompts(req, words)
    except Invalid as exc:
        raise exc.of_form(form) from None
