"""Text from files is data: strip what a terminal would interpret.

Session files come from other organisations and from hand edits. A note may
hold an ESC that starts a terminal escape sequence (``tomllib`` turns
``"\\u001b"`` into a real ESC), C1 controls, or bidi overrides that make text
read differently from what it is. All of these are removed when a file is
loaded, so nothing further up ever sees them.

Text is also brought to Unicode NFC: "Politie Oost-Brabant" typed on one
machine and pasted from another may differ in bytes (a precomposed "é" or an
"e" with a combining accent) and must not show as two different names.
"""

from __future__ import annotations

import re
import unicodedata

# ESC-introduced sequences first, so their parameters go with them:
# CSI (ESC [ ... final byte), OSC/DCS/SOS/PM/APC (ESC ] ... BEL or ESC \),
# and two-character escapes (ESC x). An unterminated string sequence is not
# one: only its ESC goes (below), so the text after it is not lost.
_ESCAPE_SEQUENCES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]            # CSI
    | \x1b[\]PX^_].*?(?:\x07|\x1b\\)    # OSC, DCS, SOS, PM, APC
    | \x1b[@-Z\\-_]                     # other two-character escapes
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 controls except tab and newline, DEL, C1 controls, and the bidi
# embedding/override/isolate characters.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The same, with tab and newline: what a one-line field must not keep.
_LINE_BREAKS_OR_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Return ``text`` without terminal escape sequences and control characters.

    Carriage returns are normalised to newlines first, so Windows line endings
    survive as line breaks rather than vanish. The result is in NFC.
    """
    if _CONTROL_CHARACTERS.search(text) is None:
        # Nearly all text: nothing to strip (ESC and CR are control characters too).
        return _nfc(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCES.sub("", text)
    return _nfc(_CONTROL_CHARACTERS.sub("", text))


def _nfc(text: str) -> str:
    # ASCII text (most of it) is NFC already; the check is cheaper than normalising.
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def clean_line(text: str) -> str:
    """Like :func:`clean_text`, for one-line fields: newlines and tabs become spaces."""
    if _LINE_BREAKS_OR_CONTROLS.search(text) is None:
        return _nfc(text.strip())
    return " ".join(clean_text(text).replace("\t", " ").split("\n")).strip()


# Controls as above, and the lone surrogates Python uses for bytes of a file
# name that are not UTF-8 (printing one raises UnicodeEncodeError).
_UNSHOWABLE_IN_PATHS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown_path(path: object) -> str:
    """A file name or path as shown to a person: every control character as ``?``.

    File names come from outside (a shared folder, an e-mail attachment) and
    may hold escape sequences. Unlike :func:`clean_line` nothing is dropped or
    trimmed: the name stays recognisable (``ls -q`` shows it the same way) and
    two names that differ only in control characters still look different.
    """
    text = str(path)
    if _UNSHOWABLE_IN_PATHS.search(text) is None:
        return text
    return _UNSHOWABLE_IN_PATHS.sub("?", text)
