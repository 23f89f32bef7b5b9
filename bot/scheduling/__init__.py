"""Scheduling any feature uses: the slot table, one-off posts and each channel's post memory."""
