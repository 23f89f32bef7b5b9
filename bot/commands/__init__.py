"""The small features, one module each: help, principles, language, forget me, privacy, welcome
and small talk. `bot/commands/features.py` declares them; `runtime/` composes them."""
