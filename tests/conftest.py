"""Shared fixtures: the built-in content and valid session files on disk.

Kept small on purpose; fixtures for one test file belong in that file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from samenwerk_tui.content import Content, load_content

SESSION_TEMPLATE = """\
formaat = {formaat}
fase = "{fase}"
aangemaakt = 2026-01-05
bijgewerkt = 2026-01-06
{top}
[samenwerking]
naam = "Horecateam Lindendal"
slug = "horecateam-lindendal"

[ronde]
label = "{ronde}"
datum = 2026-01-05

[respondent]
organisatie = "{organisatie}"
rol = "coördinator horecatoezicht"

[inhoud]
id = "ccv-samenwerken-2011"
versie = "1"

{body}"""

MakeSession = Callable[..., Path]


@pytest.fixture(autouse=True)
def private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test gets its own load cache and cache key, never the user's in the home folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(scope="session")
def content() -> Content:
    """The built-in CCV checklist and knowledge base."""
    return load_content()


@pytest.fixture
def make_session(tmp_path: Path) -> MakeSession:
    """Write a valid session file and return its path.

    ``body`` is TOML appended after the header tables (``[vragen."visie.1"]``
    and the like); ``top`` is TOML placed among the top-level keys. The file
    goes to ``folder`` (default ``tmp_path``) under ``name``.
    """

    def make(
        body: str = "",
        *,
        name: str = "sessie.toml",
        folder: Path | None = None,
        top: str = "",
        fase: str = "begin",
        formaat: int = 1,
        ronde: str = "2026-Q1",
        organisatie: str = "Gemeente Lindendal",
    ) -> Path:
        path = (folder or tmp_path) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = SESSION_TEMPLATE.format(
            formaat=formaat, fase=fase, top=top, ronde=ronde, organisatie=organisatie, body=body
        )
        path.write_text(text, encoding="utf-8")
        return path

    return make
