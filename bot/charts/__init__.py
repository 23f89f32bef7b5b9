"""Charts: builders of the neutral `Chart` (`bot/chart.py`) from the bot's data, the layout of a
chart as a `Scene` of shapes and words, and drawing it to SVG (written directly) or PNG (Pillow).

Importing this package is cheap: Pillow loads only when a PNG is drawn (`bot.charts.render`)."""
