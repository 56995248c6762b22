"""A small inventory app, used only as a held-out check of inspect and suggest."""
