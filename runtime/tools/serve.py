"""`python app.py serve`: start the bot (the default subcommand)."""

from __future__ import annotations

import argparse
import asyncio
import logging

from ..cli import EXIT_OK, fail, subcommand
from ..settings import load_settings


@subcommand("serve", "start the bot (the default)")
def serve_cmd(_args: argparse.Namespace) -> int:
    from ..server import serve

    settings = load_settings()
    logging.basicConfig(
        level=settings.COPROD_LOG_LEVEL, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        asyncio.run(serve(settings))
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        return fail(
            f"coprod cannot listen on {settings.HOST}:{settings.PORT}: {exc.strerror}. "
            "Set PORT to a free port, or stop whatever is using it."
        )
    return EXIT_OK
