"""The core of samenwerk does not depend on the interface.

Everything outside ``samenwerk_tui/ui`` (content, sessions, analysis, the
command line) must work and import without Textual: ``samenwerk valideer`` on
a server, the tests of the core, and a fast start of the app all rely on it.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import samenwerk_tui

PACKAGE = Path(samenwerk_tui.__file__).parent

# __main__ runs the command on import, so it cannot be imported to check.
CORE_FILES = sorted(path for path in PACKAGE.rglob("*.py") if path.relative_to(PACKAGE).parts[0] != "ui" and path.stem != "__main__")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("samenwerk_tui", *parts))


CORE_MODULES = sorted(_module_name(path) for path in CORE_FILES)

# The one place outside the interface that may start it: the command that
# opens the dashboard, importing it inside the function, only when run.
INTERFACE_LAUNCHERS = {("cli/dashboard.py", "run")}


def test_the_core_modules_are_found():
    for name in ("content", "model", "store", "toml.read", "analysis", "settings", "workspace", "cli.dispatch"):
        assert f"samenwerk_tui.{name}" in CORE_MODULES


# One interpreter imports what the core modules use from outside the package
# (pydantic and the like, never Textual), then forks a child per module: each
# child imports its module into a fresh samenwerk_tui, as an interpreter of its
# own would, and reports what of Textual and the interface that pulled in.
# Forking spares each module the start of an interpreter and pydantic's import.
IMPORT_EACH_MODULE = r"""
import importlib, json, os, sys, tempfile, traceback

modules = json.loads(sys.argv[1])
OURS = ("textual", "textual.", "samenwerk_tui")
INTERFACE = ("textual", "textual.", "samenwerk_tui.ui")


def in_child(work):
    # Run work() in a forked child; return its exit code, its stdout and its stderr.
    reader, writer = os.pipe()
    errors = tempfile.TemporaryFile()
    child = os.fork()
    if child == 0:
        code = 1
        try:
            os.close(reader)
            os.dup2(writer, 1)
            os.dup2(errors.fileno(), 2)
            work()
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    os.close(writer)
    with os.fdopen(reader) as pipe:
        output = pipe.read()
    _, status = os.waitpid(child, 0)
    errors.seek(0)
    return os.waitstatus_to_exitcode(status), output, errors.read().decode(errors="replace")


def import_all():
    for module in modules:
        try:
            importlib.import_module(module)
        except Exception:
            continue  # reported for that module below
    print(json.dumps(sorted(name for name in sys.modules if not name.startswith(OURS))))


_, names, _ = in_child(import_all)
for name in json.loads(names.splitlines()[-1]):
    importlib.import_module(name)
assert not any(name.startswith(OURS) for name in sys.modules), "Textual or samenwerk_tui among the preloaded modules"


def import_one(module):
    importlib.import_module(module)
    print(json.dumps(sorted(name for name in sys.modules if name.startswith(INTERFACE))))


for module in modules:
    returncode, output, errors = in_child(lambda: import_one(module))
    print(json.dumps({"module": module, "returncode": returncode, "stdout": output, "stderr": errors}), flush=True)
"""


@pytest.fixture(scope="module")
def imports_of_each_core_module() -> dict[str, dict]:
    """Per core module: the exit code and output of importing it alone (see IMPORT_EACH_MODULE)."""
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH_MODULE, json.dumps(CORE_MODULES)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    return {report["module"]: report for report in reports}


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_without_textual(module, imports_of_each_core_module):
    report = imports_of_each_core_module[module]
    assert report["returncode"] == 0, report["stderr"]
    assert json.loads(report["stdout"]) == []


def test_help_and_schema_commands_do_not_load_textual():
    code = (
        "import sys, contextlib, io\n"
        "from samenwerk_tui.cli.dispatch import main\n"
        "for argv in (['--help'], ['valideer', '--help'], ['schema']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        try:\n"
        "            main(argv)\n"
        "        except SystemExit:\n"
        "            pass\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def _imports_of_interface(tree: ast.AST) -> list[tuple[int, str | None]]:
    """(line, enclosing function or None) of each import from the ui package."""
    found: list[tuple[int, str | None]] = []

    def visit(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, function or child.name)
                continue
            if isinstance(child, ast.ImportFrom):
                module = child.module or ""
                relative_ui = child.level > 0 and (module == "ui" or module.startswith("ui."))
                relative_bare = child.level > 0 and not module and any(alias.name == "ui" for alias in child.names)
                absolute_ui = module == "samenwerk_tui.ui" or module.startswith("samenwerk_tui.ui.")
                if relative_ui or relative_bare or absolute_ui:
                    found.append((child.lineno, function))
            elif isinstance(child, ast.Import):
                if any(alias.name == "samenwerk_tui.ui" or alias.name.startswith("samenwerk_tui.ui.") for alias in child.names):
                    found.append((child.lineno, function))
            elif isinstance(child, ast.Call) and _imports_ui_dynamically(child):
                found.append((child.lineno, function))
            visit(child, function)

    visit(tree, None)
    return found


def _imports_ui_dynamically(call: ast.Call) -> bool:
    # importlib.import_module("samenwerk_tui.ui...") or __import__(...).
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    if name not in ("import_module", "__import__") or not call.args:
        return False
    first = call.args[0]
    return (
        isinstance(first, ast.Constant)
        and isinstance(first.value, str)
        and (first.value.startswith("samenwerk_tui.ui") or first.value.startswith(".ui"))
    )


def test_no_module_outside_the_interface_imports_from_it():
    launchers_seen = set()
    offenders = []
    for path in CORE_FILES:
        name = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, function in _imports_of_interface(tree):
            if (name, function) in INTERFACE_LAUNCHERS:
                launchers_seen.add((name, function))
            else:
                offenders.append(f"{name}:{line} ({function or 'module level'})")
    assert offenders == []
    # The exception is still needed; otherwise remove it.
    assert launchers_seen == INTERFACE_LAUNCHERS


def test_the_scan_finds_interface_imports():
    source = (
        "from .ui import app\n"
        "from .ui.app import App\n"
        "import samenwerk_tui.ui.app\n"
        "def f():\n"
        "    from samenwerk_tui.ui import text\n"
        "    importlib.import_module('samenwerk_tui.ui.app')\n"
        "from . import ui\n"
        "from .uitleg import x\n"
        "from .store import ui\n"
    )
    assert _imports_of_interface(ast.parse(source)) == [(1, None), (2, None), (3, None), (5, "f"), (6, "f"), (7, None)]
