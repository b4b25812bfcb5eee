"""The exchange of session files between partners: importing a partner's file into a collaboration's folder.

Partners send their files by e-mail, a shared folder or git. Importing one is
planned first (:func:`~.plan.plan_import`: validate, choose the target name,
compare with what is already there) and applied second
(:func:`~.apply.apply_import`), so the CLI and the app can show the
differences (:mod:`.describe`) and let the user choose. Importing never
changes the incoming file and never loses the existing one: a replaced file is
kept next to it as ``<name>.toml.bak-YYYYMMDD-HHMMSS``, which
:func:`store.load_folder` does not load (it only reads ``*.toml``).

Pure Python, no Textual.
"""

from .apply import Choice, ImportResult, apply_import, backup_name, backups_of, received_name
from .compare import AnswerDifference, FieldDifference, compare_sessions
from .describe import describe_differences
from .plan import ImportPlan, ImportStatus, is_untouched, plan_import

__all__ = [
    "AnswerDifference",
    "Choice",
    "FieldDifference",
    "ImportPlan",
    "ImportResult",
    "ImportStatus",
    "apply_import",
    "backup_name",
    "backups_of",
    "compare_sessions",
    "describe_differences",
    "is_untouched",
    "plan_import",
    "received_name",
]
