"""The shareable report: a self-contained HTML file of a workspace's (or one channel's) check
results over time, with the framework it follows (`build` gathers, `html` writes it)."""
