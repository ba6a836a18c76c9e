"""Build artefacts written beside docs/, not into it: the content index.

Written the way emit writes pages: atomically, and not at all when the bytes are unchanged.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_artefact(path: Path, text: str) -> bool:
    """Write a build artefact outside docs/ (the content index) atomically; False when unchanged.

    An unchanged file keeps its mtime, like every page in docs/.
    """
    try:
        if path.read_bytes() == text.encode("utf-8"):
            return False
    except (FileNotFoundError, NotADirectoryError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)  # replaces a link planted at ``path`` rather than writing through it
    finally:
        Path(tmp).unlink(missing_ok=True)
    return True
