"""Why a Slack Web API call failed, in a few words for the log."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError


def reason(exc: BaseException) -> str:
    """Slack's error code (`not_in_channel`), or the HTTP status, or the exception's text."""
    if isinstance(exc, SlackApiError):
        data = getattr(exc.response, "data", None)
        if isinstance(data, dict) and data.get("error"):
            return str(data["error"])
        return f"HTTP {getattr(exc.response, 'status_code', '?')}"
    return str(exc) or type(exc).__name__
