"""CONTRIBUTING's first recipe, followed end to end: a new deck format in its own module."""

from __future__ import annotations

import textwrap

from click.testing import CliRunner

from kbgen.cli import main
from kbgen.readers import READERS, Reader, detect, register, unregister


def test_detection_order_is_written_once():
    assert list(READERS) == ["crowdanki", "anki-txt", "seed", "markdown", "quizlet", "csv", "apkg"]


def test_recipe_add_a_deck_format(tmp_path, monkeypatch):
    # Step 1 of the recipe: a module with sniff() and read() (here in a temporary package).
    pkg = tmp_path / "toyformat"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(textwrap.dedent('''
        from kbgen.model import Deck
        from kbgen.readers._cards import make_card

        def sniff(text):
            return text.startswith("TOY ")

        def read(text, source, options):
            lines = text.split("\\n")
            cards = [make_card(*ln.split(" => ", 1), n, source, html=False)
                     for n, ln in enumerate(lines[1:], 2) if " => " in ln]
            return [Deck(title=lines[0][4:], source=source, cards=tuple(cards))]
    '''))
    monkeypatch.syspath_prepend(str(tmp_path))
    import toyformat
    # Step 2: register it, before the loosest format, with its file suffix.
    register(Reader("toy", toyformat.sniff, toyformat.read), before="csv", suffixes=[".toy"])
    try:
        assert list(READERS).index("toy") == list(READERS).index("csv") - 1
        assert detect("TOY Colours\nred => a colour\n", "x.toy") == "toy"
        deck = tmp_path / "cards" / "colours.toy"
        deck.parent.mkdir()
        deck.write_text("TOY Colours\nWhat is red? => A colour\nWhat is blue? => Another\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["parse", str(deck.parent)])
        assert result.exit_code == 0, result.output
        assert "Colours (2 cards)" in result.stdout
        result = CliRunner().invoke(main, ["parse", "--format", "toy", str(deck)])
        assert result.exit_code == 0 and "Colours (2 cards)" in result.stdout
    finally:
        unregister("toy")
    assert "toy" not in READERS
