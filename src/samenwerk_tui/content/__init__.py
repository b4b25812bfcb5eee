"""The checklist and the knowledge base of the CCV publication, as data.

* :mod:`.checklist`: :class:`Checklist`, the content with the lookups the app
  needs, and :func:`load_content`, which reads the built-in content (the TOML
  files beside these modules) or a folder with the same files;
* :mod:`.checklist_file`, :mod:`.knowledge_file`, :mod:`.advice_file`: the
  models of ``checklist.toml``, ``kennis.toml`` and ``advies.toml``, built of
  the strict models and ids in :mod:`.fields`.

The names below are re-exported so that callers import them from
``samenwerk_tui.content``.
"""

from .advice_file import Advice, CaseLink, ConvenantElement, DatedNote, Form, GuideStep, Quote
from .checklist import ADVICE_FILE, CHECKLIST_FILE, KNOWLEDGE_FILE, Checklist, builtin_content_files, load_content
from .checklist_file import RESERVED_PHASE_IDS, ChecklistFile, Factor, Item, Meta, Phase, Question, Section
from .knowledge_file import Chapter, KnowledgeBase, Paragraph, PracticeCase

__all__ = [
    "ADVICE_FILE",
    "CHECKLIST_FILE",
    "KNOWLEDGE_FILE",
    "RESERVED_PHASE_IDS",
    "Advice",
    "CaseLink",
    "Chapter",
    "Checklist",
    "ChecklistFile",
    "ConvenantElement",
    "DatedNote",
    "Factor",
    "Form",
    "GuideStep",
    "Item",
    "KnowledgeBase",
    "Meta",
    "Paragraph",
    "Phase",
    "PracticeCase",
    "Question",
    "Quote",
    "Section",
    "builtin_content_files",
    "load_content",
]
