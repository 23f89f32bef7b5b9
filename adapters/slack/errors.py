"""Why a Slack Web API call failed, in a few words for the log."""

from __future__ import annotations

import re

from slack_sdk.errors import SlackApiError

# A URL's path and query: a response URL's path is its key, and a log must never hold one.
_URL_PATH = re.compile(r"(https?://[^/\s]+)/\S*")


def reason(exc: BaseException) -> str:
    """Slack's error code (`not_in_channel`), or the HTTP status, or the exception's text with
    any URL cut to its host (aiohttp puts the whole URL in a timeout's message)."""
    if isinstance(exc, SlackApiError):
        data = getattr(exc.response, "data", None)
        if isinstance(data, dict) and data.get("error"):
            return str(data["error"])
        return f"HTTP {getattr(exc.response, 'status_code', '?')}"
    return _URL_PATH.sub(r"\1/…", str(exc)) or type(exc).__name__
