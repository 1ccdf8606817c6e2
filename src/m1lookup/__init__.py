"""m1lookup: how rare is this BMW 1M's colour? Every figure with its source."""

# Kept as a literal (not importlib.metadata) so that reading it costs nothing at start-up.
__version__ = "0.1.0"
