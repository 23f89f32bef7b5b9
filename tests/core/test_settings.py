"""Settings are validated at start-up; a bad value names the setting, with no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import adapters.slack as slack
import adapters.teams as teams
from bot.settings import SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "env, named",
    [
        ({"PORT": "abc"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"COPROD_TIMEZONE": "Mars/Olympus"}, "COPROD_TIMEZONE"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
        ({"MICROSOFT_APP_PASSWORD": "p"}, "MICROSOFT_APP_ID"),
        (
            {"MICROSOFT_APP_ID": "a", "MICROSOFT_APP_TYPE": "SingleTenant"},
            "MICROSOFT_APP_TENANT_ID",
        ),
        ({"MICROSOFT_APP_TYPE": "Sometimes"}, "MICROSOFT_APP_TYPE"),
        ({"SLACK_API_URL": "ftp://x"}, "SLACK_API_URL"),
        # Never combined (docs/deploy.md): a door with no sign-in beside a real platform…
        (
            {"COPROD_LOCAL": "1", "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"},
            "COPROD_LOCAL",
        ),
        ({"COPROD_LOCAL": "1", "MICROSOFT_APP_ID": "a"}, "COPROD_LOCAL"),
        # … or reachable from other machines.
        ({"HOST": "0.0.0.0"}, "HOST"),
        ({"HOST": "::"}, "HOST"),
        ({"HOST": "10.0.0.5", "COPROD_LOCAL": "1"}, "HOST"),
    ],
)
def test_bad_settings_stop_start_up_naming_the_setting(
    tmp_path: Path, env: dict[str, str], named: str
) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "app.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, **env, "COPROD_DB": str(tmp_path / "db.json")},
        timeout=30,
    )
    assert result.returncode == 2
    assert f"- {named}:" in result.stderr
    assert "Traceback" not in result.stderr


def test_env_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("PORT=4001\nCOPROD_ADMINS=local:ada, slack:U1\n")
    settings = load_settings()
    assert settings.PORT == 4001
    assert settings.admins == {"local:ada", "slack:U1"}


def test_defaults_match_the_brief() -> None:
    settings = load_settings()
    assert (settings.HOST, settings.PORT) == ("127.0.0.1", 3978)
    assert settings.COPROD_DB == "./data/coprod.json"
    assert settings.COPROD_TIMEZONE == "Europe/London"
    assert settings.local_enabled


def test_settings_error_lists_every_problem() -> None:
    with pytest.raises(SettingsError) as info:
        load_settings(PORT="x", COPROD_TIMEZONE="Nowhere/Land")
    assert len(info.value.problems) == 2


def test_env_example_documents_every_setting() -> None:
    from bot.settings import Settings

    example = (ROOT / ".env.example").read_text()
    for name in Settings.model_fields:
        assert f"{name}=" in example, name


def test_teams_without_auth_is_never_served_beside_slack() -> None:
    slack_only = load_settings(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s")
    assert not teams.enabled(slack_only) and not slack_only.local_enabled
    assert teams.enabled(load_settings())  # trying the bot locally: auth off is fine
    assert teams.enabled(load_settings(MICROSOFT_APP_ID="app", MICROSOFT_APP_PASSWORD="p"))
    with pytest.raises(SettingsError) as refused:
        load_settings(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s", COPROD_LOCAL="1")
    assert refused.value.problems[0].startswith("COPROD_LOCAL:")
    assert "SLACK_BOT_TOKEN" in refused.value.problems[0]


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_the_local_chat_may_listen_on_any_loopback_address(host: str) -> None:
    assert load_settings(HOST=host).local_enabled


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.4", "coprod.example.org"])
def test_a_platform_may_listen_on_any_address(host: str) -> None:
    cfg = load_settings(HOST=host, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s")
    assert slack.enabled(cfg) and not cfg.local_enabled and not teams.enabled(cfg)
