"""The package's shape: stages as packages, imports flowing one way, a light command line."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "ashraf_kg"

# The order the data flows in; a module may import its own stage or an earlier one.
STAGES = ["ground", "corpus", "anchor", "extract", "build", "validate", "export", "query",
          "network", "visualise", "pipeline", "cli"]
GROUND = {"collector", "model", "vocab", "choices", "namespaces", "errors", "fileio", "cache", "resources", "places",
          "clean", "sentences", "timex", "sidework", "__init__", "__main__"}


def stage_of(module: str) -> str:
    head = module.split(".")[0]
    if head == "__version__":
        return "ground"
    if head in GROUND:
        return "cli" if head == "__main__" else "ground"
    return head


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield ".".join(path.relative_to(PACKAGE).with_suffix("").parts), path


def imported_modules(module: str, path: Path):
    """Project modules that ``module`` imports (relative imports resolved)."""
    package = module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - (node.level - 1)] if node.level > 1 else package
            target = [*base, *(node.module.split(".") if node.module else [])]
            if target:
                yield ".".join(target)
            else:
                yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ashraf_kg."):
            yield node.module.removeprefix("ashraf_kg.")


def test_every_stage_is_a_package():
    for stage in STAGES:
        if stage not in ("ground", "anchor", "validate", "pipeline"):
            assert (PACKAGE / stage / "__init__.py").is_file(), stage


@pytest.mark.parametrize("module,path", list(modules()), ids=lambda v: str(v))
def test_no_module_imports_a_later_stage(module, path):
    if module in ("__init__",):  # the public API names every stage, lazily
        return
    own = STAGES.index(stage_of(module))
    for target in imported_modules(module, path):
        if stage_of(target) == "__init__":
            continue
        assert STAGES.index(stage_of(target)) <= own, f"{module} imports {target}"


def test_the_ground_floor_imports_nothing_above_it():
    for module, path in modules():
        if stage_of(module) == "ground" and module not in ("__init__", "__main__"):
            for target in imported_modules(module, path):
                assert stage_of(target) == "ground", f"{module} imports {target}"


def test_help_loads_no_heavy_library():
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "ashraf_kg", "--help"],
                            capture_output=True, text=True, check=True)
    loaded = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines()
              if line.startswith("import time:")}
    assert "usage:" in result.stdout
    assert not loaded & {"rdflib", "networkx", "pyvis", "jinja2", "pyoxigraph", "yaml"}, loaded


def test_a_one_shot_query_loads_no_rdf_library_but_the_store(tmp_path):
    graph_dir = PACKAGE.parents[1] / "graph"
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "ashraf_kg", "query", "list_documents",
                             "--graph-dir", str(graph_dir)], capture_output=True, text=True, check=True,
                            env={**os.environ, "ASHRAF_KG_CACHE_DIR": str(tmp_path)})
    loaded = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines()
              if line.startswith("import time:")}
    assert "document" in result.stdout
    assert "pyoxigraph" in loaded
    assert not loaded & {"rdflib", "networkx", "pyvis", "jinja2"}, loaded
