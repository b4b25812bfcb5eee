"""samenwerk: evaluate a Dutch enforcement collaboration against the CCV checklist."""

__version__ = "0.1.0"
