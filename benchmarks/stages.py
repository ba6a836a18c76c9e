"""Run ``kbgen generate`` once in this process and print its stage times as JSON.

The benchmark starts this module as a subprocess, so the peak RSS it measures is the
generate run's alone: ``python -m benchmarks.stages CARDS DOCS``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kbgen.build import STAGES, Project, generate
from kbgen.progress import Stages


def main(cards: str, docs: str) -> None:
    stages = Stages(STAGES, show=False)
    result = generate(Project(cards=Path(cards), docs=Path(docs)), stages=stages)
    print(json.dumps({"stages": stages.times, "written": len(result.written),
                      "unchanged": len(result.unchanged), "removed": len(result.removed)}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
