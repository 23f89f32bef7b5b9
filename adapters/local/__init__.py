"""The local web chat: the product with no account anywhere, and the first-class test double."""

from .adapter import LocalAdapter
from .routes import add_routes

__all__ = ["LocalAdapter", "add_routes"]
