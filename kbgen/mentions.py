"""Find concept mentions in text: whole words, longest match first, in one pass.

Shared by extraction (which concepts a card mentions) and the gaps page (answers that
mention none), so it sits below both stages, like :mod:`kbgen.text`.

Surface forms are stored as tuples of normalised tokens in one dict; a text is
scanned once, trying the longest n-gram first at each token. Cost is linear in
the text length times the longest form (a few tokens), whatever the number of
concepts. Hyphens split tokens, so "encoder-decoder" mentions both halves, and
"hash" never matches inside "hashtables".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from kbgen.text import is_acronym, singular, tokens


@lru_cache(maxsize=1 << 18)
def _norm(tok: str) -> str:
    return singular(tok).lower() if not is_acronym(tok) else singular(tok)


#: Latin and Greek plurals English keeps ("alveoli", "phenomena", "pleurae"): singular() cannot
#: undo them without a dictionary, but a concept's own form says which ending to expect.
_CLASSICAL = (("us", "i"), ("um", "a"), ("on", "a"), ("is", "es"), ("a", "ae"))


def classical_plural(tok: str) -> str | None:
    if len(tok) < 5 or not tok.islower():
        return None
    return next((tok[:-len(a)] + b for a, b in _CLASSICAL if tok.endswith(a)), None)


class MentionIndex:
    """Map surface forms to keys; ``find`` returns the keys mentioned in a text."""

    def __init__(self, forms: Mapping[str, Iterable[str]]) -> None:
        self._table: dict[tuple[str, ...], str] = {}
        self._longest = 1
        for key in sorted(forms):
            for form in sorted(set(forms[key])):
                for variant in self._variants(form):
                    if variant:
                        self._table.setdefault(variant, key)
                        self._longest = max(self._longest, len(variant))
        # most tokens start no form: one set lookup skips them
        self._starts = {variant[0] for variant in self._table}

    @staticmethod
    def _variants(form: str) -> list[tuple[str, ...]]:
        toks = tuple(_norm(t) for t in tokens(form))
        joined = ("".join(t.lower() for t in toks),) if len(toks) > 1 else None
        out = [toks]
        if toks and (plural := classical_plural(toks[-1])):  # "alveolus" is mentioned as "alveoli"
            out.append((*toks[:-1], plural))
        if joined and len(joined[0]) <= 12:  # "U-Net" also matches "UNet"
            out.append(joined)
        # All-caps forms match only in capitals, so "GAN" is not found in "gan".
        if toks and not is_acronym(form.strip()):
            out.append(tuple(t.lower() for t in toks))
        return out

    def find(self, text: str) -> list[str]:
        """Keys mentioned in ``text``, in order of first mention, without repeats."""
        toks = [_norm(t) for t in tokens(text)]
        low = [t.lower() for t in toks]
        found: dict[str, None] = {}
        i, n = 0, len(toks)
        starts = self._starts
        while i < n:
            if toks[i] not in starts and low[i] not in starts:
                i += 1
                continue
            for size in range(min(self._longest, n - i), 0, -1):
                key = self._table.get(tuple(toks[i:i + size])) or self._table.get(tuple(low[i:i + size]))
                if key is not None:
                    found.setdefault(key, None)
                    i += size
                    break
            else:
                i += 1
        return list(found)
