"""samenwerk uses only Textual's public API.

A name starting with ``_`` on a Textual class may change in any release: a
label that is no longer repainted or an English text back in the palette would
be the first a user sees of it. These checks read the interface's source:
no class of ours defines a private name that a Textual base class also has
(overriding or overwriting it), and every private name the interface reads on
another object is one that samenwerk itself defines.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import importlib
import inspect
import pkgutil
from pathlib import Path

import samenwerk_tui
import samenwerk_tui.ui as ui_package

SOURCE = Path(samenwerk_tui.__file__).parent


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _self_assigned(source: str) -> set[str]:
    """Private names a class's code assigns on ``self``."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and isinstance(part.value, ast.Name) and part.value.id == "self" and _private(part.attr):
                    names.add(part.attr)
    return names


def _own_private_names(cls: type) -> set[str]:
    """Private names a class of ours defines in its body or sets on ``self``."""
    source = inspect.getsource(cls)
    tree = ast.parse(source)
    body = tree.body[0]
    assert isinstance(body, ast.ClassDef)
    names = set()
    for statement in body.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and _private(statement.name):
            names.add(statement.name)
        elif isinstance(statement, (ast.Assign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            names |= {target.id for target in targets if isinstance(target, ast.Name) and _private(target.id)}
    return names | _self_assigned(source)


@functools.cache
def _private_names_of_base(base: type) -> frozenset[str]:
    names = {name for name in vars(base) if _private(name)}
    with contextlib.suppress(OSError, TypeError):
        names |= _self_assigned(inspect.getsource(base))
    return frozenset(names)


def _textual_private_names(cls: type) -> set[str]:
    names: set[str] = set()
    for base in cls.__mro__[1:]:
        if base.__module__.split(".")[0] in ("textual", "rich"):
            names |= _private_names_of_base(base)
    return names


def _interface_classes() -> list[type]:
    classes = []
    for module_info in pkgutil.walk_packages(ui_package.__path__, prefix=f"{ui_package.__name__}."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__:
                classes.append(cls)
    return classes


def _all_own_private_names() -> set[str]:
    """Every private name samenwerk's own code defines (functions, classes, attributes on self)."""
    names = set()
    for path in SOURCE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and _private(node.name):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and _private(node.id):
                names.add(node.id)
        names |= _self_assigned(source)
    return names


def test_no_class_of_ours_overrides_or_overwrites_a_private_name_of_textual() -> None:
    textual_classes = [cls for cls in _interface_classes() if any(base.__module__.startswith("textual.") for base in cls.__mro__[1:])]
    assert len(textual_classes) > 20, "the interface's widgets and screens were not found"
    clashes = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in textual_classes
        for name in sorted(_own_private_names(cls) & _textual_private_names(cls))
    ]
    assert clashes == []


def test_the_interface_reads_no_private_name_it_does_not_define_itself() -> None:
    own = _all_own_private_names()
    foreign = []
    for path in sorted((SOURCE / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in own:
                foreign.append(f"{path.relative_to(SOURCE)}:{node.lineno} .{node.attr}")
    assert foreign == []


def test_the_checks_catch_what_they_look_for() -> None:
    """Not vacuous: Textual's private fields are found, and the former relabel (``node._label = …``) would be caught."""
    from textual.widgets import Tree
    from textual.widgets.tree import TreeNode

    assert "_tree_lines_cached" in _textual_private_names(type("Probe", (Tree,), {}))
    assert {"_label", "_updates"} <= _self_assigned(inspect.getsource(TreeNode))
    assert {"_label", "_updates"}.isdisjoint(_all_own_private_names())
