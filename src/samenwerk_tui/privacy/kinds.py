"""The kinds of personal data samenwerk recognises, with their Dutch names and placeholders."""

from __future__ import annotations

# User-facing text, together so it can be reviewed in one place.
KIND_BSN = "BSN"
KIND_EMAIL = "e-mailadres"
KIND_PHONE = "telefoonnummer"
KIND_IBAN = "IBAN"
KIND_ADDRESS = "postcode en huisnummer"
KIND_POSTCODE = "postcode"
KIND_STREET = "straat en huisnummer"
KIND_PERSON = "naam van een persoon"
KIND_NAME = "naam van de respondent"

KINDS_IN_ORDER = (KIND_BSN, KIND_EMAIL, KIND_PHONE, KIND_IBAN, KIND_ADDRESS, KIND_POSTCODE, KIND_STREET, KIND_PERSON)
PLURALS = {
    KIND_BSN: "BSN's",
    KIND_EMAIL: "e-mailadressen",
    KIND_PHONE: "telefoonnummers",
    KIND_IBAN: "IBAN's",
    KIND_ADDRESS: "postcodes met huisnummer",
    KIND_POSTCODE: "postcodes",
    KIND_STREET: "straten met huisnummer",
    KIND_PERSON: "namen van personen",
}
NOTHING_FOUND = "Geen persoonsgegevens gevonden."
NOT_RECOGNISED = (
    "Niet herkend worden: namen zonder voorletters of aanhef (“Jan”, “Fatima Yilmaz”; alleen de naam van de "
    "respondent zelf wordt ook zo gevonden), buitenlandse adressen en postcodes, straten zonder huisnummer of met een "
    "ongebruikelijk achtervoegsel, kentekens, geboortedata, en gevoelige gegevens in gewone woorden (gezondheid, "
    "strafbare feiten). Lees de notities daarom ook zelf na."
)

PLACEHOLDERS = {
    KIND_BSN: "[BSN verwijderd]",
    KIND_EMAIL: "[e-mailadres verwijderd]",
    KIND_PHONE: "[telefoonnummer verwijderd]",
    KIND_IBAN: "[IBAN verwijderd]",
    KIND_ADDRESS: "[adres verwijderd]",
    KIND_POSTCODE: "[adres verwijderd]",
    KIND_STREET: "[adres verwijderd]",
    KIND_PERSON: "[naam verwijderd]",
}
