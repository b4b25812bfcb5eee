"""Finding what looks like personal data in session files, and masking it.

Exchanging personal data (persoonsgegevens) between partners needs a
convenant and a check by the privacy authority, but notes are free text and
people do write numbers, addresses and names into them. Before a file is
exchanged, :func:`~.findings.scan_file` (or :func:`~.findings.scan_session`
for a session in memory) lists what looks like a BSN, an e-mail address (also
spelled out, "naam at domein dot nl"), a phone number, an IBAN, a street with
a house number, a postcode, a name written with initials or a title, and the
respondent's own name wherever it is written;
:func:`~.anonymising.anonymise` returns a copy with each of those masked.
What cannot be recognised (names without initials or title, foreign
addresses) is said in :data:`~.kinds.NOT_RECOGNISED`.

- :mod:`.kinds`: the kinds of personal data, their Dutch names and placeholders;
- :mod:`.detectors`: recognising them in a text (python-stdnum, phonenumbers);
- :mod:`.findings`: scanning a session or file into located, masked findings;
- :mod:`.anonymising`: the anonymised copy.

Pure Python, no Textual.
"""

from .anonymising import anonymise
from .detectors import Match, elfproef, find_personal_data, iban_valid
from .findings import Finding, mask, scan_file, scan_session, summarise
from .kinds import (
    KIND_ADDRESS,
    KIND_BSN,
    KIND_EMAIL,
    KIND_IBAN,
    KIND_NAME,
    KIND_PERSON,
    KIND_PHONE,
    KIND_POSTCODE,
    KIND_STREET,
    KINDS_IN_ORDER,
    NOT_RECOGNISED,
    NOTHING_FOUND,
    PLACEHOLDERS,
    PLURALS,
)

__all__ = [
    "KINDS_IN_ORDER",
    "KIND_ADDRESS",
    "KIND_BSN",
    "KIND_EMAIL",
    "KIND_IBAN",
    "KIND_NAME",
    "KIND_PERSON",
    "KIND_PHONE",
    "KIND_POSTCODE",
    "KIND_STREET",
    "NOTHING_FOUND",
    "NOT_RECOGNISED",
    "PLACEHOLDERS",
    "PLURALS",
    "Finding",
    "Match",
    "anonymise",
    "elfproef",
    "find_personal_data",
    "iban_valid",
    "mask",
    "scan_file",
    "scan_session",
    "summarise",
]
