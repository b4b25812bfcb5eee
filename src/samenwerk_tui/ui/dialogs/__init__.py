"""Modal dialogs, one module per role: ``base``, ``editing``, ``files``, ``navigation``, ``export``."""
