"""The import directions of ``src/exposure``: every module imports only from its own layer or below.

The layers (low to high) are the table :data:`LAYERS`, the same as the one drawn on the
documentation's architecture page (``docs/architecture.md``). Each module of the package is
parsed with :mod:`ast` (nothing is imported), and each import of ``exposure.*`` is checked:

- no module imports from a layer above its own (same layer or same package: allowed);
- no module except ``exposure/__init__.py`` imports the package root ``exposure`` (``import
  exposure``, ``from exposure import __version__``): the root imports almost everything;
- every import of the package's own modules is at module level (no function-local imports),
  and none is wrapped in ``try``/``except`` (sibling modules always exist);
- a module that is not in the table fails the test: add it to :data:`LAYERS` (and to the
  architecture page) at the layer where it belongs.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from exposure.schemas._catalog import PROCESSED_TABLES

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
PAGE = REPO / "docs" / "architecture.md"
PACKAGE = "exposure"

#: Layer of each top-level module or subpackage of ``exposure``, low to high.
LAYERS: dict[str, int] = {
    # 0 ground floor: no domain, no package-root imports
    "_version": 0, "errors": 0, "_args": 0, "_io": 0, "_tables": 0, "_lines": 0, "_outdir": 0, "_measures": 0,
    "_threads": 0,
    # 1 pandera models and the table catalogue
    "schemas": 1,
    # 2 the registry of upstream files; release layouts and the lock file
    "sources": 2, "releases": 2,
    # 3 the only module that touches the network or a mirror
    "fetch": 3,
    # 4 raw files -> typed frames
    "onet": 4, "oews": 4, "crosswalks": 4,
    # 5 published measures; loading the shipped tables
    "measures": 5, "_load": 5,
    # 6 task scorers
    "scoring": 6,
    # 7 pure frame -> frame roll-ups
    "rollup": 7,
    # 8 outcomes panel; the optional Dask and Spark runners
    "outcomes": 8, "dask": 8, "spark": 8,
    # 9 everything computed from the outputs or to check them
    "reports": 9, "figures": 9, "diff": 9,
    # 10 recompute
    "pipeline": 10,
    # 11 argparse front end; ``python -m exposure``
    "cli": 11, "__main__": 11,
}


@dataclass(frozen=True)
class Import:
    """One import of a first-party module, as written in ``source``."""

    source: str  # dotted name of the importing module
    target: str  # dotted name of the imported module (``exposure`` for the root)
    line: int
    local: bool  # inside a function or class body
    guarded: bool  # inside a try statement


def module_name(path: Path, src: Path = SRC) -> str:
    """Dotted module name of ``path`` below ``src`` (``pkg/__init__.py`` -> ``pkg``).

    Examples
    --------
    >>> module_name(Path("/s/exposure/scoring/learned.py"), Path("/s"))
    'exposure.scoring.learned'
    >>> module_name(Path("/s/exposure/cli/__init__.py"), Path("/s"))
    'exposure.cli'
    """
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_modules(src: Path = SRC) -> dict[str, Path]:
    """Every module of the package: dotted name -> file."""
    return {module_name(p, src): p for p in sorted((src / PACKAGE).rglob("*.py"))}


def _resolve(source: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = source.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def first_party_imports(source: str, code: str, modules: set[str],
                        is_package: bool = False) -> list[Import]:
    """The imports of ``exposure`` and its modules in the module ``source`` (its ``code``).

    ``from exposure import x`` counts as an import of the submodule ``exposure.x`` when
    there is one (``modules``), otherwise as an import of the package root.

    Examples
    --------
    >>> code = "from exposure import __version__\\ndef f():\\n    from . import _io\\n"
    >>> [(i.target, i.line, i.local) for i in first_party_imports(
    ...     "exposure.fetch", code, {"exposure", "exposure._io", "exposure.fetch"})]
    [('exposure', 1, False), ('exposure._io', 3, True)]
    """
    found: list[Import] = []

    def visit(node: ast.AST, local: bool, guarded: bool) -> None:
        for child in ast.iter_child_nodes(node):
            child_local = local or isinstance(
                child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))
            child_guarded = guarded or isinstance(child, (ast.Try, ast.TryStar))
            targets: list[str] = []
            if isinstance(child, ast.Import):
                targets = [a.name for a in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = _resolve(source, is_package, child)
                for alias in child.names:
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if sub in modules else base)
            for target in dict.fromkeys(targets):  # once per module and statement
                if target == PACKAGE or target.startswith(PACKAGE + "."):
                    found.append(Import(source, target, child.lineno, local, guarded))
            visit(child, child_local, child_guarded)

    visit(ast.parse(code), False, False)
    return found


def component(name: str) -> str | None:
    """Top-level module or subpackage of a dotted name (None for the root ``exposure``).

    Examples
    --------
    >>> component("exposure.scoring._rules"), component("exposure._io"), component("exposure")
    ('scoring', '_io', None)
    """
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else None


def violations(imports: list[Import], layers: dict[str, int] = LAYERS) -> list[str]:
    """One line per import that breaks the rules of this module's docstring.

    Examples
    --------
    >>> violations([Import("exposure.fetch", "exposure.pipeline", 3, False, False),
    ...             Import("exposure.fetch", "exposure._io", 4, False, False)])
    ['exposure.fetch:3 (fetch, layer 3) imports exposure.pipeline (pipeline, layer 10)']
    """
    out = []
    for imp in imports:
        where = f"{imp.source}:{imp.line}"
        src, dst = component(imp.source), component(imp.target)
        if imp.local:
            out.append(f"{where} imports {imp.target} inside a function or class: "
                       "import at the top of the module")
        if imp.guarded:
            out.append(f"{where} imports {imp.target} inside try/except: sibling modules "
                       "always exist, import them plainly")
        if src is None:  # exposure/__init__.py may import anything
            continue
        if dst is None:
            out.append(f"{where} imports the package root `exposure`, which imports almost "
                       "everything: import the module that holds the name instead")
        elif dst != src and layers[dst] > layers[src]:
            out.append(f"{where} ({src}, layer {layers[src]}) imports {imp.target} "
                       f"({dst}, layer {layers[dst]})")
    return out


@pytest.fixture(scope="module")
def modules() -> dict[str, Path]:
    found = package_modules()
    assert PACKAGE in found and len(found) > 20, found
    return found


@pytest.fixture(scope="module")
def imports(modules) -> list[Import]:
    names = set(modules)
    out = []
    for name, path in modules.items():
        out += first_party_imports(name, path.read_text(encoding="utf-8"), names,
                                   is_package=path.name == "__init__.py")
    return out


def test_every_module_has_a_layer(modules):
    unknown = sorted({c for c in map(component, modules) if c is not None} - set(LAYERS))
    assert not unknown, (
        f"modules without a layer: {unknown}; add each to LAYERS in tests/test_architecture.py "
        "(and to the layer table of docs/architecture.md) at the layer where it belongs")


def test_imports_go_down_the_layers(modules, imports):
    assert imports, "no first-party import found: the parser is wrong"
    unknown = sorted({component(i.target) for i in imports} - set(LAYERS) - {None})
    assert not unknown, f"imports of modules without a layer: {unknown}; add them to LAYERS"
    bad = violations(imports)
    if bad:
        pytest.fail(f"{len(bad)} import(s) against the rules of tests/test_architecture.py:\n"
                    + "\n".join(bad), pytrace=False)


def test_the_checker_catches_each_kind_of_violation():
    names = {"exposure", "exposure._io", "exposure.fetch", "exposure.pipeline",
             "exposure.scoring", "exposure.scoring.learned", "exposure.scoring._rules"}
    code = "\n".join([
        "import exposure",  # 1: the root
        "from exposure import __version__",  # 2: a name of the root
        "from .. import pipeline",  # 3: up (from scoring, layer 6, to 10)
        "from . import _rules",  # 4: same package: allowed
        "from .._io import write_parquet",  # 5: down: allowed
        "try:",
        "    from exposure.fetch import fetch",  # 7: guarded
        "except ImportError:",
        "    fetch = None",
        "def f():",
        "    import exposure.fetch as F",  # 11: local
        "import numpy",  # not first party
    ])
    found = first_party_imports("exposure.scoring.learned", code, names)
    assert [(i.target, i.line) for i in found] == [
        ("exposure", 1), ("exposure", 2), ("exposure.pipeline", 3),
        ("exposure.scoring._rules", 4), ("exposure._io", 5), ("exposure.fetch", 7),
        ("exposure.fetch", 11)]
    bad = violations(found)
    assert [b.split(" ", 1)[0] for b in bad] == [
        "exposure.scoring.learned:1", "exposure.scoring.learned:2",
        "exposure.scoring.learned:3", "exposure.scoring.learned:7",
        "exposure.scoring.learned:11"]
    assert "package root" in bad[0] and "layer 10" in bad[2]
    assert "try/except" in bad[3] and "inside a function" in bad[4]
    # the package root itself may import anything, but not inside functions
    root = first_party_imports("exposure", "from . import pipeline, cli\n", names | {
        "exposure.cli"}, is_package=True)
    assert [i.target for i in root] == ["exposure.pipeline", "exposure.cli"]
    assert violations(root) == []


def _page_rows(header: str) -> list[list[str]]:
    """Cells of the pipe table of ``docs/architecture.md`` whose header row is ``header``."""
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    start = lines.index(header) + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows


def test_the_architecture_page_draws_the_same_layers(modules):
    drawn = {}
    for layer, module, _ in _page_rows("| layer | module | what it holds |"):
        name = re.fullmatch(r"`([A-Za-z_]+)(?:\.py|/)`", module)
        assert name, f"docs/architecture.md: cannot read the module cell {module!r}"
        drawn[name.group(1)] = int(layer)
    present = {c for c in map(component, modules) if c is not None}
    assert {m: LAYERS.get(m) for m in drawn} == drawn, "docs/architecture.md and LAYERS differ"
    missing = sorted(present - set(drawn))
    assert not missing, f"add a row for each of {missing} to the layer table of docs/architecture.md"


def test_the_architecture_page_lists_the_table_catalogue():
    drawn = [[c.strip("`") for c in row] for row in _page_rows("| table | file | schema | keys |")]
    expected = [[t.name, t.filename, t.model.__name__, ", ".join(t.keys)] for t in PROCESSED_TABLES]
    drawn = [[name, file, schema, keys.replace("`", "")] for name, file, schema, keys in drawn]
    assert drawn == expected, "update the processed tables of docs/architecture.md"


def test_modules_import_only_the_shared_names_of_tables(modules):
    """``exposure._tables`` is the shared reading layer: other modules import the names of its ``__all__`` only.

    A name with a leading underscore imported elsewhere (``_check_file``, ``_COMPRESSED``) is
    a helper other modules came to depend on without it saying so; make it part of
    ``__all__`` (without the underscore) instead.
    """
    tables = ast.parse(modules["exposure._tables"].read_text(encoding="utf-8"))
    shared = next(ast.literal_eval(node.value) for node in tables.body if isinstance(node, ast.Assign)
                  and any(getattr(t, "id", None) == "__all__" for t in node.targets))
    bad = []
    for name, path in modules.items():
        if name == "exposure._tables":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "exposure._tables":
                bad += [f"{name}:{node.lineno} imports {a.name}" for a in node.names if a.name not in shared]
    assert not bad, "names of exposure._tables outside its __all__:\n" + "\n".join(bad)
