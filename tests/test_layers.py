"""The package's layers (pyproject.toml, [tool.importlinter]): imports point down the stages and
no import cycle hides anywhere, not even behind an import inside a function."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

LINT = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"]


def lint(cwd: Path, package_parent: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*LINT, "--config", str(ROOT / "pyproject.toml"), "--no-cache"], capture_output=True, text=True,
                          cwd=cwd, env={"PYTHONPATH": str(package_parent), "PATH": "/usr/bin:/bin"})


def test_the_layer_contract_holds():
    out = lint(ROOT, ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "1 kept, 0 broken" in out.stdout


@pytest.mark.parametrize("module, line", [
    ("rules/dates.py", "from nigerlens.plots import colors"),           # rules reaching up to plots
    ("text/segment.py", "from nigerlens.ingest.load import parse_date"),  # text reaching up to ingest
    ("tables/schema.py", "def late():\n    from nigerlens.analysis import counts\n"),  # hidden in a function
])
def test_an_upward_import_breaks_the_contract(tmp_path, module, line):
    shutil.copytree(ROOT / "nigerlens", tmp_path / "nigerlens", ignore=shutil.ignore_patterns("__pycache__", "data"))
    target = tmp_path / "nigerlens" / module
    target.write_text(target.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    out = lint(tmp_path, tmp_path)
    assert out.returncode == 1 and "BROKEN" in out.stdout, out.stdout + out.stderr


def module_graph():
    import grimp

    graph = grimp.build_graph("nigerlens")
    return {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of direct imports, as a list of modules, or None (package __init__ re-exports
    of their own submodules are not edges: a package importing its parts is no cycle)."""
    edges = {m: {d for d in deps if not m.startswith(d + ".") and not d.startswith(m + ".")} for m, deps in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for d in sorted(edges.get(m, ())):
            if state.get(d) == 1:
                return stack[stack.index(d):] + [d]
            if d not in state and (found := visit(d)):
                return found
        state[m] = 2
        stack.pop()
        return None

    for m in sorted(edges):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_no_import_cycle():
    cycle = find_cycle(module_graph())
    assert cycle is None, " -> ".join(cycle)


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"p": {"p.x"}, "p.x": {"q"}, "q": set()}) is None


def private_imports() -> list[str]:
    """``from nigerlens.x import _name`` anywhere in the package: another module's internals."""
    import ast

    found = []
    for path in sorted((ROOT / "nigerlens").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nigerlens") and not node.level:
                found += [f"{path.relative_to(ROOT)}: {node.module}.{a.name}" for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__")]
    return found


def test_no_module_imports_another_modules_private_names():
    assert private_imports() == []


def test_no_module_shadows_the_standard_library_or_a_public_function():
    import sys

    import nigerlens

    names = {p.stem for p in (ROOT / "nigerlens").rglob("*.py")} | {p.name for p in (ROOT / "nigerlens").rglob("*") if p.is_dir()}
    assert not names & set(sys.stdlib_module_names), names & set(sys.stdlib_module_names)
    # the package's own attributes: a submodule imported becomes one, hiding a function of that name
    top = {p.stem for p in (ROOT / "nigerlens").glob("*.py")} | {p.name for p in (ROOT / "nigerlens").iterdir() if p.is_dir()}
    assert not top & set(nigerlens.__all__), top & set(nigerlens.__all__)


def test_nl_taxonomy_still_works_after_positions(bundled):
    import nigerlens as nl

    nl.positions(bundled)  # imports the issue module: it must not hide the function
    assert callable(nl.taxonomy) and "reinstate_bazoum" in nl.taxonomy()
