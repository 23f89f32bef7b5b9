"""The adapter contract suite: one set of assertions, every adapter."""
