"""``samenwerk schema``: the JSON Schema of session files, for TOML editors."""

from __future__ import annotations

import argparse

from .common import PROG, command_parser, stops_quietly_on_closed_pipe


def make_parser() -> argparse.ArgumentParser:
    return command_parser(f"{PROG} schema", "Toon het JSON Schema van sessiebestanden (voor TOML-editors).")


@stops_quietly_on_closed_pipe
def run(args: argparse.Namespace) -> int:
    import json

    from ..schema import session_json_schema

    print(json.dumps(session_json_schema(), indent=2, ensure_ascii=False))
    return 0
