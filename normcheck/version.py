"""The version of normcheck (one place; ``normcheck.__version__`` re-exports it)."""

__version__ = "0.1.0"
