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
        "admin prompts [principle] [kind] [page <n>]",
        "admin prompts add <principle> <kind> [vote|talk] <text>",
        "admin prompts edit <id> [cy|en|en-easy] <text>",
        "admin prompts disable <id>",
        "admin prompts enable <id>",
    ),
    example=(
        "/coprod admin prompts 4 reflection",
        "/coprod admin prompts add 4 reflection vote Did everyone get a turn to speak?",
        "/coprod admin prompts edit p4.reflection.1 Did everyone have their say today?",
        "/coprod admin prompts disable p4.reflection.2",
        "/coprod admin prompts enable p4.reflection.2",
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
