"""The Bolt `AsyncApp`: which listener handles which Slack request."""

from __future__ import annotations

import logging
import re

from slack_bolt.async_app import AsyncApp
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk.web.async_client import AsyncWebClient

from . import quiet_logs
from .handlers import SlackHandlers

ANY = re.compile(".*")
BOLT_LOG = logging.getLogger("adapters.slack.bolt")


class _SkipTokenWarning(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment and then warns that the client we pass
    (which holds that same token) wins. Expected here, so it is not shown to operators."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


BOLT_LOG.addFilter(_SkipTokenWarning())
quiet_logs.install()


def bolt_app(client: AsyncWebClient, handlers: SlackHandlers) -> AsyncApp:
    """Requests are verified by our transport (HTTP) or arrive over Socket Mode, so Bolt's own
    check is off. `process_before_response` makes Bolt answer as soon as a listener acks: the
    listeners then carry on in their own tasks (see `SlackHandlers.spawn`)."""
    app = AsyncApp(
        client=client,
        process_before_response=True,
        request_verification_enabled=False,
        logger=BOLT_LOG,
    )
    app.use(handlers.middleware)
    app.command(ANY)(handlers.on_command)
    app.action(ANY)(handlers.on_action)
    app.view_submission(ANY)(handlers.on_view_submission)
    app.event("message")(handlers.on_message)
    app.event("app_mention")(handlers.on_mention)
    app.event("app_home_opened")(handlers.on_home_opened)
    app.event("member_joined_channel")(handlers.on_member_joined)
    app.event(ANY)(handlers.on_any_event)
    return app
