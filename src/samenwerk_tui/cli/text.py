"""argparse's own messages in Dutch, so the whole command line speaks Dutch."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

ARGPARSE_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulptekst en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "not allowed with argument %s": "niet toegestaan samen met %s",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
    "one of the arguments %s is required": "een van deze argumenten is nodig: %s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "ignored explicit argument %r": "genegeerd argument %r",
}


def dutch_ngettext(singular: str, plural: str, count: int) -> str:
    if singular == "expected %s argument":
        return "verwacht %s waarde" if count == 1 else "verwacht %s waarden"
    return singular if count == 1 else plural


@contextlib.contextmanager
def dutch_argparse() -> Iterator[None]:
    """argparse's own messages in Dutch while samenwerk's parsers are built and read.

    argparse looks its messages up through the module-level ``_`` and ``ngettext`` when it
    formats them; they are swapped only for the duration and always restored, so other code
    in the same process (a test runner, a program embedding samenwerk) keeps argparse as it was.
    """
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = lambda message: ARGPARSE_DUTCH.get(message, message)  # type: ignore[attr-defined]
    argparse.ngettext = dutch_ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
