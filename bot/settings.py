"""Settings from the environment or `.env`, validated at start-up, naming any bad setting."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def is_loopback(host: str) -> bool:
    """Whether `host` (HOST) is only reachable from this machine."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


MIN_SALT = 32


class SettingsError(Exception):
    """Bad settings: each line names the setting and says what to change."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class Settings(BaseSettings):
    """Every setting coprod reads. Names match the environment variables exactly."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=True,
        populate_by_name=True,
    )

    HOST: str = "127.0.0.1"
    PORT: int = Field(default=3978, ge=1, le=65535)

    SLACK_BOT_TOKEN: str = ""
    SLACK_SIGNING_SECRET: str = ""
    SLACK_APP_TOKEN: str = ""
    SLACK_API_URL: str = ""

    MICROSOFT_APP_ID: str = ""
    MICROSOFT_APP_PASSWORD: str = ""
    MICROSOFT_APP_TENANT_ID: str = ""
    MICROSOFT_APP_TYPE: Literal["MultiTenant", "SingleTenant", "UserAssignedMSI"] = "MultiTenant"
    MICROSOFT_SERVICE_URLS: str = ""

    COPROD_DB: str = "./data/coprod.json"
    COPROD_PROMPTS_DIR: Path | None = None
    COPROD_ADMINS: str = ""
    COPROD_TIMEZONE: str = "Europe/London"
    COPROD_LOCAL: bool = Field(default=False, validation_alias=AliasChoices("COPROD_LOCAL"))
    COPROD_LOG_LEVEL: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    COPROD_SALT: str = Field(default="", repr=False)
    COPROD_SALT_FILE: Path | None = None
    # The bot's public address (https://coprod.example.org): Teams links to files it serves.
    COPROD_PUBLIC_URL: str = ""

    @field_validator("COPROD_TIMEZONE")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{value!r} is not a time zone name; use one like Europe/London"
            ) from None
        return value

    @field_validator("COPROD_PROMPTS_DIR", mode="before")
    @classmethod
    def _empty_dir(cls, value: object) -> object:
        return None if value in ("", None) else value

    @field_validator("COPROD_SALT_FILE", mode="before")
    @classmethod
    def _empty_salt_file(cls, value: object) -> object:
        return None if value in ("", None) else value

    @field_validator("COPROD_SALT")
    @classmethod
    def _salt_length(cls, value: str) -> str:
        if value and len(value.strip()) < MIN_SALT:
            raise ValueError(f"must be at least {MIN_SALT} characters (the value is not shown)")
        return value

    @field_validator("COPROD_SALT_FILE")
    @classmethod
    def _salt_file(cls, value: Path | None) -> Path | None:
        if value is not None:
            try:
                text = value.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError) as exc:
                raise ValueError(f"cannot read {str(value)!r}: {exc.__class__.__name__}") from None
            if len(text) < MIN_SALT:
                raise ValueError(f"the file must hold at least {MIN_SALT} characters")
        return value

    @field_validator("SLACK_API_URL", "COPROD_PUBLIC_URL")
    @classmethod
    def _url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/") + "/" if value else value

    @field_validator("MICROSOFT_SERVICE_URLS")
    @classmethod
    def _service_urls(cls, value: str) -> str:
        for entry in (e.strip() for e in value.split(",")):
            if entry and not entry.startswith(("http://", "https://")):
                raise ValueError(f"{entry!r} must start with https:// (or http://)")
        return value

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
    def _pairs(self) -> Settings:
        problems = []
        if bool(self.SLACK_BOT_TOKEN) and not (self.SLACK_SIGNING_SECRET or self.SLACK_APP_TOKEN):
            problems.append(
                "SLACK_SIGNING_SECRET: missing; Slack needs it with SLACK_BOT_TOKEN "
                "(or set SLACK_APP_TOKEN for Socket Mode)"
            )
        if (self.SLACK_SIGNING_SECRET or self.SLACK_APP_TOKEN) and not self.SLACK_BOT_TOKEN:
            problems.append("SLACK_BOT_TOKEN: missing; set it or remove the other SLACK_ settings")
        if self.MICROSOFT_APP_PASSWORD and not self.MICROSOFT_APP_ID:
            problems.append("MICROSOFT_APP_ID: missing; it is needed with MICROSOFT_APP_PASSWORD")
        if self.MICROSOFT_APP_TYPE == "SingleTenant" and not self.MICROSOFT_APP_TENANT_ID:
            problems.append(
                "MICROSOFT_APP_TENANT_ID: missing; a SingleTenant bot needs its tenant id"
            )
        if self.COPROD_SALT and self.COPROD_SALT_FILE:
            problems.append("COPROD_SALT: set it or COPROD_SALT_FILE, not both")
        problems.extend(self._unauthenticated_problems())
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def _unauthenticated_problems(self) -> list[str]:
        """The combinations that would open a door with no sign-in (docs/deploy.md): the local
        chat, and `/api/messages` without MICROSOFT_APP_ID, trust whoever sends a request."""
        platforms = [
            name for name in ("SLACK_BOT_TOKEN", "MICROSOFT_APP_ID") if getattr(self, name)
        ]
        if self.COPROD_LOCAL and platforms:
            return [
                f"COPROD_LOCAL: must not be 1 beside {' and '.join(platforms)}: the local chat "
                "and Teams without sign-in would let anyone act as anyone there. Unset "
                "COPROD_LOCAL, or run a separate local copy with its own COPROD_DB"
            ]
        if self.local_enabled and not is_loopback(self.HOST):
            return [
                f"HOST: the local chat has no sign-in, so it listens on a loopback address "
                f"only (127.0.0.1, ::1 or localhost), not {self.HOST!r}. Set HOST=127.0.0.1, "
                "or configure Slack (SLACK_BOT_TOKEN) or Teams (MICROSOFT_APP_ID)"
            ]
        return []

    @property
    def slack_enabled(self) -> bool:
        return bool(self.SLACK_BOT_TOKEN)

    @property
    def teams_enabled(self) -> bool:
        """Teams serves `/api/messages` when it has an app id, or with auth off only where the
        local chat is on too (trying the bot locally, on loopback): never unauthenticated beside
        another platform (start-up refuses that combination)."""
        return bool(self.MICROSOFT_APP_ID) or self.local_enabled

    @property
    def local_enabled(self) -> bool:
        return self.COPROD_LOCAL or not (self.slack_enabled or self.MICROSOFT_APP_ID)

    @property
    def admins(self) -> frozenset[str]:
        """COPROD_ADMINS: comma-separated ids, optionally written platform:id."""
        return frozenset(a.strip() for a in self.COPROD_ADMINS.split(",") if a.strip())

    @property
    def salt(self) -> bytes | None:
        """The salt of the one-way codes when it is kept outside the store, else None."""
        if self.COPROD_SALT_FILE is not None:
            return self.COPROD_SALT_FILE.read_text(encoding="utf-8").strip().encode()
        return self.COPROD_SALT.strip().encode() if self.COPROD_SALT else None

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.COPROD_TIMEZONE)


def load_settings(**overrides: object) -> Settings:
    """Read and validate settings; raise SettingsError with one line per bad setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            name = ".".join(str(p) for p in err["loc"]) or "settings"
            msg = err["msg"].removeprefix("Value error, ")
            value = err.get("input")
            hidden = name == "settings" or "SALT" in name or "PASSWORD" in name  # secrets
            shown = f" (got {value!r})" if not hidden and isinstance(value, str) else ""
            if name == "settings":
                problems.extend(msg.split("; "))
            else:
                problems.append(f"{name}: {msg}{shown}")
        raise SettingsError(problems) from None
