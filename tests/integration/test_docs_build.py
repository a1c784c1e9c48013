"""The documentation builds offline, without warnings, from the repository's own outputs.

The site is built once per session (``docs/_ext/docs_testing.py``) with the documented
command ``sphinx-build -W --keep-going -b html docs <out>`` and the Results page switched
on (real ``data/processed`` tables when committed, otherwise tiny made-up ones).
"""

import html
import importlib
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandera.pandas as pa
import pytest

import exposure
from exposure.reports.figures import results_tables
from exposure.schemas import all_models
from exposure.sources import SOURCES

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "docs" / "_ext"))

import docs_testing  # noqa: E402
import exposure_docs  # noqa: E402

# one worker builds the site once for this module and test_docs_browser.py (pytest -n auto)
pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.xdist_group("docs_site")]

# tags whose src/href make the browser fetch something (links <a href> do not)
RESOURCE = re.compile(
    r"<(script|link|img|iframe|source|video|audio|embed|object|track|input)\b[^>]*?"
    r"\b(?:src|href|data|srcset|poster)\s*=\s*[\"']?\s*((?:https?:)?//[^\"'\s>]+)",
    re.I,
)
CSS_REMOTE = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"']?)\s*((?:https?:)?//[^\"')\s]+)", re.I)
# emphasis that opens or closes inside a word: a stray pair of `*` or `_` (two "O*NET" in
# one paragraph render as "O<em>NET ... O</em>NET", i.e. "ONET" in italics)
STRAY_EMPHASIS = re.compile(r"[0-9A-Za-z]<(em|strong)>|</(em|strong)>[0-9A-Za-z]")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    build = docs_testing.built_site(tmp_path_factory.getbasetemp() / "docs_site")
    if build.returncode != 0:
        pytest.fail(f"docs build failed ({build.returncode}):\n{build.output[-6000:]}")
    return build


def test_build_has_no_warning(site):
    # -W turns every warning into a failure; the build finished and wrote every page
    assert "WARNING" not in site.output
    for page in ("index", "quickstart", "sources", "tables", "methods/index", "validation/index",
                 "limitations", "architecture", "api", "results"):
        assert (site.html / f"{page}.html").is_file(), page


def test_tables_page_documents_every_model_and_column(site):
    html = (site.html / "tables.html").read_text()
    models = all_models()
    assert models
    for name, model in models.items():
        assert f'id="schema-{name.lower()}"' in html, name
        for column, col in model.to_schema().columns.items():
            assert f"<span class=\"pre\">{column}</span>" in html, (name, column)
            unit = (col.metadata or {}).get("unit")
            if unit:
                assert unit in html


def _text(path: Path) -> str:
    """Visible text of an HTML page, whitespace collapsed."""
    text = re.sub(r"<[^>]+>", " ", path.read_text())
    return " ".join(html.unescape(text).split())


def test_sources_page_lists_every_registry_entry(site):
    text = _text(site.html / "sources.html")
    for entry in SOURCES.values():
        assert " ".join(entry.name.split()) in text, entry.name
        assert " ".join(entry.licence.split()) in text, entry.licence
        assert " ".join(entry.attribution.split()) in text, entry.attribution


def test_api_page_documents_public_functions(site):
    html = (site.html / "api.html").read_text()
    for obj in ("exposure.schemas.validate", "exposure.schemas.all_models",
                "exposure.reports.figures.render_results"):
        assert f'id="{obj}"' in html, obj
    # numpydoc rendered the sections of the docstrings
    assert "Examples" in html and "Parameters" in html


def _api_modules() -> list[str]:
    text = (REPO / "docs" / "api.md").read_text()
    block = re.search(r"```\{exposure:api\}\n(.*?)```", text, re.S)
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_api_page_lists_every_public_module():
    listed = set(_api_modules())
    public = {"exposure"} | {
        m.name for m in pkgutil.walk_packages(exposure.__path__, "exposure.")
        if not any(part.startswith("_") for part in m.name.split("."))
    }
    missing = sorted(public - listed)
    assert not missing, f"add these modules to the {{exposure:api}} block of docs/api.md: {missing}"


def test_architecture_lists_every_module(site):
    html = (site.html / "architecture.html").read_text()
    for m in pkgutil.walk_packages(exposure.__path__, "exposure."):
        if not m.name.endswith("__main__"):
            importlib.import_module(m.name)
            assert f'<span class="pre">{m.name}</span>' in html, m.name


def test_results_page_has_every_figure(site):
    html = (site.html / "results.html").read_text()
    images = re.findall(r'<img[^>]*src="([^"]+)"', html)
    names = sorted(Path(src).name for src in images)
    assert names == sorted(f"{n}.png" for n in
                           ("occupations", "sectors", "major_groups", "wage", "categories",
                            "distribution", "coverage"))
    for src in images:
        data = (site.html / src).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    # the tables are there, with the data's own numbers
    top = results_tables(site.processed)["most_exposed"]
    assert top["occupation"].iloc[0] in html


def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for path in sorted(site.html.rglob("*.html")):
        for tag, url in RESOURCE.findall(path.read_text(errors="replace")):
            offenders.append(f"{path.relative_to(site.html)}: <{tag}> {url}")
    for path in sorted(site.html.rglob("*.css")):
        for url in CSS_REMOTE.findall(path.read_text(errors="replace")):
            offenders.append(f"{path.relative_to(site.html)}: {url}")
    assert not offenders, "\n".join(offenders)
    # math is rendered by the bundled MathJax
    methods = (site.html / "methods" / "index.html").read_text()
    assert re.search(r'<script[^>]+src="\.\./_static/mathjax/tex-chtml\.js', methods)
    assert (site.html / "_static" / "mathjax" / "tex-chtml.js").is_file()
    assert list((site.html / "_static" / "mathjax" / "output" / "chtml" / "fonts").rglob("*.woff"))


def test_no_stray_emphasis(site):
    """No word is cut by emphasis: write ``O\\*NET`` (or ``O*NET`` in backticks) in pages."""
    offenders = []
    for path in sorted(site.html.rglob("*.html")):
        page = path.read_text(errors="replace")
        rel = path.relative_to(site.html)
        for match in STRAY_EMPHASIS.finditer(page):
            context = page[max(0, match.start() - 50) : match.end() + 30]
            offenders.append(f"{rel}: ...{' '.join(context.split())}...")
        # (literal code spans hold no emphasis: a header spelt "ONET-SOC Code", round 80, is quoted as written)
        prose = re.sub(r"<code[^>]*>.*?</code>", "", page, flags=re.S)
        visible = html.unescape(re.sub(r"<[^>]+>", "", prose))
        offenders += [f"{rel}: 'ONET' in the text" for _ in re.finditer(r"\bONET\b", visible)]
    assert not offenders, (
        "stray emphasis (escape the `*`: O\\*NET in docs/*.md; generated text must be "
        "escaped by docs/_ext/exposure_docs.py):\n" + "\n".join(offenders))


def test_stray_emphasis_pattern():
    assert STRAY_EMPHASIS.search("<p>1,016 O<em>NET codes and 76 O</em>NET codes</p>")
    assert STRAY_EMPHASIS.search("a <strong>b</strong>c")
    assert not STRAY_EMPHASIS.search("<p>an <em>exposed</em> task, <strong>not</strong> O*NET</p>")


def test_missing_processed_tables_fail_the_build_clearly(tmp_path):
    empty = tmp_path / "processed"
    empty.mkdir()
    build = docs_testing.build(tmp_path / "html", empty, results=True)
    assert build.returncode != 0
    assert "missing processed table(s)" in build.output
    assert str(empty / "soc_scores.parquet") in build.output
    assert "exposure recompute" in build.output


def test_every_included_file_is_committed():
    """A fresh clone builds: each file a page includes exists and is tracked by git.

    Included are the ``:file:`` of a csv-table, ``{include}``, ``{literalinclude}``,
    ``{image}`` and ``{figure}``.
    """
    refs = []
    for page in sorted((REPO / "docs").rglob("*.md")):
        if "_build" in page.parts:
            continue
        for line in page.read_text().splitlines():
            match = re.match(r"^:file:\s*(\S.*?)\s*$", line.strip()) or re.match(
                r"^(?:```+|:::+)\{(?:include|literalinclude|image|figure)\}\s+(\S.*?)\s*$",
                line.strip())
            if match and "://" not in match.group(1):
                refs.append((page, (page.parent / match.group(1)).resolve()))
    assert refs, "no page includes a file: the pattern is wrong"
    missing = [f"{p.relative_to(REPO)} -> {f}" for p, f in refs if not f.is_file()]
    assert not missing, "included files that do not exist:\n" + "\n".join(missing)
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    untracked = []
    for page, path in refs:
        rel = path.relative_to(REPO)
        proc = subprocess.run(["git", "ls-files", "--error-unmatch", str(rel)], cwd=REPO,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            untracked.append(f"{page.relative_to(REPO)} -> {rel}")
    assert not untracked, "included files not committed (a fresh clone cannot build):\n" + (
        "\n".join(untracked))


def test_demote_headings_keeps_code_fences():
    md = "# A\n\n```\n# not a heading\n```\n\n## B\n"
    assert exposure_docs.demote_headings(md, top=2) == "## A\n\n```\n# not a heading\n```\n\n### B\n"
    assert exposure_docs.demote_headings("## A\n", top=2) == "## A\n"


def test_check_text_reads_like_the_rule():
    assert exposure_docs._check_text(pa.Check.ge(0)) == "\u2265 0"
    assert exposure_docs._check_text(pa.Check.in_range(0, 1)) == "in [0, 1]"
    assert exposure_docs._check_text(pa.Check.isin(["Core", "Supplemental"])) == (
        "one of Core, Supplemental")
    assert exposure_docs._check_text(pa.Check.str_matches(r"^[0-9]{2}$")) == "matches ^[0-9]{2}$"


def _table_rows_off_their_header(text: str) -> list[tuple[int, int, int]]:
    """``(line, cells, header cells)`` of each Markdown table row whose cell count is not its header's.

    A ``|`` inside a code span still ends a cell (escape it as ``\\|``): a row quoting
    ``agreement|categories`` or a progress bar's ``0%|   |`` gained cells, and the site
    showed it cut.
    """
    lines, found, i = text.splitlines(), [], 0
    while i < len(lines):
        if lines[i].startswith("|") and i + 1 < len(lines) and re.fullmatch(r"\|[\s:|-]+\|", lines[i + 1].strip()):
            width = len(re.findall(r"(?<!\\)\|", lines[i]))
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                cells = len(re.findall(r"(?<!\\)\|", lines[i]))
                if cells != width:
                    found.append((i + 1, cells - 1, width - 1))
                i += 1
        else:
            i += 1
    return found


def test_table_rows_have_the_cells_of_their_header():
    pages = [*sorted((REPO / "docs").rglob("*.md")), REPO / "README.md"]
    bad = [f"{p.relative_to(REPO)}:{line}: {cells} cells, header {width}"
           for p in pages for line, cells, width in _table_rows_off_their_header(p.read_text(encoding="utf-8"))]
    assert not bad, bad


def test_table_row_check_finds_a_pipe_in_code():
    text = "| a | b |\n|---|---|\n| `x|y` | z |\n| ok | ok |\n| `x\\|y` | z |\n"
    assert _table_rows_off_their_header(text) == [(3, 3, 2)]
