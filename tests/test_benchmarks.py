"""The benchmark scripts run (accuracy only; speed is measured by running them, not in tests)."""

import json
import subprocess
import sys

from .conftest import ROOT


def test_timeline_benchmark_runs_and_nigerlens_scores_higher_than_its_peers(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "timeline_peers.py"), "--repeat", "1", "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    tools = json.loads(out.read_text())["tools"]
    assert set(tools) == {"nigerlens", "nigerlens-rows", "nigerlens-dates", "dateparser", "datefinder"}
    assert tools["nigerlens"]["f1"] >= 0.85
    assert tools["nigerlens-rows"]["f1"] == tools["nigerlens"]["f1"]  # the same events, as records
    assert tools["nigerlens-dates"]["f1"] == tools["nigerlens"]["f1"]  # and their dates alone
    for peer in ("dateparser", "datefinder"):
        assert tools["nigerlens"]["f1"] > tools[peer]["f1"]
        assert tools["nigerlens"]["f1_date_only"] > tools[peer]["f1_date_only"]
    assert "nigerlens vs datefinder: F1" in proc.stdout and "nigerlens-rows vs dateparser: F1" in proc.stdout
    assert "nigerlens-dates vs datefinder: F1" in proc.stdout
    assert "CPU per article" in proc.stdout


def test_timeline_benchmark_runs_one_tool_alone(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "timeline_peers.py"), "--repeat", "1", "--tools", "datefinder"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "datefinder" in proc.stdout and "vs dateparser" not in proc.stdout
