"""coprod's platform-neutral core: events in, replies out, no chat SDK imported."""
