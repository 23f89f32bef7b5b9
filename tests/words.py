"""The adapters' own words from the shipped pack, for renderer tests: snapshots render with the
words production uses (issue 14, improvement 4), since the renderers have no English defaults."""

from __future__ import annotations

from bot.prompts import load_shipped

SHIPPED = load_shipped()
SLACK_FORM_OPEN = SHIPPED.say("slack.form.open")  # the button that opens a form as a modal
TEAMS_REQUIRED = SHIPPED.say("teams.form.required")  # a required answer's error message


def say(message_id: str) -> str:
    """A message in English, as shipped: a command's example or correct form (specs carry ids)."""
    return SHIPPED.say(message_id)
