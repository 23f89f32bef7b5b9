"""The `python app.py` subcommands, one module each; `runtime.cli` imports them all."""
