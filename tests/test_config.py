"""kbgen.yml: validation with one-line errors, and each curation applied to the seed."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import SEED

from kbgen.build import load
from kbgen.cli import main
from kbgen.config import load_config, parse_config
from kbgen.errors import ConfigError


@pytest.mark.parametrize("data,message", [
    ({"alias": {}}, "unknown key 'alias' (expected one of: add, aliases, ignore, limits, merge, rename)"),
    (["x"], "expected a mapping"),
    ({"ignore": "  "}, "ignore must be a list of non-empty strings"),
    ({"ignore": [3]}, "ignore must be a list of non-empty strings"),
    ({"add": ["??"]}, "add has an entry with no letters or digits"),
    ({"aliases": ["x"]}, "aliases must be a mapping of concept label to a list of labels"),
    ({"merge": {"GAN": [None]}}, "merge: GAN must be a list of non-empty strings"),
    ({"rename": {"Code": ["a", "b"]}}, "rename: Code: expected a label"),
])
def test_bad_values_are_named_in_one_line(data, message):
    with pytest.raises(ConfigError) as e:
        parse_config(data, "kbgen.yml")
    assert message in str(e.value) and "\n" not in str(e.value)


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "kbgen.yml"
    path.write_text("ignore: [a\nadd: b\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"kbgen\.yml:\d+: not valid YAML"):
        load_config(path)


def test_missing_or_empty_file_is_no_curation(tmp_path):
    assert load_config(tmp_path / "kbgen.yml") == parse_config(None)
    (tmp_path / "kbgen.yml").write_text("", encoding="utf-8")
    assert load_config(tmp_path / "kbgen.yml") == parse_config({})


def _labels(tmp_path, text: str) -> dict:
    path = tmp_path / "kbgen.yml"
    path.write_text(text, encoding="utf-8")
    return {c.label: c for c in load([SEED], config=path).concepts}


def test_curation_applies(tmp_path):
    got = _labels(tmp_path, """
ignore: [supervised task, Two-player minimax games]
add: [latent representation]
aliases:
  batch normalization: [BN]
merge:
  autoencoder: [encoder]
rename:
  transformer models: transformer
""")
    assert "supervised task" not in got and "two-player minimax game" not in got
    assert "config" in got["latent representation"].signals and got["latent representation"].cards
    assert "BN" in got["batch normalization"].aliases
    assert "encoder" not in got and "encoder" in got["autoencoder"].aliases
    assert "transformer" in got and "transformer model" not in got


def test_cli_reports_config_error_in_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kbgen.yml").write_text("colour: red\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["concepts", str(SEED)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: kbgen.yml: unknown key 'colour' (expected one of: add, aliases, ignore, limits, merge, rename)"]
