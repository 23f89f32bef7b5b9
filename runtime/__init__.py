"""The process: settings, store, core and adapters wired into one aiohttp server, plus the CLI."""
