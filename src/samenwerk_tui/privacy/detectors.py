"""Recognising what looks like personal data in a text.

Checks keep false positives down: BSN's and IBAN's are checked by
python-stdnum, phone numbers are found by libphonenumber (``phonenumbers``)
in the ranges that exist, and dates, amounts, times and article numbers are
not taken for any of them. Both libraries are imported only when a check
runs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .kinds import KIND_ADDRESS, KIND_BSN, KIND_EMAIL, KIND_IBAN, KIND_PERSON, KIND_PHONE, KIND_POSTCODE, KIND_STREET


@dataclass(frozen=True)
class Match:
    """One stretch of a text that looks like personal data of ``kind``."""

    kind: str
    start: int
    end: int
    text: str


_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])"
)
# An address written to fool harvesters: "jan [at] lindendal [dot] nl", "jan at lindendal dot nl",
# "jan(at)lindendal.nl". Spelled-out separators only before a familiar top-level domain.
_AT = r"(?:\s*[\[({]\s*(?:at|apenstaart|@)\s*[\])}]\s*|\s+(?:at|apenstaart)\s+)"
_DOT = r"(?:\s*[\[({]\s*(?:dot|punt|\.)\s*[\])}]\s*|\s+(?:dot|punt)\s+|\.)"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_TLD = r"(?:nl|be|de|eu|com|org|net|info|nu|gov|edu|fr|uk|example)"
_EMAIL_SPELLED = re.compile(
    rf"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*{_AT}{_LABEL}(?:{_DOT}{_LABEL})*?{_DOT}{_TLD}(?![\w-])",
    re.IGNORECASE,
)
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])")
# A date with a full year: "01-02-2026 12" is a date and a number, not a phone number (06.12.34.56.78 is one).
_DATE_INSIDE = re.compile(r"(?<!\d)\d{1,2} ?[-./] ?\d{1,2} ?[-./] ?(?:19|20)\d\d(?!\d)")
# 9 digits, or grouped 3-3-3 / 4-2-3 with dots or spaces.
_BSN = re.compile(r"(?<!\d[.,])(?<![\w+/-])(?:\d{9}|\d{3}([ .])\d{3}\1\d{3}|\d{4}([ .])\d{2}\2\d{3})(?![\w]|[.,/-]\d)")
_AMOUNT_BEFORE = re.compile(r"(?:€|\bEUR|\beuro)\s*$", re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"^(?:,-|,\d\d\b|\s*(?:euro|EUR)\b)", re.IGNORECASE)
# Postcode 1234 AB (no SA, SD or SS) followed by a house number and an optional addition.
_ADDRESS = re.compile(
    r"(?<![\w-])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?:, ?| )?(?:nr\.? ?)?\d{1,5}(?:-[A-Za-z]{1,4}(?!\w)| ?[A-Za-z](?!\w)|-\d{1,4})?(?!\w|[.,-]\d)"
)
# A place name after a postcode: "Havenstad", "Den Haag", "'s-Hertogenbosch", "Alphen aan den Rijn", "HAVENSTAD".
_PLACE = (
    r"(?:'[st][- ])?[A-Z](?:[a-zà-öø-ÿ]+|[A-Z]+)"
    r"(?:[- ](?:(?:aan|op|bij|en|in|de|den|der)[ -]){0,2}[A-Z][a-zà-öø-ÿ]+){0,2}"
)
_POSTCODE_AND_PLACE = re.compile(rf"(?<![\w-])([1-9]\d{{3}})[ -]?([A-Za-z]{{2}})(?:,? {{1,2}}){_PLACE}(?![\w])")
_POSTCODE_COMPACT = re.compile(r"(?<![\w-])[1-9]\d{3}(?!SA|SD|SS)([A-Z]{2})(?![\w])")
_POSTCODE_SPACED = re.compile(r"(?<![\w-])([1-9]\d{3}) (?!SA|SD|SS)[A-Z]{2}(?![\w])")
_POSTCODE_WORD = re.compile(r"\bpostcode\s*:?\s*$", re.IGNORECASE)
# Two capitals after a number that are no postcode: units and the like.
_NOT_POSTCODE_LETTERS = {"KM", "KG", "MG", "ML", "CM", "MM", "KW", "MW", "GB", "MB", "TB", "PK", "HP", "SA", "SD", "SS"}
# Lower-case "postcode letters" that are Dutch words: "in 2026 en Havenstad".
_SHORT_WORDS = {"en", "in", "op", "om", "te", "de", "na", "of", "al", "zo", "nu", "ja", "ik", "we", "je", "ze", "bv", "ca", "is"}
_YEAR = re.compile(r"(?:19|20)\d\d")

# "in 2026 OM 3 zaken": a year and an organisation, not a postcode.
_YEAR_AND_ABBREVIATION = re.compile(r"(?:19|20)\d\d ?(?:OM|EU|NL|VN)\b")

# A street name ends in one of these; a house number with an optional addition follows.
_STREET_SUFFIXES = (
    "straat|str\\.|weg|laan|plein|gracht|kade|singel|dijk|pad|steeg|dreef|hof|markt|park|wal|plantsoen|brink"
    "|allee|boulevard|poort|erf|hoek|oord|dries|wetering|vaart|stede"
)
_STREET = re.compile(
    rf"(?<![\w-])[A-Z][a-zà-öø-ÿ'-]*?[a-zà-öø-ÿ](?:{_STREET_SUFFIXES})"
    r" (?:nr\.? ?)?([1-9]\d{0,4})(?:-\d{1,4}|-?[a-zA-Z](?![\w])| [A-Za-z](?![\w.])|-?(?:bis|hs|huis|boven|bg)\b)?"
    r"(?![\w%]|[.,:/-]\d| ?(?:uur|u\b|%|procent|keer|x\b|minuten|km|meter|m\b))"
)

# Names written with initials or a title: "J. de Vries", "mevr. Jansen", "dhr. P. Bakker", "mr. dr. A.B. Smit".
_PARTICLE = r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Hh]et|[Tt]er|[Tt]en|[Tt]e|[Ii]n|[Oo]p|'t|[Ll]a|[Ll]e|[Dd]u|[Vv]on|d')"
_PARTICLES = rf"(?:{_PARTICLE}\s+){{0,3}}"
_SURNAME = r"[A-Z][a-zà-öø-ÿ'’]+(?:-[A-Z][a-zà-öø-ÿ'’]+)?"
_INITIALS = r"(?:(?:Th|Chr|Joh|Ph|[A-Z])\.\s?){1,4}"
_TITLE = (
    r"(?:[Dd]hr|DHR|[Mm]evr|MEVR|[Mm]w|[Mm]ej|[Mm]r|[Dd]r|[Dd]rs|[Ii]r|[Ii]ng|[Pp]rof|[Dd]s)\."
    r"|(?:[Dd]hr|[Mm]evr|[Mm]w)(?=\s)|(?:[Dd]e\s+)?[Hh]eer|[Mm]evrouw|[Mm]eneer|[Jj]uffrouw"
)
_PERSON = re.compile(
    rf"(?<![\w.])(?:(?:{_TITLE})\s*(?:(?:{_TITLE})\s*){{0,2}}(?:{_INITIALS}\s?)?(?:{_SURNAME}\s+(?={_PARTICLES}{_SURNAME}))?"
    rf"|{_INITIALS}\s?){_PARTICLES}{_SURNAME}"
)
_TITLE_START = re.compile(_TITLE)
# "bijlage B. Daarna", "fase C. De …": a letter, not an initial.
_LETTER_NOT_INITIAL = re.compile(
    r"\b(?:bijlage|fase|punt|variant|optie|scenario|model|categorie|klasse|type|groep|blok|route|stap|vraag|hoofdstuk"
    r"|paragraaf|artikel|art\.|lid|onderdeel|deel|niveau|prioriteit|plan|zone|gebied|team|locatie|vak|kolom|rij|versie"
    r"|sector|cluster|wijk|regio|code|status|klasse|schaal|kwadrant|afdeling)\s*$",
    re.IGNORECASE,
)
# Words that begin a sentence after an initial-like letter and a full stop.
_SENTENCE_STARTS = {
    "De",
    "Het",
    "Een",
    "Dit",
    "Dat",
    "Deze",
    "Die",
    "Daarna",
    "Daarom",
    "Daar",
    "Er",
    "In",
    "Op",
    "Zie",
    "We",
    "Wij",
    "Ook",
    "Na",
    "Bij",
    "Voor",
    "Met",
    "Als",
    "Nog",
    "Zo",
    "Geen",
    "Alle",
    "Hier",
    "Toen",
    "Nu",
    "Dan",
    "Maar",
    "En",
    "Of",
    "Om",
    "Uit",
    "Van",
    "Tot",
    "Over",
    "Per",
    "Vanaf",
    "Tijdens",
    "Sinds",
    "Wel",
    "Niet",
    "Ze",
    "Zij",
    "Hij",
    "Ik",
}

# Abbreviations written like initials: "N.B. Stuurgroep besluit …", "B.V. Horeca …".
_ABBREVIATIONS = {
    "N.B.",
    "P.S.",
    "A.U.B.",
    "S.V.P.",
    "I.V.M.",
    "T.A.V.",
    "O.A.",
    "Z.S.M.",
    "E.D.",
    "B.V.",
    "N.V.",
    "V.O.F.",
    "C.Q.",
    "D.W.Z.",
    "I.P.V.",
    "M.B.T.",
    "I.C.M.",
    "I.O.",
    "V.Z.",
    "E.A.",
    "M.I.V.",
    "T.Z.T.",
    "I.S.M.",
    "M.V.G.",
    "P.P.",
}

_SKIPPED_PHONE_TYPES = ("TOLL_FREE", "PREMIUM_RATE", "SHARED_COST")


def elfproef(digits: str) -> bool:
    """The BSN check: 9×d1 + 8×d2 + … + 2×d8 − d9 is divisible by 11 (and not all zeros).

    Nine digits only: numbers of eight digits are BSN's with a leading zero
    dropped, which people do not write.
    """
    from stdnum.nl import bsn

    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    return bool(bsn.is_valid(digits))


def iban_valid(text: str) -> bool:
    """An IBAN with the right length for its country and a correct mod-97 check."""
    from stdnum import iban

    return bool(iban.is_valid(text))


def find_personal_data(text: str, names: Iterable[str] = ()) -> list[Match]:
    """What in ``text`` looks like personal data, in order; no two matches overlap.

    ``names`` are persons' names known beforehand (the respondent's own),
    found wherever they are written, also without initials or title.
    """
    matches: list[Match] = []
    # Taken spans, sorted and disjoint: a few thousand matches in a long note stay fast.
    starts: list[int] = []
    ends: list[int] = []

    def add(kind: str, start: int, end: int) -> None:
        index = bisect.bisect_right(starts, start)
        if index > 0 and ends[index - 1] > start:
            return
        if index < len(starts) and starts[index] < end:
            return
        starts.insert(index, start)
        ends.insert(index, end)
        matches.append(Match(kind, start, end, text[start:end]))

    for found in _EMAIL.finditer(text):
        add(KIND_EMAIL, found.start(), found.end())
    for found in _EMAIL_SPELLED.finditer(text):
        add(KIND_EMAIL, found.start(), found.end())
    for found in _IBAN.finditer(text):
        if iban_valid(found.group()):
            add(KIND_IBAN, found.start(), found.end())
    for start, end in _phone_numbers(text):
        add(KIND_PHONE, start, end)
    for found in _ADDRESS.finditer(text):
        if not _YEAR_AND_ABBREVIATION.match(found.group()):
            add(KIND_ADDRESS, found.start(), found.end())
    for start, end in _postcodes(text):
        add(KIND_POSTCODE, start, end)
    for found in _STREET.finditer(text):
        if not _YEAR.fullmatch(found.group(1)):  # "Stationsplein 2026" is a project, not an address.
            add(KIND_STREET, found.start(), found.end())
    for found in _BSN.finditer(text):
        digits = re.sub(r"\D", "", found.group())
        if not elfproef(digits):
            continue
        if _AMOUNT_BEFORE.search(text[max(0, found.start() - 8) : found.start()]):
            continue
        if _AMOUNT_AFTER.search(text[found.end() : found.end() + 8]):
            continue
        add(KIND_BSN, found.start(), found.end())
    # Known names in full, then names with initials or a title ("J. de Vries" whole), then known surnames alone.
    for start, end in _known_names(text, names, surnames=False):
        add(KIND_PERSON, start, end)
    for found in _PERSON.finditer(text):
        if _is_person(text, found):
            add(KIND_PERSON, found.start(), found.end())
    for start, end in _known_names(text, names, surnames=True):
        add(KIND_PERSON, start, end)
    return sorted(matches, key=lambda match: match.start)


def _phone_numbers(text: str) -> Iterable[tuple[int, int]]:
    """Phone numbers as libphonenumber finds them in Dutch text; service numbers (0800, 0900) are no person's."""
    if not any(character.isdigit() for character in text):
        return
    import phonenumbers

    for found in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        number = found.number
        kind = phonenumbers.number_type(number)
        if any(kind == getattr(phonenumbers.PhoneNumberType, name) for name in _SKIPPED_PHONE_TYPES):
            continue
        if number.country_code == 31 and len(str(number.national_number)) < 9:
            continue  # Short numbers such as 14 020 reach an organisation.
        if _DATE_INSIDE.search(found.raw_string):
            continue
        yield found.start, found.end


def _postcodes(text: str) -> Iterable[tuple[int, int]]:
    for found in _POSTCODE_AND_PLACE.finditer(text):
        digits, letters = found.group(1), found.group(2)
        if letters.upper() in _NOT_POSTCODE_LETTERS or _YEAR_AND_ABBREVIATION.match(found.group()):
            continue
        if letters.islower() and (letters in _SHORT_WORDS or _YEAR.fullmatch(digits)):
            continue
        if not (letters.isupper() or letters.islower()):
            continue
        yield found.start(), found.end()
    for found in _POSTCODE_COMPACT.finditer(text):
        if found.group(1) not in _NOT_POSTCODE_LETTERS:
            yield found.start(), found.end()
    for found in _POSTCODE_SPACED.finditer(text):
        # "1234 AB" alone; after a year it is more often an organisation ("2026 OM").
        if _POSTCODE_WORD.search(text[max(0, found.start() - 12) : found.start()]) or not _YEAR.fullmatch(found.group(1)):
            yield found.start(), found.end()


def _is_person(text: str, found: re.Match[str]) -> bool:
    matched = found.group()
    if _TITLE_START.match(matched):
        return True
    initials = re.match(r"[A-Za-z.\s]*\.", matched)
    if initials is not None and re.sub(r"\s", "", initials.group()).upper() in _ABBREVIATIONS:
        return False
    surname = matched.split()[-1] if " " in matched else matched.rsplit(".", 1)[-1]
    if surname in _SENTENCE_STARTS:
        return False
    return not _LETTER_NOT_INITIAL.search(text[max(0, found.start() - 20) : found.start()])


def _known_names(text: str, names: Iterable[str], *, surnames: bool) -> Iterable[tuple[int, int]]:
    """Where a known person's name is written: in full, or (``surnames``) the surname alone with a capital.

    A full name of several words is found in any case ("jan de vries").
    """
    for name in names:
        words = name.split()
        if not words:
            continue
        if not surnames:
            full = r"\s+".join(re.escape(word) for word in words)
            # A one-word name ("Al", "Bas") only with its capital: in lower case it is often a word.
            flags = re.IGNORECASE if len(words) > 1 else 0
            yield from ((found.start(), found.end()) for found in re.finditer(rf"(?<!\w){full}(?!\w)", text, flags))
            continue
        surname = _surname(words)
        if surname and len(surname[-1]) >= 3:
            # "de Vries" or "De Vries" for Jan de Vries; "Bakker" (not "bakker") for Piet Bakker.
            parts = [f"(?:{re.escape(word[0].upper())}|{re.escape(word[0].lower())}){re.escape(word[1:])}" for word in surname[:-1]]
            parts.append(re.escape(surname[-1]))
            pattern = r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"
            yield from ((found.start(), found.end()) for found in re.finditer(pattern, text))


def _surname(words: list[str]) -> list[str]:
    """The family name of a full name: from the first particle on ("de Vries"), else the last word."""
    if len(words) < 2:
        return []
    for index in range(1, len(words) - 1):
        if re.fullmatch(_PARTICLE, words[index]):
            return words[index:]
    return words[-1:]
