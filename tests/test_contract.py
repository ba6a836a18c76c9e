"""The content index's schema is generated from its types and holds for built indexes."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner
from helpers import ROOT
from helpers.sitetools import INDEX, check_index

from kbgen.cli import main
from kbgen.contract import ContentIndex, json_schema


def test_schema_is_valid_and_closed():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for name, record in schema["$defs"].items():
        assert record["additionalProperties"] is False, name
        assert set(record["required"]) == set(record["properties"]), name


def test_seed_index_matches_the_schema_and_the_types(tmp_path):
    (tmp_path / "docs").mkdir()
    result = CliRunner().invoke(main, ["generate", "--cards", str(ROOT / "cards"), "--docs", str(tmp_path / "docs")])
    assert result.exit_code == 0, result.output
    index = check_index(tmp_path / INDEX)
    assert set(index) == set(ContentIndex.__annotations__)


def test_a_stray_field_is_refused():
    bad = {"version": 1, "decks": [], "cards": [], "concepts": [],
           "links": [{"source": "a", "target": "b", "kind": "x", "weight": 1, "cards": [], "extra": 1}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, json_schema())
    ok = json.loads(json.dumps(bad))
    del ok["links"][0]["extra"]
    jsonschema.validate(ok, json_schema())
