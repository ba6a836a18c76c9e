"""kbgen: flashcard decks in, a cross-linked MkDocs knowledge base out."""

from kbgen.errors import KbgenError

__version__ = "0.1.0"

__all__ = ["KbgenError", "__version__"]
