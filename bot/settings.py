"""Settings from the environment or `.env`, validated at start-up, naming any bad setting."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Literal, Self, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AliasChoices,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
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


def http_url(value: str) -> str:
    """An address setting: empty, or http(s)://… with one trailing slash."""
    if value and not value.startswith(("http://", "https://")):
        raise ValueError("must start with http:// or https://")
    return value.rstrip("/") + "/" if value else value


class PlatformSettings(BaseSettings):
    """One platform's settings: its adapter package's model (`adapters/<name>/settings.py`),
    read from the same environment and `.env`, validated at start-up beside the core's.

    `NAME` is the platform's; `SIGN_IN` the setting that configures it with credentials (the
    local chat must not run beside it); `LABEL` names it for operators ("Slack
    (SLACK_BOT_TOKEN)")."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=True,
        populate_by_name=True,
    )
    NAME: ClassVar[str] = ""
    SIGN_IN: ClassVar[str] = ""
    LABEL: ClassVar[str] = ""

    def signs_in(self) -> bool:
        """Configured with credentials: it serves people who signed in."""
        return bool(self.SIGN_IN) and bool(getattr(self, self.SIGN_IN, ""))

    def enabled(self, core: Settings) -> bool:
        """Whether this platform runs beside `core`'s settings (default: when it signs in)."""
        return self.signs_in()


P = TypeVar("P", bound=PlatformSettings)
_PLATFORM_MODELS: dict[str, type[PlatformSettings]] = {}


def register_settings(model: type[PlatformSettings]) -> None:
    """Validate `model` at start-up with the core's settings (`runtime/` registers each
    adapter package's)."""
    _PLATFORM_MODELS[model.NAME] = model


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
    _platforms: dict[str, PlatformSettings] = PrivateAttr(default_factory=dict)

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

    @field_validator("COPROD_PUBLIC_URL")
    @classmethod
    def _url(cls, value: str) -> str:
        return http_url(value)

    @model_validator(mode="after")
    def _pairs(self) -> Settings:
        problems = []
        if self.COPROD_SALT and self.COPROD_SALT_FILE:
            problems.append("COPROD_SALT: set it or COPROD_SALT_FILE, not both")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def beside(self, platforms: dict[str, PlatformSettings]) -> None:
        """Keep the platforms' own settings (`load_settings` validated them)."""
        self._platforms = dict(platforms)

    def platform(self, model: type[P]) -> P:
        """The settings of one platform, its adapter package's model, from the same sources
        (and overrides) as these; read once."""
        found = self._platforms.get(model.NAME)
        if not isinstance(found, model):
            found = self._platforms[model.NAME] = model()
        return found

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with `update` applied, a platform's settings to that platform's model."""
        update = dict(update or {})
        mine = {k: v for k, v in update.items() if k in type(self).model_fields}
        copied = super().model_copy(update=mine, deep=deep)
        platforms = {}
        for name, model in self._platforms.items():
            theirs = {k: v for k, v in update.items() if k in type(model).model_fields}
            platforms[name] = model.model_copy(update=theirs) if theirs else model
        copied._platforms = platforms
        return copied

    def unauthenticated_problems(self) -> list[str]:
        """The combinations that would open a door with no sign-in (docs/deploy.md): the local
        chat, and a platform without its sign-in setting, trust whoever sends a request."""
        platforms = [p.SIGN_IN for p in self._signed_in()]
        if self.COPROD_LOCAL and platforms:
            return [
                f"COPROD_LOCAL: must not be 1 beside {' and '.join(platforms)}: the local chat "
                "and Teams without sign-in would let anyone act as anyone there. Unset "
                "COPROD_LOCAL, or run a separate local copy with its own COPROD_DB"
            ]
        if self.local_enabled and not is_loopback(self.HOST):
            others = " or ".join(p.LABEL for p in self._known())
            return [
                f"HOST: the local chat has no sign-in, so it listens on a loopback address "
                f"only (127.0.0.1, ::1 or localhost), not {self.HOST!r}. Set HOST=127.0.0.1, "
                f"or configure {others}"
            ]
        return []

    def _known(self) -> list[PlatformSettings]:
        return [self._platforms[name] for name in sorted(self._platforms)]

    def _signed_in(self) -> list[PlatformSettings]:
        return [p for p in self._known() if p.signs_in()]

    @property
    def local_enabled(self) -> bool:
        """The local chat runs when asked (COPROD_LOCAL), or when no platform signs in."""
        return self.COPROD_LOCAL or not self._signed_in()

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


def problems_of(exc: ValidationError) -> list[str]:
    """One line per problem, each naming the setting (secrets never shown)."""
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
    return problems


def load_settings(**overrides: object) -> Settings:
    """Read and validate settings, the core's and every registered platform's; raise
    SettingsError with one line per bad setting."""
    problems: list[str] = []
    settings: Settings | None = None
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems.extend(problems_of(exc))
    platforms: dict[str, PlatformSettings] = {}
    for model in _PLATFORM_MODELS.values():
        try:
            platforms[model.NAME] = model(**overrides)
        except ValidationError as exc:
            problems.extend(problems_of(exc))
    if settings is not None and not problems:
        settings.beside(platforms)
        problems.extend(settings.unauthenticated_problems())
    if problems or settings is None:
        raise SettingsError(problems)
    return settings
