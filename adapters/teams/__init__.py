"""Microsoft Teams through the Bot Framework: `/api/messages`, Adaptive Cards, proactive posts.

Import `adapters.teams.mount.mount` to serve it; the package itself imports nothing heavy, so
CLI tools such as `teams-package` start quickly."""
