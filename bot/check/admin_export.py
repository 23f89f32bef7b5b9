"""`admin export`: this workspace's anonymous check results as CSV, privately, in the reply.
`admin export <word>` is another feature's export (`admin.export.<word>` hooks: `actions`).

The CSV is shown line by line as code, up to MAX_CSV characters (a larger export shows its first
rows and the counts), and comes whole as a file beside it (`bot.model.File`: uploaded into the
admin's direct chat on Slack, a signed link that expires on Teams and in the local chat)."""

from __future__ import annotations

from ..admin import AdminRequest, admin_command
from ..anonymity import minimum_group_size
from ..csv_text import code_lines
from ..hooks import ADMIN_EXPORT
from ..model import Card, File, Reply, Text
from ..model import Context as Small
from .export import result_rows, to_csv


@admin_command(
    "export",
    usage=("admin.usage.export.1", "admin.usage.export.2"),
    example=("admin.example.export.1", "admin.example.export.2"),
    order=60,
)
async def export_admin(req: AdminRequest) -> list[Reply]:
    word = req.args.strip().lower()
    for export in req.ctx.core.registry.hooked(f"{ADMIN_EXPORT}.{word}") if word else ():
        return list(await export(req))  # another feature's export (`admin export actions`)
    ctx = req.ctx
    scope = ctx.ref.scope  # always this workspace only, whatever the scope flag says
    rows = await result_rows(ctx.store, scope)
    title = ctx.say("admin.export.title")
    command = f"python app.py export --format csv --scope {scope}"
    if not rows:
        empty = ctx.say("admin.export.empty", minimum=await minimum_group_size(ctx.store, scope))
        return req.reply(
            card=Card(id="admin.export", title=title, fallback_text=empty, blocks=(Text(empty),))
        )
    rounds = len({(r["channel"], r["round"]) for r in rows})
    channels = len({r["channel"] for r in rows})
    body, shown = code_lines(to_csv(rows))
    summary = ctx.say("admin.export.summary", rounds=rounds, channels=channels, rows=len(rows))
    blocks: list = [Text(summary), Text(body)]
    if shown < len(rows):
        blocks.append(
            Text(ctx.say("admin.export.cut", shown=shown, rows=len(rows), command=command))
        )
    blocks.append(Small(ctx.say("admin.export.footer", command=command)))
    card = Card(id="admin.export", title=title, fallback_text=summary, blocks=tuple(blocks))
    # The whole CSV as a file too: uploaded on Slack, a signed link on Teams and locally.
    name = "coprod-check-results-" + scope.replace(":", "-") + ".csv"
    data = to_csv(rows).encode("utf-8")
    file = File(data=data, name=name, mime="text/csv", summary=summary)
    return [ctx.reply(card=card, file=file)]
