"""The README's screenshots exist, and the tool that makes them works on a real build."""

from __future__ import annotations

import importlib.util
import re
import struct

import pytest
from helpers import ROOT

PNG = b"\x89PNG\r\n\x1a\n"


def _size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG
    return struct.unpack(">II", data[16:24])


def test_readme_images_are_committed_pngs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme)
    assert {"docs/img/concept.png", "docs/img/site.png", "docs/img/graph.png"} <= set(images)
    for image in images:
        width, height = _size((ROOT / image).read_bytes())
        assert width >= 1000 and height >= 600, image


@pytest.mark.slow
@pytest.mark.browser
def test_screenshot_tool_photographs_a_fresh_build(tmp_path, browser):
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    shots = tool.run(tmp_path / "img", browser, "light", work=tmp_path / "kb")
    assert [s.name for s in shots] == ["concept.png", "study.png"]
    for shot in shots:
        data = shot.read_bytes()
        assert _size(data)[0] == 1280 and len(data) > 20_000, shot
