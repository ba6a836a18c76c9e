"""One A–Z page per initial, for sites with too many concepts for one list page.

Below :data:`kbgen.paging.AZ_INLINE` concepts the home page and ``concepts/index.md``
list every concept themselves and this renderer makes nothing.
"""

from __future__ import annotations

from kbgen.contract import ConceptRecord, ContentIndex
from kbgen.paging import AZ_INLINE
from kbgen.render.common import Context, front_matter, initials
from kbgen.render.markdown import escape
from kbgen.slugs import CONCEPTS_INDEX, az_path, md_link


def az_pages(index: ContentIndex) -> dict[str, str]:
    """``{doc path: text}`` of the per-initial concept lists, or nothing for small sites."""
    if len(index["concepts"]) <= AZ_INLINE:
        return {}
    ctx = Context(index)
    return {az_path(letter): _letter_page(ctx, letter, concepts)
            for letter, concepts in initials(index["concepts"]).items()}


def _letter_page(ctx: Context, letter: str, concepts: list[ConceptRecord]) -> str:
    src = az_path(letter)
    title = f"Concepts: {letter}"
    rows = [f"- {ctx.concept_link(src, c['id'])}" for c in concepts]
    return (front_matter(title, search=False) + f"# {escape(title)}\n\n"
            + f"{len(concepts)} concepts · [all initials]({md_link(src, CONCEPTS_INDEX)})\n\n"
            + "\n".join(rows) + "\n")
