""" "You said, we did": actions agreed in a channel, followed up until done (docs/actions.md)."""
