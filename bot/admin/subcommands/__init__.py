"""The admin feature: `admin` and its built-in subcommands, one module each (`feature.py`)."""
