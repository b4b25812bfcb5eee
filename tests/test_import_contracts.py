"""The layers are enforced by import-linter's contracts in ``pyproject.toml``.

content → model → store → analysis → report/exchange → ui → cli: a module may use
the layers below it, never one above. ``tests/test_layers.py`` checks the
Textual boundary by importing; these contracts check every arrow.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

import samenwerk_tui

ROOT = Path(__file__).parent.parent
PYPROJECT = ROOT / "pyproject.toml"
PACKAGE = Path(samenwerk_tui.__file__).parent


def _contracts() -> list[dict]:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def test_the_import_contracts_are_kept(capsys):
    code = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    output = capsys.readouterr().out
    assert code == 0, output
    assert "0 broken" in output


def test_every_module_has_a_layer():
    """A new module must be placed in a layer, or the contract would not look at it."""
    layers = next(contract for contract in _contracts() if contract["type"] == "layers")["layers"]
    named = {name.strip() for layer in layers for name in layer.replace("|", ":").split(":")}
    modules = {path.stem for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    modules |= {path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()}
    assert modules - named == set()
    assert named - modules == set()


def test_an_import_pointing_up_breaks_the_contract(tmp_path):
    """The contracts are not vacuous: the model importing the store is caught."""
    copy = tmp_path / "src" / "samenwerk_tui"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / "model.py").open("a", encoding="utf-8") as model:
        model.write("\nfrom . import store  # noqa: E402\n")
    shutil.copy(PYPROJECT, tmp_path / "pyproject.toml")
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(tmp_path / 'src')!r})\n"
        "from importlinter.cli import lint_imports\n"
        "sys.exit(lint_imports(no_cache=True, no_logo=True))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "samenwerk_tui.model -> samenwerk_tui.store" in result.stdout
