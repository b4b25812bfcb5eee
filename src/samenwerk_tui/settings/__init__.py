"""The collaboration's settings, from an optional file beside the sessions.

A collaboration may find a drop of half a point alarming or trivial; the
thresholds live in ``samenwerk-instellingen.toml`` so the stuurgroep can set
them once for everyone who opens the folder, next to the participants
expected each round and the collaboration's form. Without the file the
defaults apply. The file is read as strictly as a session file: an unknown or
broken key is a located Dutch problem, not a silently ignored setting.

- :mod:`.tables`: what the file may hold, one model per table;
- :mod:`.reading`: reading it, strictly or with defaults for what is broken;
- :mod:`.writing`: the participant list written in place, and the commented defaults.

The form and convenant tables are written by :mod:`samenwerk_tui.advice_settings`.
"""

from .reading import DEFAULTS_USED, SettingsLoad, load_settings, read_settings, settings_path
from .tables import (
    Anonymity,
    Bands,
    CollaborationForm,
    CollaborationInfo,
    ConvenantEntry,
    Participant,
    Settings,
    Signals,
)
from .writing import settings_toml, update_settings_file

__all__ = [
    "DEFAULTS_USED",
    "Anonymity",
    "Bands",
    "CollaborationForm",
    "CollaborationInfo",
    "ConvenantEntry",
    "Participant",
    "Settings",
    "SettingsLoad",
    "Signals",
    "load_settings",
    "read_settings",
    "settings_path",
    "settings_toml",
    "update_settings_file",
]
