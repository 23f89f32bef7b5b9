"""Slack's settings (`SLACK_*`), validated at start-up beside the core's, naming any bad one."""

from __future__ import annotations

from typing import ClassVar

from pydantic import field_validator, model_validator

from bot.settings import PlatformSettings, http_url


class SlackSettings(PlatformSettings):
    """The Slack app's tokens and the Web API address (tests point it at a fake)."""

    NAME: ClassVar[str] = "slack"
    SIGN_IN: ClassVar[str] = "SLACK_BOT_TOKEN"
    LABEL: ClassVar[str] = "Slack (SLACK_BOT_TOKEN)"

    SLACK_BOT_TOKEN: str = ""
    SLACK_SIGNING_SECRET: str = ""
    SLACK_APP_TOKEN: str = ""
    SLACK_API_URL: str = ""

    @field_validator("SLACK_API_URL")
    @classmethod
    def _url(cls, value: str) -> str:
        return http_url(value)

    @field_validator("SLACK_BOT_TOKEN")
    @classmethod
    def _bot_token(cls, value: str) -> str:
        if value and not value.startswith("xoxb-"):
            raise ValueError("must be the bot token from OAuth & Permissions, starting with xoxb-")
        return value

    @field_validator("SLACK_APP_TOKEN")
    @classmethod
    def _app_token(cls, value: str) -> str:
        if value and not value.startswith("xapp-"):
            raise ValueError(
                "must be an app-level token with connections:write, starting with xapp-"
            )
        return value

    @model_validator(mode="after")
    def _pairs(self) -> SlackSettings:
        problems = []
        if bool(self.SLACK_BOT_TOKEN) and not (self.SLACK_SIGNING_SECRET or self.SLACK_APP_TOKEN):
            problems.append(
                "SLACK_SIGNING_SECRET: missing; Slack needs it with SLACK_BOT_TOKEN "
                "(or set SLACK_APP_TOKEN for Socket Mode)"
            )
        if (self.SLACK_SIGNING_SECRET or self.SLACK_APP_TOKEN) and not self.SLACK_BOT_TOKEN:
            problems.append("SLACK_BOT_TOKEN: missing; set it or remove the other SLACK_ settings")
        if problems:
            raise ValueError("; ".join(problems))
        return self
