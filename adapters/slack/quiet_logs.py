"""At DEBUG, slack_sdk logs every Web API request and response in full: message text, blocks
and views, the words a jargon tip flagged in someone's draft. We keep the method and the status
and drop the rest, so turning on DEBUG never writes what people wrote into the logs."""

from __future__ import annotations

import logging
import re

# The loggers slack_sdk's Web API clients write to by default.
LOGGERS = (
    "slack_sdk",
    "slack_sdk.web.async_base_client",
    "slack_sdk.web.base_client",
    "slack_sdk.web.legacy_base_client",
    "slack_sdk.web.async_slack_response",
    "slack_sdk.web.slack_response",
    "slack_sdk.web.legacy_slack_response",
    "slack_sdk.webhook.async_client",
    "slack_sdk.webhook.client",
    "slack_sdk.socket_mode.aiohttp",
    "slack_sdk.socket_mode.builtin.client",
    "slack_sdk.socket_mode.websocket_client",
    "slack_sdk.socket_mode.websockets",
)
_SENDING = re.compile(r"^Sending a request - url: ((?:[A-Z]+ )?[^\s,]+)")
_RECEIVED = re.compile(r"^Received the following response - status: (\d+)")
_BODY_WORDS = ("body", "params", "payload", "json", "data", "message")


class NoBodies(logging.Filter):
    """Rewrites slack_sdk's DEBUG records to leave out bodies and parameters."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.DEBUG:
            return True
        message = record.getMessage()
        sending = _SENDING.match(message)
        received = _RECEIVED.match(message)
        if sending:
            record.msg, record.args = (
                "Sending a request - %s (parameters not logged)",
                (sending.group(1),),
            )
        elif received:
            record.msg, record.args = (
                "Received a response - status %s (body not logged)",
                (received.group(1),),
            )
        elif any(word in message.lower() for word in _BODY_WORDS):
            record.msg, record.args = "slack_sdk debug record left out (it may hold a body)", ()
        return True


_FILTER = NoBodies()


def install() -> None:
    """Put the filter on slack_sdk's loggers (once; harmless to call again)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
