"""The settings file beside the sessions: defaults, custom thresholds, and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenwerk_tui.settings import Bands, Settings, Signals, load_settings, read_settings, settings_toml
from samenwerk_tui.store import SETTINGS_FILE
from samenwerk_tui.toml.read import FileProblem


def write(folder: Path, text: str) -> Path:
    path = folder / SETTINGS_FILE
    path.write_text(text, encoding="utf-8")
    return path


def values(settings: Settings) -> tuple[float, ...]:
    return (
        settings.band_strong,
        settings.band_attention,
        settings.drop_threshold,
        settings.question_drop_threshold,
        settings.trend_steps,
        settings.trend_total,
        settings.divergence_threshold,
    )


DEFAULT_VALUES = (4.0, 3.0, 0.5, 1.0, 3, 0.5, 1.5)


def test_without_a_file_the_defaults_of_the_issue_apply(tmp_path: Path) -> None:
    assert values(load_settings(tmp_path)) == DEFAULT_VALUES
    loaded = read_settings(tmp_path)
    assert values(loaded.settings) == DEFAULT_VALUES
    assert loaded.problems == []


def test_a_file_sets_the_thresholds_and_leaves_the_rest_at_their_defaults(tmp_path: Path) -> None:
    write(tmp_path, "[banden]\nsterk = 4.5\n\n[signalen]\nachteruitgang = 0.25\ntrend_stappen = 2\n")
    settings = load_settings(tmp_path)
    assert values(settings) == (4.5, 3.0, 0.25, 1.0, 2, 0.5, 1.5)
    assert read_settings(tmp_path).problems == []


def test_the_written_settings_file_reads_back_the_same(tmp_path: Path) -> None:
    custom = Settings(bands=Bands(strong=4.2, attention=2.8), signals=Signals(drop=0.4, trend_steps=4, divergence=2))
    write(tmp_path, settings_toml(custom))
    assert load_settings(tmp_path) == custom
    write(tmp_path, settings_toml())
    assert values(load_settings(tmp_path)) == DEFAULT_VALUES


def test_a_wrong_value_is_a_dutch_message_with_its_line_and_the_default_applies(tmp_path: Path) -> None:
    path = write(tmp_path, '[banden]\nsterk = "4"\naandacht = 2.5\n\n[signalen]\nachteruitgang = 0.3\n')
    loaded = read_settings(tmp_path)
    assert values(loaded.settings) == (4.0, 2.5, 0.3, 1.0, 3, 0.5, 1.5)
    assert [str(problem) for problem in loaded.problems] == [
        f'{path}:2:1: banden.sterk: moet een getal zijn, zoals 0.5 (gevonden: "4"); deze instelling is genegeerd; de standaardwaarde geldt'
    ]


def test_an_unknown_key_is_named_with_its_line_and_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, "[signalen]\nachteruitgang = 0.3\nachteruitgnag_vraag = 2.0\n")
    loaded = read_settings(tmp_path)
    assert values(loaded.settings) == (4.0, 3.0, 0.3, 1.0, 3, 0.5, 1.5)
    assert [(problem.path, problem.line) for problem in loaded.problems] == [(path, 3)]
    assert "signalen.achteruitgnag_vraag: onbekend veld" in loaded.problems[0].message


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("[signalen]\ntrend_stappen = 0\n", 2, "moet minstens 1 zijn"),
        ("[signalen]\ntrend_stappen = 2.5\n", 2, "moet een geheel getal zijn"),
        ("[signalen]\nverschil_van_inzicht = -1.0\n", 2, "moet groter zijn dan 0"),
        ("[banden]\nsterk = 7\n", 2, "moet tussen 1 en 5 liggen"),
        ("[banden]\nsterk = true\n", 2, "moet een getal zijn"),
        ("[signalen]\nachteruitgang = nan\n", 2, "eindig getal"),
        ("banden = 3\n", 1, "moet een tabel zijn"),
    ],
)
def test_each_kind_of_wrong_value_is_located_and_explained(tmp_path: Path, text: str, line: int, message: str) -> None:
    write(tmp_path, text)
    loaded = read_settings(tmp_path)
    assert values(loaded.settings) == DEFAULT_VALUES
    assert len(loaded.problems) == 1
    assert loaded.problems[0].line == line
    assert message in loaded.problems[0].message
    with pytest.raises(FileProblem):
        load_settings(tmp_path)


def test_bands_in_the_wrong_order_fall_back_to_the_default_bands(tmp_path: Path) -> None:
    write(tmp_path, "[banden]\nsterk = 3.0\naandacht = 3.5\n\n[signalen]\nverschil_van_inzicht = 2.0\n")
    loaded = read_settings(tmp_path)
    assert values(loaded.settings) == (4.0, 3.0, 0.5, 1.0, 3, 0.5, 2.0)
    assert len(loaded.problems) == 1
    assert "aandacht (3.5) moet lager zijn dan sterk (3.0)" in loaded.problems[0].message
    assert loaded.problems[0].line == 1


def test_a_broken_toml_file_gives_the_defaults_and_a_located_message(tmp_path: Path) -> None:
    path = write(tmp_path, "[signalen]\nachteruitgang = 0.3\n[banden\n")
    loaded = read_settings(tmp_path)
    assert values(loaded.settings) == DEFAULT_VALUES
    assert len(loaded.problems) == 1
    problem = loaded.problems[0]
    assert (problem.path, problem.line) == (path, 3)
    assert problem.message.startswith("TOML-fout")
    assert problem.message.endswith("de standaardinstellingen gelden")


def test_a_settings_file_that_is_not_utf8_gives_the_defaults(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_bytes(b"[banden]\nsterk = 4.0 # \xff\n")
    loaded = read_settings(tmp_path)
    assert values(loaded.settings) == DEFAULT_VALUES
    assert len(loaded.problems) == 1


def test_the_settings_file_is_not_read_as_a_session(tmp_path: Path) -> None:
    from samenwerk_tui.store import load_folder

    write(tmp_path, settings_toml())
    assert load_folder(tmp_path).problems == []


def test_participants_are_listed_and_match_respondents(tmp_path: Path) -> None:
    from samenwerk_tui.model import Respondent

    write(
        tmp_path,
        '[[deelnemers]]\norganisatie = "Gemeente  Lindendal"\nrol = "coördinator"\n\n[[deelnemers]]\norganisatie = "Politie"\n',
    )
    participants = load_settings(tmp_path).participants
    assert [(p.organisation, p.role) for p in participants] == [("Gemeente  Lindendal", "coördinator"), ("Politie", "")]
    assert participants[0].key == Respondent(organisatie="gemeente lindendal", rol="Coördinator").key


def test_a_broken_participant_drops_only_that_participant(tmp_path: Path) -> None:
    write(tmp_path, '[[deelnemers]]\norganisatie = "Politie"\n\n[[deelnemers]]\norganisatie = ""\n')
    loaded = read_settings(tmp_path)
    assert [p.organisation for p in loaded.settings.participants] == ["Politie"]
    assert len(loaded.problems) == 1 and ":5:" in str(loaded.problems[0])
