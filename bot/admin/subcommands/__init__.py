"""The built-in admin subcommands, one module each; `bot.admin` imports them all."""
