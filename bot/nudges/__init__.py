"""Nudges: after-meeting reflections, the principle of the week and check reminders, posted by a
restart-safe scheduler within each channel's time zone, working days, quiet hours and caps."""
