"""Quick smoke run of the toolkit search benchmark, so it cannot rot between on-demand runs.

Only that it runs and reports; the speed target is judged by running the full bench by hand
(timings in a shared CI machine would make a flaky test, not a measurement)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_toolkit_search.py"


def test_toolkit_search_bench_smoke():
    res = subprocess.run(
        [sys.executable, str(BENCH), "--queries", "120"], capture_output=True, text=True, timeout=120
    )
    assert res.returncode in (0, 1), res.stderr  # 1 = ran, but below target on this machine
    out = res.stdout
    assert re.search(r"120 mixed queries, \d+ documents", out), out
    assert re.search(r"ratio LIKE/search = [\d.]+x", out) and "RESULT:" in out, out
