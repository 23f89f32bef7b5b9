"""Teams' settings (`MICROSOFT_*`), validated at start-up beside the core's, naming any bad one."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import field_validator, model_validator

from bot.settings import PlatformSettings

if TYPE_CHECKING:
    from bot.settings import Settings


class TeamsSettings(PlatformSettings):
    """The bot's Azure app registration and the connector addresses it may post to."""

    NAME: ClassVar[str] = "teams"
    SIGN_IN: ClassVar[str] = "MICROSOFT_APP_ID"
    LABEL: ClassVar[str] = "Teams (MICROSOFT_APP_ID)"

    MICROSOFT_APP_ID: str = ""
    MICROSOFT_APP_PASSWORD: str = ""
    MICROSOFT_APP_TENANT_ID: str = ""
    MICROSOFT_APP_TYPE: Literal["MultiTenant", "SingleTenant", "UserAssignedMSI"] = "MultiTenant"
    MICROSOFT_SERVICE_URLS: str = ""

    @field_validator("MICROSOFT_SERVICE_URLS")
    @classmethod
    def _service_urls(cls, value: str) -> str:
        for entry in (e.strip() for e in value.split(",")):
            if entry and not entry.startswith(("http://", "https://")):
                raise ValueError(f"{entry!r} must start with https:// (or http://)")
        return value

    @model_validator(mode="after")
    def _pairs(self) -> TeamsSettings:
        problems = []
        if self.MICROSOFT_APP_PASSWORD and not self.MICROSOFT_APP_ID:
            problems.append("MICROSOFT_APP_ID: missing; it is needed with MICROSOFT_APP_PASSWORD")
        if self.MICROSOFT_APP_TYPE == "SingleTenant" and not self.MICROSOFT_APP_TENANT_ID:
            problems.append(
                "MICROSOFT_APP_TENANT_ID: missing; a SingleTenant bot needs its tenant id"
            )
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def enabled(self, core: Settings) -> bool:
        """Teams serves `/api/messages` when it has an app id, or with auth off only where the
        local chat is on too (trying the bot locally, on loopback): never unauthenticated beside
        another platform (start-up refuses that combination)."""
        return bool(self.MICROSOFT_APP_ID) or core.local_enabled
