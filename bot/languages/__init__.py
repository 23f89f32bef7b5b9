"""Who reads which locale: a person's choice, the platform's locale, the channel's language."""

from .resolve import CHANNEL_LOCALES, SETTING, Languages

__all__ = ["CHANNEL_LOCALES", "SETTING", "Languages"]
