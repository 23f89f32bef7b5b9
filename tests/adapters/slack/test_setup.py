"""Slack set-up: settings checks, mounting, Socket Mode and the app manifest CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from adapters.slack.manifest import BOT_SCOPES
from bot.model import Platform
from bot.settings import SettingsError, load_settings
from runtime.cli import main
from runtime.server import build, close

from .conftest import FakeSlack, slack_settings


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_APP_TOKEN": "xapp-1"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xapp-1", "SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"}, "SLACK_APP_TOKEN"),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": "x"},
            "SLACK_API_URL",
        ),
    ],
)
def test_half_or_wrong_slack_settings_stop_start_up(values: dict, named: str) -> None:
    with pytest.raises(SettingsError) as err:
        load_settings(**values)
    assert any(p.startswith(named) for p in err.value.problems), err.value.problems


async def test_without_slack_settings_the_adapter_stays_off(settings) -> None:
    runtime = await build(settings)
    try:
        assert Platform.SLACK not in runtime.core.adapters
        assert not any(
            r.resource and r.resource.canonical == "/slack/events"
            for r in runtime.app.router.routes()
        )
    finally:
        await close(runtime)


async def test_http_mode_mounts_the_route(tmp_path: Path, fake_slack: FakeSlack) -> None:
    runtime = await build(slack_settings(tmp_path, fake_slack))
    try:
        assert Platform.SLACK in runtime.core.adapters
        assert any(
            r.resource and r.resource.canonical == "/slack/events"
            for r in runtime.app.router.routes()
        )
        assert runtime.local is None  # Slack on: no local chat unless COPROD_LOCAL=1
    finally:
        await close(runtime)


def test_manifest_for_http(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["slack-manifest", "--url", "https://example.org"]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    command = data["features"]["slash_commands"][0]
    assert command["command"] == "/coprod" and command["usage_hint"]
    assert command["url"] == "https://example.org/slack/events"
    settings = data["settings"]
    assert settings["event_subscriptions"]["request_url"] == "https://example.org/slack/events"
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "message.channels",
        "message.groups",
        "message.im",
        "app_mention",
        "app_home_opened",
        "member_joined_channel",
    }
    assert settings["interactivity"] == {
        "is_enabled": True,
        "request_url": "https://example.org/slack/events",
    }
    assert settings["socket_mode_enabled"] is False
    assert data["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)
    assert "chat:write.public" not in BOT_SCOPES and "channels:join" not in BOT_SCOPES


def test_manifest_for_socket_mode(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["slack-manifest", "--socket"]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert data["settings"]["socket_mode_enabled"] is True
    assert "request_url" not in data["settings"]["event_subscriptions"]
    assert "url" not in data["features"]["slash_commands"][0]


def test_every_scope_is_justified_in_the_docs() -> None:
    docs = (Path(__file__).resolve().parents[3] / "docs" / "slack.md").read_text()
    for scope in BOT_SCOPES:
        assert f"`{scope}`" in docs, scope


@pytest.mark.parametrize("args", [[], ["--url", "http://example.org"], ["--url", "https://"]])
def test_manifest_bad_input_exits_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["slack-manifest", *args]) == 2
    assert capsys.readouterr().err.strip()


def test_usage_hint_keeps_whole_command_names_within_slacks_limit() -> None:
    from adapters.slack.manifest import usage_hint
    from runtime.features import visible_commands

    shipped = [c.name for c in visible_commands()]
    hint = usage_hint(shipped)
    assert len(hint) <= 100
    assert hint.startswith("[help | principles") and hint.endswith("]")
    assert usage_hint(shipped, limit=30) == "[help | principles | …]"
