"""Recognising personal data in session files, and anonymising a copy."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samenwerk_tui.content import Checklist, load_content
from samenwerk_tui.model import Action, Answer, ItemNote, LogEntry, Session
from samenwerk_tui.privacy.anonymising import anonymise
from samenwerk_tui.privacy.detectors import elfproef, find_personal_data, iban_valid
from samenwerk_tui.privacy.findings import scan_file, scan_session, summarise
from samenwerk_tui.privacy.kinds import (
    KIND_ADDRESS,
    KIND_BSN,
    KIND_EMAIL,
    KIND_IBAN,
    KIND_NAME,
    KIND_PERSON,
    KIND_PHONE,
    KIND_POSTCODE,
    KIND_STREET,
)
from samenwerk_tui.store import create_session_file, iter_paths, load_session, new_session, serialize_session

EXAMPLE = Path(__file__).parent.parent / "sessions"


@pytest.fixture(scope="module")
def content() -> Checklist:
    return load_content()


@pytest.mark.parametrize("number", ["111222333", "123456782", "012345672"])
def test_valid_bsns_pass_the_elfproef(number: str) -> None:
    assert elfproef(number)


@pytest.mark.parametrize("number", ["123456789", "111222334", "000000000", "12345678", "1234567890"])
def test_other_numbers_fail_the_elfproef(number: str) -> None:
    assert not elfproef(number)


def test_iban_check_digits() -> None:
    assert iban_valid("NL91ABNA0417164300")
    assert iban_valid("NL91 ABNA 0417 1643 00")
    assert not iban_valid("NL91ABNA0417164301")
    assert not iban_valid("NL92ABNA0417164300")


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("BSN van de eigenaar: 111222333.", KIND_BSN, "111222333"),
        ("bsn 123456782 doorgegeven", KIND_BSN, "123456782"),
        ("BSN 123.456.782 in het dossier", KIND_BSN, "123.456.782"),
        ("BSN 123 456 782 in het dossier", KIND_BSN, "123 456 782"),
        ("BSN 1234.56.782 in het dossier", KIND_BSN, "1234.56.782"),
        ("Mail naar j.devries@lindendal.nl voor de planning.", KIND_EMAIL, "j.devries@lindendal.nl"),
        ("Contact: horeca+toezicht@gemeente-lindendal.example.org", KIND_EMAIL, "horeca+toezicht@gemeente-lindendal.example.org"),
        ("Bereikbaar op 06-12345678 na vijven", KIND_PHONE, "06-12345678"),
        ("Bereikbaar op 0612345678", KIND_PHONE, "0612345678"),
        ("Bereikbaar op 06 12 34 56 78", KIND_PHONE, "06 12 34 56 78"),
        ("mobiel +31 6 12345678", KIND_PHONE, "+31 6 12345678"),
        ("mobiel +31612345678", KIND_PHONE, "+31612345678"),
        ("mobiel +31 (0)6 1234 5678", KIND_PHONE, "+31 (0)6 1234 5678"),
        ("bureau 010-1234567", KIND_PHONE, "010-1234567"),
        ("bureau (010) 123 45 67", KIND_PHONE, "(010) 123 45 67"),
        ("bureau 0575-123456", KIND_PHONE, "0575-123456"),
        ("bureau 0031 10 1234567", KIND_PHONE, "0031 10 1234567"),
        ("tel. 010 - 123 45 67 (receptie)", KIND_PHONE, "010 - 123 45 67"),
        ("Borg teruggestort op NL91ABNA0417164300.", KIND_IBAN, "NL91ABNA0417164300"),
        ("rekening NL91 ABNA 0417 1643 00 van de exploitant", KIND_IBAN, "NL91 ABNA 0417 1643 00"),
        ("Woont op 1234 AB 12, eerste verdieping", KIND_ADDRESS, "1234 AB 12"),
        ("adres 1234AB12", KIND_ADDRESS, "1234AB12"),
        ("adres 3511 CD 5a.", KIND_ADDRESS, "3511 CD 5a"),
        ("adres 3511 CD 5-bis", KIND_ADDRESS, "3511 CD 5-bis"),
    ],
)
def test_personal_data_is_found(text: str, kind: str, found: str) -> None:
    assert [(match.kind, match.text) for match in find_personal_data(text)] == [(kind, found)]


@pytest.mark.parametrize(
    "text",
    [
        "Zaaknummer 123456789 doorgegeven aan het OM.",  # fails the elfproef
        "Vastgesteld in de stuurgroep van 26 maart 2026.",
        "Besproken op 12-11-2026 om 14.30 uur.",
        "Besproken op 01-02-2026 12 uur later nog eens.",
        "Besproken op 01 - 02 - 2026 12 uur later nog eens.",
        "Datum 2026-11-12, deadline 2027-01-15.",
        "Zie vraag visie.3 en actie a-q1-01, ronde 2026-Q4.",
        "Begroting € 123.456.782 voor 2027.",
        "Een boete van 123.456.782,- is opgelegd.",
        "In totaal 123.456.782 euro aan subsidie.",
        "Tussen 2024-2026 twaalf controles; in 2026 12 zaken.",
        "Versie 1.2.3 van het convenant, artikel 5:20 Awb.",
        "20261112 en 1234567 en 12345678 zijn geen persoonsgegevens.",
        "Rekening NL91ABNA0417164301 klopt niet.",
        "In 2026 OM 3 zaken voorgelegd.",
        "Het uitgaansgebied Markt–Havenkwartier, ongeveer tien van de ruim negentig zaken.",
        "Nachtcontroles na 02.00 uur, 06.00 uur sluiting.",
        "Telefoon 0800-1234 is de gratis lijn.",
    ],
)
def test_ordinary_text_is_not_personal_data(text: str) -> None:
    assert find_personal_data(text) == []


# What people write in notes: every one holds personal data, in the spellings people use.
PERSONAL_NOTES = [
    "Eigenaar woont Dorpsstraat 12, boven de zaak.",
    "Pand aan de Kerkweg 3a is weer open, vergunning loopt.",
    "Nieuw adres: Dorpsstraat 12, 1234 AB Havenstad.",
    "Post naar 1234AB, t.a.v. de beheerder.",
    "Verhuisd naar 1234 ab Havenstad volgens de BRP.",
    "Correspondentieadres Molenlaan 7-2, 2511 CD  Den Haag",
    "Exploitant bereikbaar op 06 - 1234 5678 (alleen overdag).",
    "Bel de beheerder: +31 (0)6 1234 5678.",
    "Vaste lijn thuis 0575-123456, niet doorgeven.",
    "Telefonisch contact via (010) 123 45 67 gehad.",
    "mobiel 06.12.34.56.78 van de portier",
    "BSN 123.456.782 stond in het proces-verbaal.",
    "Het bsn van de eigenaar is 111 222 333.",
    "Borg terug op NL91 ABNA 0417 1643 00.",
    "Mail de eigenaar: j.devries at lindendal dot nl",
    "Contactpersoon: p.bakker[at]cafe-de-hoek[dot]nl",
    "Klachten via buurt (at) havenstad.nl ontvangen.",
    "Overleg met J. de Vries van het buurtteam.",
    "mevr. Jansen belt over de overlast.",
    "Gesprek gevoerd met dhr. P. Bakker, exploitant.",
    "Afspraak met mevrouw El Amrani over de sluitingstijd.",
    "Aangesproken: de heer Visser (portier).",
    "Dossier bij mr. dr. A.B. van den Berg-Smit.",
    "Melding van J.P. Hendriks over geluid.",
    "Eigenaar (Kerkstraat 45) wil een gesprek.",
]
# Notes with numbers that are no personal data: article numbers, amounts, times, dates, case numbers, counts.
ORDINARY_NOTES = [
    "Handhaving op grond van artikel 5:20 Awb, last onder dwangsom.",
    "Bestuurlijke boete € 1.250 opgelegd; tweede overtreding € 2.500,-.",
    "Sluitingstijd vrijdag 22.00 uur, zaterdag 23.30 uur.",
    "Ronde 2026-Q4 vergeleken met 2026-Q3: 12% minder meldingen.",
    "Zaaknummer 2026/012345 en Z-2026-00412 bij het OM.",
    "Op 12-11-2026 besproken in de stuurgroep, 14 deelnemers.",
    "Capaciteit 3,5 fte voor 2027; 40 uur per week.",
    "In 2026 OM 3 zaken voorgelegd, 1 geseponeerd.",
    "Controle op 1 oktober 2026 om 23.15 uur, 4 overtredingen.",
    "Budget 2027: 125.000 euro, waarvan 20% voor communicatie.",
    "Artikel 2:30 APV en artikel 13b Opiumwet toegepast.",
    "Zie bijlage B. De planning volgt in Q1 2027.",
    "Verbetering 2 in het plan van aanpak, fase B. Daarna evaluatie.",
    "Overleg via 14 020 of 0800-1234 voor bewoners.",
    "Deadline 2027-01-15, versie 1.2 van het convenant.",
    "Telling: 1234 bezoekers, 56 meldingen, 7 processen-verbaal.",
    "Horecagebied Markt en Havenkwartier, 90 zaken in totaal.",
    "Ongeveer 2.500 bezoekers per nacht in 2025.",
    "Project Stationsplein 2026: cameratoezicht uitgebreid.",
    "N.B. Stuurgroep besluit in januari over de B.V. Horeca Lindendal.",
    "Markt 12 keer gecontroleerd, Kerkplein 3 uur lang afgesloten.",
    "Telefoonnummer van het meldpunt staat op de website; 1e helft 2026 88 meldingen.",
    "Score 3 op visie.2 en 4 op middelen, gemiddeld 3,67 (n = 6).",
    "Kenteken 12-ABC-3 en 45-XY-67 genoteerd bij de controle.",
]


def test_every_realistic_note_with_personal_data_is_caught() -> None:
    assert len(PERSONAL_NOTES) >= 23
    missed = [text for text in PERSONAL_NOTES if not find_personal_data(text)]
    assert missed == []


def test_no_realistic_note_without_personal_data_is_flagged() -> None:
    assert len(ORDINARY_NOTES) >= 14
    flagged = {text: [match.text for match in find_personal_data(text)] for text in ORDINARY_NOTES}
    assert {text: found for text, found in flagged.items() if found} == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eigenaar woont Dorpsstraat 12, boven de zaak.", [(KIND_STREET, "Dorpsstraat 12")]),
        ("Pand aan de Kerkweg 3a is open.", [(KIND_STREET, "Kerkweg 3a")]),
        ("Nieuw adres: Dorpsstraat 12, 1234 AB Havenstad.", [(KIND_STREET, "Dorpsstraat 12"), (KIND_POSTCODE, "1234 AB Havenstad")]),
        ("Post naar 1234AB, t.a.v. de beheerder.", [(KIND_POSTCODE, "1234AB")]),
        ("Verhuisd naar 1234 ab Havenstad.", [(KIND_POSTCODE, "1234 ab Havenstad")]),
        ("Exploitant: 06 - 1234 5678.", [(KIND_PHONE, "06 - 1234 5678")]),
        ("Portier +31 (0)6 1234 5678 gebeld", [(KIND_PHONE, "+31 (0)6 1234 5678")]),
        ("mobiel 06.12.34.56.78 van de portier", [(KIND_PHONE, "06.12.34.56.78")]),
        ("Het bsn is 111 222 333.", [(KIND_BSN, "111 222 333")]),
        ("Mail j.devries at lindendal dot nl", [(KIND_EMAIL, "j.devries at lindendal dot nl")]),
        ("Mail p.bakker[at]cafe-de-hoek[dot]nl", [(KIND_EMAIL, "p.bakker[at]cafe-de-hoek[dot]nl")]),
        ("Overleg met J. de Vries.", [(KIND_PERSON, "J. de Vries")]),
        ("mevr. Jansen belt.", [(KIND_PERSON, "mevr. Jansen")]),
        ("Gesprek met dhr. P. Bakker, exploitant.", [(KIND_PERSON, "dhr. P. Bakker")]),
    ],
)
def test_each_kind_is_found_as_written(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(match.kind, match.text) for match in find_personal_data(text)] == expected


def test_the_respondents_own_name_is_found_in_full_or_as_surname() -> None:
    text = "Jan de Vries belt terug; actie voor De Vries, niet voor jan de vries' buurman de vries-bakker."
    found = [(match.kind, match.text) for match in find_personal_data(text, ["Jan de Vries"])]
    assert found == [(KIND_PERSON, "Jan de Vries"), (KIND_PERSON, "De Vries"), (KIND_PERSON, "jan de vries")]


def test_the_number_libraries_load_only_when_a_check_runs() -> None:
    code = (
        "import sys, samenwerk_tui.privacy, samenwerk_tui.ui.app\n"
        "print('phonenumbers' in sys.modules or 'stdnum' in sys.modules)\n"
        "samenwerk_tui.privacy.detectors.find_personal_data('bel 06-12345678, BSN 111222333')\n"
        "print('phonenumbers' in sys.modules and 'stdnum' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]


def test_the_publication_texts_hold_no_false_positives() -> None:
    # Chapter 4 and the checklist of the CCV publication: hundreds of lines of
    # prose with dates, years, numbers and article references, and no personal data.
    data = Path(__file__).parent / "data"
    for name in ("seed-checklist.txt", "seed-hoofdstuk4.txt"):
        assert find_personal_data((data / name).read_text(encoding="utf-8")) == [], name


def test_several_findings_in_one_text_do_not_overlap() -> None:
    text = "Mail 0612345678@sms.example of bel 06-12345678; BSN 111222333 en NL91ABNA0417164300."
    kinds = [(match.kind, match.text) for match in find_personal_data(text)]
    assert kinds == [
        (KIND_EMAIL, "0612345678@sms.example"),
        (KIND_PHONE, "06-12345678"),
        (KIND_BSN, "111222333"),
        (KIND_IBAN, "NL91ABNA0417164300"),
    ]


def personal_session(content: Checklist) -> Session:
    session = new_session(
        collaboration="Horecateam Lindendal",
        slug=None,
        round_label="2026-Q4",
        round_date=dt.date(2026, 11, 12),
        phase="onderweg",
        organisation="Politie Basisteam Lindendal",
        role="wijkagent horeca",
        name="Jan de Vries",
        content=content,
        today=dt.date(2026, 11, 2),
    )
    return session.model_copy(
        update={
            "answers": {
                "visie.1": Answer(score=4, note="Gedeelde probleemdefinitie.\nEigenaar bereikbaar op 06-12345678."),
                "visie.3": Answer(score=3, note="Zaak 123456789 (geen BSN) en BSN 111222333."),
            },
            "item_notes": {"middelen": ItemNote(note="Borg op NL91 ABNA 0417 1643 00.")},
            "actions": {
                "a-1": Action(what="Bel 010-1234567", who="j.devries@politie.example", note="Pand 1234 AB 12"),
            },
            "log": [
                LogEntry(date=dt.date(2026, 11, 12), text="Niets bijzonders."),
                LogEntry(date=dt.date(2026, 11, 13), text="BSN 123.456.782 genoemd in het casusoverleg."),
            ],
        }
    )


@pytest.fixture()
def personal_file(tmp_path: Path, content: Checklist) -> Path:
    path = tmp_path / "sessie.toml"
    create_session_file(path, personal_session(content), content)
    return path


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(text)


def test_scan_file_reports_field_line_kind_and_masked_text(personal_file: Path, content: Checklist) -> None:
    findings = scan_file(personal_file, content)
    rows = [(finding.field, finding.line, finding.kind, finding.masked) for finding in findings]
    assert rows == [
        ("respondent, naam", line_of(personal_file, 'naam = "Jan de Vries"'), KIND_NAME, "J** d* V****"),
        ("vraag visie.1, notitie", line_of(personal_file, "06-12345678"), KIND_PHONE, "06-******78"),
        ("vraag visie.3, notitie", line_of(personal_file, "111222333"), KIND_BSN, "*******33"),
        ("punt middelen, notitie", line_of(personal_file, "NL91 ABNA"), KIND_IBAN, "NL91 **** **** **** 00"),
        ("actie a-1, wat", line_of(personal_file, "Bel 010"), KIND_PHONE, "01*-*****67"),
        ("actie a-1, wie", line_of(personal_file, "j.devries@"), KIND_EMAIL, "j********@politie.example"),
        ("actie a-1, notitie", line_of(personal_file, "Pand 1234"), KIND_ADDRESS, "12** ** **"),
        ("logboek nr. 2, tekst", line_of(personal_file, "123.456.782"), KIND_BSN, "***.***.*82"),
    ]
    # The multi-line note: the finding is on its second line, not on the key's.
    assert findings[1].line == line_of(personal_file, 'notitie = """') + 2
    assert str(findings[2]) == f"{personal_file}:{findings[2].line}: vraag visie.3, notitie: BSN: *******33"
    for finding in findings:
        assert finding.text not in finding.masked


def test_scan_session_works_on_a_session_in_memory(content: Checklist) -> None:
    findings = scan_session(personal_session(content))
    assert len(findings) == 8
    assert all(finding.file is None and finding.line is None for finding in findings)
    assert str(findings[0]).startswith("sessie: ")


def test_anonymise_masks_every_finding_and_drops_the_name(personal_file: Path, content: Checklist) -> None:
    original = personal_file.read_bytes()
    session = load_session(personal_file, content).session
    anonymous = anonymise(session, scan_file(personal_file, content))
    assert anonymous.respondent.name == ""
    assert anonymous.answers["visie.1"].note == "Gedeelde probleemdefinitie.\nEigenaar bereikbaar op [telefoonnummer verwijderd]."
    assert anonymous.answers["visie.3"].note == "Zaak 123456789 (geen BSN) en BSN [BSN verwijderd]."
    assert anonymous.item_notes["middelen"].note == "Borg op [IBAN verwijderd]."
    action = anonymous.actions["a-1"]
    assert (action.what, action.who, action.note) == (
        "Bel [telefoonnummer verwijderd]",
        "[e-mailadres verwijderd]",
        "Pand [adres verwijderd]",
    )
    assert anonymous.log[1].text == "BSN [BSN verwijderd] genoemd in het casusoverleg."
    assert scan_session(anonymous) == []
    # Everything else is as it was.
    assert anonymous.answers["visie.1"].score == 4 and anonymous.answers["visie.3"].score == 3
    assert anonymous.log[0] == session.log[0]
    assert anonymous.respondent.organisation == session.respondent.organisation
    assert (anonymous.round, anonymous.collaboration, anonymous.updated) == (session.round, session.collaboration, session.updated)
    assert personal_file.read_bytes() == original


def test_anonymise_keeps_unknown_fields(tmp_path: Path, content: Checklist) -> None:
    path = tmp_path / "sessie.toml"
    text = serialize_session(personal_session(content), content).decode("utf-8")
    path.write_text(text.replace('[vragen."visie.3"]\n', '[vragen."visie.3"]\nbijlage = "mail a@b.nl"\n', 1), encoding="utf-8")
    findings = scan_file(path, content)
    assert ("vraag visie.3, bijlage", KIND_EMAIL) in [(finding.field, finding.kind) for finding in findings]
    anonymous = anonymise(load_session(path, content).session, findings)
    assert anonymous.answers["visie.3"].model_extra == {"bijlage": "mail [e-mailadres verwijderd]"}


def test_a_clean_session_has_no_findings(content: Checklist) -> None:
    session = personal_session(content).model_copy(
        update={
            "answers": {"visie.1": Answer(score=4, note="Op 12-11-2026 besproken; zaak 123456789.")},
            "actions": {},
            "log": [],
            "item_notes": {},
        }
    )
    session = session.model_copy(update={"respondent": session.respondent.model_copy(update={"name": ""})})
    assert scan_session(session) == []


def test_the_example_sessions_hold_no_personal_data(content: Checklist) -> None:
    paths = list(iter_paths([EXAMPLE]))
    assert len(paths) == 12
    assert [finding for path in paths for finding in scan_file(path, content)] == []


def test_summarise_counts_findings_for_a_warning_before_an_exchange(content: Checklist) -> None:
    findings = scan_session(personal_session(content))
    assert summarise(findings) == (
        "Mogelijke persoonsgegevens: de naam van de respondent, 2 BSN's, 1 e-mailadres, "
        "2 telefoonnummers, 1 IBAN, 1 postcode en huisnummer."
    )
    assert summarise([]) == "Geen persoonsgegevens gevonden."


def test_the_exchange_core_does_not_import_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, samenwerk_tui.exchange, samenwerk_tui.privacy\n"
        "for package in (samenwerk_tui.exchange, samenwerk_tui.privacy):\n"
        "    for module in pkgutil.iter_modules(package.__path__):\n"
        "        importlib.import_module(f'{package.__name__}.{module.name}')\n"
        "print('textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("text", ["mevr. " * 4000, "1234 AB " * 3000, "A. " * 8000, "a at b dot " * 2000])
def test_a_long_hostile_note_is_checked_in_time(text: str) -> None:
    # Notes may be 25,000 characters; repeated titles once took 20 seconds.
    started = time.perf_counter()
    find_personal_data(text[:25_000], ["Jan de Vries"])
    assert time.perf_counter() - started < 3


def test_a_one_word_name_is_found_only_with_its_capital() -> None:
    found = [(match.kind, match.text) for match in find_personal_data("Besproken met Al en Bas.", ["Al"])]
    assert found == [(KIND_PERSON, "Al")]
    assert find_personal_data("Dat is al besproken.", ["Al"]) == []


@settings(max_examples=200, deadline=None)
@given(text=st.text(), names=st.lists(st.text(max_size=20), max_size=3))
def test_any_text_and_any_name_are_checked_without_error(text: str, names: list[str]) -> None:
    matches = find_personal_data(text, names)
    for match, following in itertools.pairwise(matches):
        assert match.end <= following.start
    assert all(text[match.start : match.end] == match.text for match in matches)
