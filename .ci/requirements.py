"""Requirements for CI's runs on the lowest and on the newest dependency versions.

``lowest``: every runtime dependency in pyproject.toml pinned to its declared lower
bound (``pydantic>=2.12,<3`` → ``pydantic==2.12``), so the floors are tested, not
guessed. ``newest``: the declared ranges as they are, for ``pip install --upgrade``.
Both add the test tools, without the test extra's exact Textual pin, which exists
only for the SVG snapshots (left out of these runs).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
runtime: list[str] = project["dependencies"]
tools = [requirement for requirement in project["optional-dependencies"]["test"] if not requirement.startswith("textual==")]

if sys.argv[1:] == ["lowest"]:
    pinned = []
    for requirement in runtime:
        floor = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*>=\s*([^,\s;]+).*", requirement)
        if floor is None:
            sys.exit(f"{requirement!r} has no lower bound (>=) in pyproject.toml")
        pinned.append(f"{floor[1]}=={floor[2]}")
    print("\n".join(pinned + tools))
elif sys.argv[1:] == ["newest"]:
    print("\n".join(runtime + tools))
else:
    sys.exit("usage: requirements.py lowest|newest")
