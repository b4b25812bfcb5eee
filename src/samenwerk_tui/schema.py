"""The JSON Schema of session files, for TOML editors (``#:schema`` line)."""

from __future__ import annotations

from typing import Any

from .model import Session


def _without_descriptions(value: Any) -> Any:
    # The models' docstrings are English notes for developers, not for the
    # Dutch users who see these texts as hover help in their editor.
    if isinstance(value, dict):
        return {key: _without_descriptions(element) for key, element in value.items() if key != "description"}
    if isinstance(value, list):
        return [_without_descriptions(element) for element in value]
    return value


def session_json_schema() -> dict[str, Any]:
    schema = _without_descriptions(Session.model_json_schema(by_alias=True, mode="validation"))
    answer = schema.get("$defs", {}).get("Answer", {})
    if "score" in answer.get("properties", {}):
        answer["properties"]["score"] = {
            "description": 'Score 1 (helemaal niet op orde) t/m 5 (volledig op orde), of "nvt"; weglaten = niet beantwoord.',
            "anyOf": [{"type": "integer", "minimum": 1, "maximum": 5}, {"const": "nvt"}],
        }
    schema.pop("title", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "samenwerk-sessiebestand",
        "description": "Eén respondent, één evaluatieronde, één samenwerkingsverband (samenwerk).",
        **schema,
    }
