"""Cards → concepts. The passes live in this package; ``extract_concepts`` runs them in order."""

from kbgen.extract.core import extract_concepts

__all__ = ["extract_concepts"]
