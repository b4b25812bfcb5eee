"""TOML as samenwerk reads and writes it: :mod:`.read` (with located Dutch errors), :mod:`.write`, :mod:`.preserve`."""
