"""The Teams app package: required manifest fields, RSC permissions and icon sizes."""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from runtime.cli import main
from tests.words import say

from .conftest import Teams
from .test_wire import card_of, card_text

APP_ID = "00000000-0000-4000-8000-00000000c0de"


def png_info(data: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, colour type, decompressed pixel rows)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, _depth, colour = struct.unpack(">IIBB", data[16:26])
    idat, pos = b"", 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return width, height, colour, zlib.decompress(idat)


def test_package_has_the_manifest_and_icons(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    monkeypatch.setenv("MICROSOFT_APP_PASSWORD", "x")
    out = tmp_path / "coprod.zip"
    assert main(["teams-package", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        assert sorted(zf.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(zf.read("manifest.json"))
        color, outline = zf.read("color.png"), zf.read("outline.png")
    assert manifest["manifestVersion"] == "1.22"
    assert manifest["$schema"].endswith("/v1.22/MicrosoftTeams.schema.json")
    assert manifest["id"] == APP_ID
    for key in ("version", "developer", "name", "description", "icons", "accentColor"):
        assert manifest[key]
    assert len(manifest["name"]["short"]) <= 30 and len(manifest["description"]["short"]) <= 80
    (bot,) = manifest["bots"]
    assert bot["botId"] == APP_ID
    assert set(bot["scopes"]) == {"team", "groupChat", "personal"}
    titles = [c["title"] for c in bot["commandLists"][0]["commands"]]
    assert {"help", "principles", "check", "jargon"} <= set(titles) and len(titles) <= 10
    assert all(len(c["description"]) <= 128 for c in bot["commandLists"][0]["commands"])
    assert manifest["webApplicationInfo"] == {"id": APP_ID, "resource": f"api://botid-{APP_ID}"}
    rsc = manifest["authorization"]["permissions"]["resourceSpecific"]
    assert {(p["name"], p["type"]) for p in rsc} == {
        ("OnlineMeeting.ReadBasic.Chat", "Application"),
        ("ChannelMeeting.ReadBasic.Group", "Application"),
        ("ChannelMessage.Read.Group", "Application"),
    }
    assert "validDomains" in manifest
    width, height, _colour, _rows = png_info(color)
    assert (width, height) == (192, 192)
    width, height, colour, rows = png_info(outline)
    assert (width, height) == (32, 32)
    assert colour == 6  # RGBA
    alphas = [rows[y * (1 + 32 * 4) + 1 + x * 4 + 3] for y in range(32) for x in range(32)]
    assert 0 in alphas and 255 in alphas  # transparent background, white drawing


def test_package_needs_an_app_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["teams-package", "--out", str(tmp_path / "x.zip")]) == 2
    assert "MICROSOFT_APP_ID" in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()
    assert main(["teams-package", "--out", str(tmp_path / "x.zip"), "--app-id", APP_ID]) == 0


def test_the_command_menu_is_chosen_and_within_the_schema_limit() -> None:
    """At most 10 commands (the schema's limit): the first things a team needs, and the
    facilitator's first two steps (add the meeting, run a check); every one a real command."""
    import bot.core  # noqa: F401  (registers every command)
    from adapters.teams.package import COMMANDS, MAX_MENU
    from runtime.features import visible_commands

    assert MAX_MENU == 10 and len(COMMANDS) <= MAX_MENU and len(set(COMMANDS)) == len(COMMANDS)
    assert set(COMMANDS) <= {c.name for c in visible_commands()}
    assert {"help", "principles", "meeting", "check", "report", "actions"} <= set(COMMANDS)


async def test_every_command_not_in_the_menu_is_in_help(teams: Teams) -> None:
    import bot.core  # noqa: F401
    from adapters.teams.package import COMMANDS
    from runtime.features import visible_commands

    status, _ = await teams.send("channel_mention", text="<at>coprod</at> help")
    assert status == 201
    shown = "\n".join(card_text(card_of(c.body)) for c in teams.connector.delivered())
    rest = [c for c in visible_commands() if c.name not in COMMANDS]
    assert rest
    for spec in rest:  # as typed where help is shown (the personal chat: no @coprod)
        assert say(spec.example).removeprefix("/coprod ") in shown, spec.name
