"""Card tags: a chip line under each tagged card, and a tags page listing the cards per tag."""

from __future__ import annotations

from click.testing import CliRunner

from kbgen.cli import main


def test_tags_page_and_chips(tmp_path):
    (tmp_path / "cards").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "cards" / "d.csv").write_text(
        "front,back,tags\nWhat is a cat?,A feline.,animals pets\nWhat is a rose?,A flower.,plants\n"
        'What is <b>?,Bold.,"<img src=x onerror=alert(1)>"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["generate", "--cards", str(tmp_path / "cards"),
                                       "--docs", str(tmp_path / "docs")])
    assert result.exit_code == 0, result.output
    deck = (tmp_path / "docs" / "decks" / "d.md").read_text(encoding="utf-8")
    assert ('Tags: <a class="kb-tag" href="../../tags/#tag-animals">animals</a> '
            '<a class="kb-tag" href="../../tags/#tag-pets">pets</a>') in deck
    tags = (tmp_path / "docs" / "tags.md").read_text(encoding="utf-8")
    assert "## animals {#tag-animals}" in tags
    assert "- [What is a cat?](decks/d.md#what-is-a-cat)" in tags
    assert "<img" not in tags and "<img" not in deck.split("---", 2)[2]


def test_no_tags_no_page(tmp_path):
    (tmp_path / "cards").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "cards" / "d.csv").write_text("front,back\nWhat is a cat?,A feline.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["generate", "--cards", str(tmp_path / "cards"),
                                       "--docs", str(tmp_path / "docs")])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "docs" / "tags.md").exists()
