"""The Slack adapter, on slack-bolt: `mount_slack(runtime)` adds it to the web app."""

from .adapter import SlackAdapter
from .mount import mount_slack

__all__ = ["SlackAdapter", "mount_slack"]
