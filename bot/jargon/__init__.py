"""Jargon and acronym warnings: detection, the team glossary, and kind private nudges."""

from .lexicon import Lexicon, compiled
from .scan import Finding, scan

__all__ = ["Finding", "Lexicon", "compiled", "scan"]
