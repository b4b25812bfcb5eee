"""Writing the settings file: the participant list edited in place, and the commented defaults."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from ..toml.messages import problems_from_validation
from ..toml.read import FileProblem, read_toml
from .reading import settings_path
from .tables import CollaborationInfo, Participant, Settings

PARTICIPANTS_COMMENT = "De partners die elke ronde een sessiebestand krijgen: organisatie en contactrol."


def update_settings_file(
    folder: Path,
    *,
    participants: Iterable[Participant] | None = None,
    collaboration: CollaborationInfo | None = None,
) -> Settings:
    """Write the participant list (and the collaboration's name and phase) into the settings file.

    Everything else in the file stays as it was, comments included: the
    file is edited in place (tomlkit), not rewritten from the model. Without
    a file, the commented defaults are the start. What is written is read
    back and validated first, and the file is replaced atomically; a file
    changed by someone else in the meantime is not overwritten
    (:class:`store.ConflictError`). A free ``vorm`` that an earlier version
    wrote into ``[samenwerking]`` stays as it is; the form is written by
    :mod:`samenwerk_tui.advice_settings`. Raises :class:`FileProblem` when the
    existing file cannot be parsed, so that nothing in it is lost.
    """
    import tomlkit

    from ..store import ConflictError, atomic_write, current_digest
    from ..toml.read import parse_toml_bytes

    path = settings_path(folder)
    if path.exists():
        document = read_toml(path)
        digest: str | None = document.digest
        toml_document = tomlkit.parse(document.text)
    else:
        digest = None
        toml_document = tomlkit.parse(settings_toml())
    if collaboration is not None:
        table = toml_document.get("samenwerking")
        if not isinstance(table, dict):
            table = tomlkit.table()
            toml_document["samenwerking"] = table
        for key, value in (("naam", collaboration.name), ("fase", collaboration.phase)):
            if value:
                table[key] = value
            elif key in table:
                del table[key]
    if participants is not None:
        entries = tomlkit.aot()
        for participant in participants:
            entry = tomlkit.table()
            entry["organisatie"] = participant.organisation
            if participant.role:
                entry["rol"] = participant.role
            entries.append(entry)
        if "deelnemers" in toml_document:
            toml_document["deelnemers"] = entries
        elif len(entries):
            toml_document.add(tomlkit.nl())
            toml_document.add(tomlkit.comment(PARTICIPANTS_COMMENT))
            toml_document.add("deelnemers", entries)
    data = tomlkit.dumps(toml_document).encode("utf-8")
    written = parse_toml_bytes(path, data)
    try:
        settings = Settings.model_validate(written.table)
    except ValidationError as error:
        raise FileProblem(problems_from_validation(path, written.text, error)) from None
    if current_digest(path) != digest:
        raise ConflictError(path)
    Path(folder).mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)
    return settings


def _toml_number(value: float) -> str:
    return repr(float(value))


def settings_toml(settings: Settings | None = None) -> str:
    """A commented settings file with ``settings`` (default: the defaults) filled in."""
    settings = settings or Settings()
    return f"""\
# Instellingen van samenwerk voor de sessiebestanden in deze map.
# Verwijder een regel om de standaardwaarde te gebruiken. Scores lopen van
# 1 (helemaal niet op orde) tot 5 (volledig op orde); een gemiddelde is het
# gemiddelde over de respondenten, die elk één keer meetellen.

[banden]
# Een gemiddelde vanaf "sterk" heet sterk (standaard 4.0).
sterk = {_toml_number(settings.band_strong)}
# Vanaf "aandacht" tot "sterk" heet het aandacht, daaronder zorg (standaard 3.0).
aandacht = {_toml_number(settings.band_attention)}

[signalen]
# Achteruitgang: een item, succesfactor of fase daalt minstens zoveel
# ten opzichte van de vorige ronde waarin het gemeten is (standaard 0.5).
achteruitgang = {_toml_number(settings.drop_threshold)}
# Hetzelfde voor een losse vraag; die rust op minder antwoorden (standaard 1.0).
achteruitgang_vraag = {_toml_number(settings.question_drop_threshold)}
# Dalende of stijgende trend: zoveel keer op rij gedaald of gestegen
# (standaard 3) ...
trend_stappen = {settings.trend_steps}
# ... en bij elkaar minstens zoveel (standaard 0.5).
trend_totaal = {_toml_number(settings.trend_total)}
# Verschil van inzicht: het hoogste en laagste gemiddelde van de respondenten
# liggen minstens zoveel uit elkaar (standaard 1.5).
verschil_van_inzicht = {_toml_number(settings.divergence_threshold)}

[anoniem]
# Een anoniem rapport (samenwerk rapport --anoniem) toont cijfers per partner
# alleen als er minstens zoveel respondenten achter staan, anders alleen de
# totalen (standaard 3).
minimum_respondenten = {settings.anonymity.min_respondents}
"""
