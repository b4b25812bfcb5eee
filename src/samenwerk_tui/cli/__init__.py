"""The ``samenwerk`` command: :mod:`.dispatch` runs one of the commands, each in a module of its own."""
