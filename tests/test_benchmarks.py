"""The benchmark scripts run (accuracy only; speed is measured by running them, not in tests)."""

import json
import subprocess
import sys

from .conftest import ROOT


def test_timeline_benchmark_runs_and_nigerlens_scores_higher(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "timeline_vs_dateparser.py"), "--repeat", "1", "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    total = json.loads(out.read_text())["total"]
    assert total["nigerlens"]["f1"] >= 0.9
    assert total["nigerlens"]["f1"] > total["dateparser"]["f1"]
    assert total["nigerlens"]["f1_date_only"] > total["dateparser"]["f1_date_only"]
    assert "nigerlens ahead on F1" in proc.stdout
