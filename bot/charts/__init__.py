"""Charts: the neutral `Chart` (model), builders from the bot's data, and drawing to PNG/SVG.

Importing this package is cheap: the plotting library loads only when something is drawn
(`bot.charts.render`)."""
