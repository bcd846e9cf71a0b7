"""The package stays readable: no import cycle inside it, no function over 60 lines, no word list
written as code in the extractors (ruff checks complexity, C901 at 15)."""
from __future__ import annotations

import ast
from pathlib import Path

from .conftest import REPO

ROOTS = ("dateline", "flows")


def python_files() -> list[Path]:
    return [p for root in ROOTS for p in (REPO / root).rglob("*.py") if "__pycache__" not in p.parts]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[0] == "flows":
        parts = ["dateline", "flows", *parts[1:]]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, known: set[str]) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module, *(f"{node.module}.{a.name}" for a in node.names)] if isinstance(node, ast.ImportFrom) \
            and node.module and node.level == 0 else []
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    return found


def test_no_import_cycle_inside_the_package():
    files = {module_name(p): p for p in python_files()}
    graph = {m: imports(p, set(files)) - {m} for m, p in files.items()}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and not seen.add(n) and reaches(n, goal, seen)) for n in graph[start])

    assert len(graph) > 40
    assert [m for m in graph if reaches(m, m, set())] == []


def test_no_function_over_60_lines():
    long = [f"{p.relative_to(REPO)}:{n.name} ({n.end_lineno - n.lineno + 1})" for p in python_files()
            for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > 60]
    assert long == []


def test_no_word_list_written_as_code_in_the_extractors():
    lists = []
    for p in (REPO / "dateline" / "extract").rglob("*.py"):
        for node in ast.parse(p.read_text(encoding="utf-8")).body:
            value = getattr(node, "value", None)
            items = value.elts if isinstance(value, (ast.Set, ast.List, ast.Tuple)) else \
                value.keys if isinstance(value, ast.Dict) else []
            if sum(isinstance(i, ast.Constant) and isinstance(i.value, str) for i in items) >= 8:
                lists.append(f"{p.relative_to(REPO)}:{node.lineno}")
    assert lists == []
