"""Sphinx extension that generates the exposure documentation pages from the code and data.

Pages hold fenced blocks of the form::

    ```{exposure:NAME} ARGUMENT
    optional content lines
    ```

which are replaced, when Sphinx reads the page (``source-read``), by MyST Markdown made
from the repository itself:

``tables``
    One section per pandera model of :func:`exposure.schemas.all_models`: its docstring,
    its table-level checks in words (key, ``@pa.dataframe_check`` methods, allowed
    columns, coercion) and a table of every column (dtype, nullable, checks, unit,
    description).
``sources``
    :func:`exposure.sources.sources_markdown` (release, licence, attribution of every file).
``include PATH``
    An ``{include}`` of ``PATH`` if that file exists (prose written by other pages' authors).
``toctree OPTIONS``
    A toctree of the existing pages beside this one, those listed first and in order.
``modules``
    A table of every module of the package with the first paragraph of its docstring.
``api``
    An ``automodule`` block for every module named in the content that can be imported.
``figure NAME``
    A figure rendered by :func:`exposure.reports.figures.render_results` from ``data/processed``.
``table NAME``
    A table computed by :func:`exposure.reports.figures.results_tables` from ``data/processed``.

Nothing is written into the source tree: figures go to the build's doctree directory.
"""

from __future__ import annotations

import importlib
import os
import re
import time
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util import logging

from exposure.schemas._catalog import PROCESSED_TABLES

logger = logging.getLogger(__name__)

BLOCK = re.compile(
    r"^```\{exposure:(?P<name>[a-z_]+)\}[ \t]*(?P<arg>[^\n]*)\n(?P<body>.*?)^```[ \t]*$",
    re.M | re.S,
)
GENERATED = ("tables", "sources", "api", "results", "architecture")
MODULE_TITLES = {
    "_onet": "O*NET tables",
    "_oews": "OEWS employment and wages",
    "_crosswalks": "Crosswalks",
    "_labels": "Reference labels (Eloundou et al.)",
    "_scores": "Task scores",
    "_rollup": "Occupation, SOC, sector and workforce tables",
    "_measures": "Published reference measures",
    "_pipeline": "Recompute manifest",
    "_outcomes": "Outcomes: OEWS occupation panel and event study",
}


# --------------------------------------------------------------------------- helpers
#: A Markdown code span: a run of backticks, then text up to a run of as many.
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


def _cell(text) -> str:
    r"""Escape text for one cell of a Markdown pipe table.

    ``|`` is escaped everywhere (it ends a cell even inside a code span); ``\`` and ``*``
    only outside code spans: inside one, Markdown shows an escape as written (OEWS's
    ``*`` came out as ``\*``, ``O*NET-SOC Code`` as ``O\*NET-SOC Code``).

    Examples
    --------
    >>> print(_cell("``*`` or ``**``: not released; O*NET | ``a|b``"))
    ``*`` or ``**``: not released; O\*NET \| ``a\|b``
    """
    text = " ".join(str(text).split())
    out, at = [], 0
    for m in _CODE_SPAN.finditer(text):
        out += [_escape_prose(text[at:m.start()]), m.group(0).replace("|", "\\|")]
        at = m.end()
    out.append(_escape_prose(text[at:]))
    return "".join(out)


def _escape_prose(text: str) -> str:
    r"""Escape the ``\``, ``|`` and ``*`` of Markdown prose (outside code spans)."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", r"\*")


def _code(text) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return f"``{text}``" if "`" in text else f"`{text}`"


def demote_headings(markdown: str, top: int = 2) -> str:
    """Shift ATX headings (outside code fences) so the highest one has level ``top``."""
    lines = markdown.splitlines()
    fence = False
    levels = []
    for line in lines:
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        elif not fence and (m := re.match(r"^(#{1,6}) ", line)):
            levels.append(len(m.group(1)))
    if not levels or min(levels) >= top:
        return markdown
    shift = top - min(levels)
    out, fence = [], False
    for line in lines:
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        elif not fence and (m := re.match(r"^(#{1,6}) ", line)):
            line = "#" * min(6, len(m.group(1)) + shift) + line[len(m.group(1)) :]
        out.append(line)
    return "\n".join(out) + ("\n" if markdown.endswith("\n") else "")


_CHECK_OPS = {
    "greater_than_or_equal_to": ("≥", "min_value"),
    "greater_than": (">", "min_value"),
    "less_than_or_equal_to": ("≤", "max_value"),
    "less_than": ("<", "max_value"),
    "equal_to": ("=", "value"),
    "not_equal_to": ("≠", "value"),
}


def escape_intraword_stars(markdown: str) -> str:
    """Escape ``*`` between two word characters (``O*NET``) outside code.

    Markdown reads the two stars of "O*NET-SOC ... O*NET" as emphasis; the registry's texts
    and the prose about O*NET are full of them.
    """
    out, fence = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if not fence:
            parts = re.split(r"(`+[^`]*`+)", line)
            line = "".join(
                p if p.startswith("`") else re.sub(r"(?<=\w)\*(?=\w)", r"\\*", p) for p in parts
            )
        out.append(line)
    return "\n".join(out)


def _check_text(check) -> str:
    """A short human reading of a pandera check (falls back to its own description)."""
    name = getattr(check, "name", "")
    stats = getattr(check, "statistics", None) or {}
    if name in _CHECK_OPS and _CHECK_OPS[name][1] in stats:
        op, key = _CHECK_OPS[name]
        return f"{op} {stats[key]}"
    if name == "in_range" and {"min_value", "max_value"} <= stats.keys():
        lo = "[" if stats.get("include_min", True) else "("
        hi = "]" if stats.get("include_max", True) else ")"
        return f"in {lo}{stats['min_value']}, {stats['max_value']}{hi}"
    if name == "isin" and "allowed_values" in stats:
        return "one of " + ", ".join(map(str, stats["allowed_values"]))
    if name == "str_matches" and "pattern" in stats:
        pattern = stats["pattern"]
        return f"matches {getattr(pattern, 'pattern', pattern)}"
    if name == "str_length":
        if stats.get("exact_value") is not None:
            return f"length {stats['exact_value']}"
        lo, hi = stats.get("min_value"), stats.get("max_value")
        if lo is not None and hi is not None:
            return f"length {lo}-{hi}"
        if lo is not None:
            return f"length ≥ {lo}"
        if hi is not None:
            return f"length ≤ {hi}"
    error = getattr(check, "error", None)
    if error:
        return str(error)
    args = ", ".join(f"{k}={v!r}" for k, v in stats.items())
    return f"{name}({args})"


def _words(name: str) -> str:
    """A check's name in words: ``_probabilities_sum_to_one`` -> ``Probabilities sum to one``."""
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", str(name)).replace("_", " ")
    text = " ".join(text.split()).lower()
    return text[:1].upper() + text[1:] if text else str(name)


def _first_paragraph(doc) -> str:
    """The first paragraph of a docstring or description, on one line."""
    import inspect

    return " ".join(inspect.cleandoc(doc or "").strip().split("\n\n")[0].split())


def check_rule_text(check) -> str:
    """A table-level (DataFrame-level) check in plain words.

    The words set where the check is declared come first: the first paragraph of its
    ``description`` (pandera takes the method's docstring when none is given), then its
    ``title`` or ``error``; a built-in check registered in ``Config`` is read like a
    column check; else the check's name in words (``_probabilities_sum_to_one`` ->
    "Probabilities sum to one").
    """
    for text in (getattr(check, "description", None), getattr(check, "title", None),
                 getattr(check, "error", None)):
        if text and _first_paragraph(text):
            return _first_paragraph(text)
    if getattr(check, "statistics", None):
        return _check_text(check)
    return _words(getattr(check, "name", "") or "unnamed check")


#: DataFrameSchema options that describe the table, not a check of it
_SCHEMA_LABELS = {"self", "columns", "name", "title", "description", "metadata", "report_duplicates"}
#: DataFrameSchema options :func:`table_rules` puts in words
_SCHEMA_RULES = {"checks", "parsers", "index", "dtype", "coerce", "strict", "ordered", "unique",
                 "unique_column_names", "add_missing_columns", "on_missing_columns",
                 "drop_invalid_rows", "parser_source"}


def table_rules(name: str, model) -> list[str]:
    """Every table-level rule of a pandera model, in plain words (Markdown).

    These are the rules of the whole table rather than of one column: the key of several
    columns (``Config.unique``), each ``@pa.dataframe_check`` (or check registered in
    ``Config``) with its name as errors quote it, which columns are allowed and in which
    order (``strict``, ``ordered``), type coercion and the other options of the schema.

    Raises
    ------
    sphinx.errors.ExtensionError
        If the model sets a schema option this function does not put in words, so the
        page never leaves a rule out in silence.
    """
    import inspect

    import pandera.pandas as pa

    schema = model.to_schema()
    defaults = pa.DataFrameSchema()
    unknown = []
    for option in inspect.signature(pa.DataFrameSchema.__init__).parameters:
        if option in _SCHEMA_LABELS or option in _SCHEMA_RULES:
            continue
        value = getattr(schema, option, None)
        if value != getattr(defaults, option, None) and value not in (None, False, [], {}):
            unknown.append(f"{option}={value!r}")
    if unknown:
        raise ExtensionError(f"schema model {name} sets {', '.join(unknown)}, which the tables page "
                             "does not describe: put it in words in docs/_ext/exposure_docs.py table_rules")
    rules = []
    unique = schema.unique
    if unique:
        keys = [unique] if isinstance(unique, str) else list(unique)
        shown = ", ".join(_code(k) for k in keys)
        rules.append(f"Key ({shown}): no two rows have the same "
                     + ("value" if len(keys) == 1 else "combination of values") + " there.")
    from exposure.schemas._base import CHECK_COLUMNS

    for check in schema.checks:
        text = check_rule_text(check)
        column = CHECK_COLUMNS.get((name, check.name))
        judged = f" (column {_code(column)})" if column else ""
        rules.append(f"Check {_code(check.name)}{judged}: {_cell(text.rstrip('.'))}.")
    for parser in schema.parsers or ():
        text = getattr(parser, "description", None) or _words(getattr(parser, "name", "parser"))
        rules.append(f"Parser {_code(getattr(parser, 'name', 'parser'))}: {_cell(text.rstrip('.'))} "
                     "(applied to the table before the checks).")
    if schema.strict == "filter":
        rules.append("Columns: those listed; any other column is dropped.")
    elif schema.strict:
        rules.append("Columns: exactly those listed, no other column allowed (strict)"
                     + (", in this order (ordered)." if schema.ordered else ", in any order."))
    else:
        rules.append("Columns: those listed; other columns are allowed and kept (not strict)"
                     + (", the listed ones in this order (ordered)." if schema.ordered else "."))
    if schema.unique_column_names:
        rules.append("Each column name appears once.")
    if schema.add_missing_columns:
        rules.append("A missing column is added, filled with its default (or missing values).")
    on_missing = getattr(schema, "on_missing_columns", None)
    if on_missing not in (None, getattr(defaults, "on_missing_columns", None)):
        rules.append(f"A missing column: {_cell(on_missing)}.")
    if schema.drop_invalid_rows:
        rules.append("Rows that fail a check are dropped (not reported).")
    source = getattr(schema, "parser_source", None)  # pandera 0.36: the default source of derived columns
    if source:
        sources = [source] if isinstance(source, str) else list(source)
        rules.append("A derived (parsed) column that names no source is computed from "
                     + ", ".join(_code(c) for c in sources) + ".")
    if schema.dtype is not None:
        rules.append(f"Every column has dtype {_cell(_dtype_text(schema.dtype))}.")
    if schema.index is not None:
        index = schema.index
        rules.append(f"Index {_code(getattr(index, 'name', None) or 'index')}: dtype "
                     f"{_cell(_dtype_text(getattr(index, 'dtype', None)))}"
                     + "".join(f"; {_cell(_check_text(c))}" for c in getattr(index, "checks", ()) or ()) + ".")
    if schema.coerce:
        rules.append("Values are converted (coerced) to the declared dtypes before the checks.")
    return rules


def _dtype_text(dtype) -> str:
    if dtype is None:
        return "any"
    text = str(dtype)
    return {"string[pyarrow]": "string", "string[python]": "string", "str": "string"}.get(text, text)


# --------------------------------------------------------------------------- generators
def tables_markdown() -> str:
    """MyST Markdown documenting every pandera model of :mod:`exposure.schemas`."""
    from exposure.schemas import all_models

    models = all_models()
    if not models:
        raise ExtensionError("exposure.schemas.all_models() returned no model")
    by_module: dict[str, list] = {}
    for name, model in models.items():
        by_module.setdefault(model.__module__.rsplit(".", 1)[-1], []).append((name, model))
    shipped = _shipped_tables()
    out = []
    for module, items in by_module.items():
        out.append(f"## {MODULE_TITLES.get(module, module)}\n")
        out.append(f"Declared in `exposure.schemas.{module}`.\n")
        for name, model in items:
            out.append(model_markdown(name, model, shipped.get(name, ())))
    return "\n".join(out)


def _shipped_tables() -> dict[str, list[tuple[str, str]]]:
    """Schema model name -> [(table name, file name)] of the tables ``exposure.load`` reads."""
    out: dict[str, list[tuple[str, str]]] = {}
    for t in PROCESSED_TABLES:
        out.setdefault(t.model.__name__, []).append((t.name, t.filename))
    return out


def model_markdown(name: str, model, shipped=()) -> str:
    """One section for one pandera ``DataFrameModel``: docstring, keys, column table."""
    import inspect

    schema = model.to_schema()
    doc = inspect.cleandoc(model.__doc__ or "").strip()
    if not doc:
        raise ExtensionError(f"schema model {name} has no docstring")
    lines = [f"(schema-{name.lower()})=", f"### {name}", "", doc, ""]
    rules = table_rules(name, model)
    if rules:
        lines += ["Table-level checks (on the whole table, not one column):", ""]
        lines += [f"- {rule}" for rule in rules]
        lines.append("")
    for table, filename in shipped:
        lines += [f"Shipped as `data/processed/{filename}`; load it with "
                  f'`exposure.load("{table}")`.', ""]
    lines += [
        "| column | dtype | nullable | unit | checks | description |",
        "|---|---|---|---|---|---|",
    ]
    for col_name, col in schema.columns.items():
        checks = ["unique"] if col.unique else []
        checks += [_check_text(c) for c in col.checks]
        checks = "; ".join(_code(c) for c in checks)
        unit = (col.metadata or {}).get("unit", "")
        desc = col.description or ""
        if not desc:
            raise ExtensionError(f"column {col_name!r} of schema model {name} has no description")
        lines.append(
            f"| {_code(col_name)} | {_cell(_dtype_text(col.dtype))} | "
            f"{'yes' if col.nullable else 'no'} | {_cell(unit)} | {checks} | {_cell(desc)} |"
        )
    lines.append("")
    return "\n".join(lines)


def sources_block() -> str:
    try:
        from exposure.sources import sources_markdown
    except ModuleNotFoundError as exc:
        if exc.name not in ("exposure.sources",):
            raise
        logger.warning("exposure_docs: exposure.sources does not exist: registry not documented")
        return ""
    return escape_intraword_stars(demote_headings(sources_markdown(), top=2))


def optional_include(app, docname: str, path: str) -> str:
    """The text of ``path`` (relative to the page) when the file exists, else nothing.

    The text is inlined (rather than ``{include}``-d) so that intraword stars such as
    ``O*NET`` can be escaped; Sphinx is told the page depends on the file.
    """
    target = (Path(app.srcdir) / docname).parent / path
    if not target.is_file():
        logger.info("exposure_docs: %s: %s does not exist yet, not included", docname, path)
        return ""
    app.env.note_dependency(str(target))
    return escape_intraword_stars(target.read_text(encoding="utf-8")) + "\n"


def toctree_markdown(app, docname: str, order: list[str], options: str) -> str:
    """A toctree of the pages beside ``docname``: those of ``order`` first, then the rest.

    Pages are written by several people and land at different times; listing only the
    files that exist keeps the build free of "nonexisting document" warnings.
    """
    docdir = (Path(app.srcdir) / docname).parent
    here = sorted(p.stem for p in docdir.glob("*.md") if p.stem != Path(docname).name)
    entries = [d for d in order if d in here] + [d for d in here if d not in order]
    missing = [d for d in order if d not in here]
    if missing:
        logger.info("exposure_docs: %s: pages not written yet: %s", docname, ", ".join(missing))
    if not entries:
        return "*No page yet.*\n"
    head = ["```{toctree}", *[o for o in options.split(";") if o.strip()]]
    return "\n".join([*head, "", *entries, "```"]) + "\n"


def modules_markdown() -> str:
    """A table of every module of the ``exposure`` package with its docstring summary."""
    import pkgutil

    import exposure

    rows = ["| module | what it does |", "|---|---|"]
    names = ["exposure"] + sorted(
        m.name for m in pkgutil.walk_packages(exposure.__path__, "exposure.")
    )
    for name in names:
        if name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - report, do not hide
            logger.warning("exposure_docs: cannot import %s: %s", name, exc)
            continue
        doc = (module.__doc__ or "").strip().split("\n\n")[0]
        summary = " ".join(doc.split())
        rows.append(f"| {_code(name)} | {_cell(summary)} |")
    return "\n".join(rows) + "\n"


def api_markdown(modules: list[str]) -> str:
    """``automodule`` blocks for each importable module of ``modules``."""
    out = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and (name == exc.name or name.startswith(exc.name + ".")):
                logger.info("exposure_docs: API: %s does not exist yet, not documented", name)
                continue
            raise
        out += [
            f"## `{name}`",
            "",
            "```{eval-rst}",
            f".. automodule:: {name}",
            "   :members:",
            "```",
            "",
        ]
    if not out:
        raise ExtensionError("API page: none of the listed modules could be imported")
    return "\n".join(out)


# --------------------------------------------------------------------------- results
def _processed_dir(app) -> Path:
    return (Path(app.srcdir) / app.config.exposure_processed_dir).resolve()


def _figure_dir(app) -> Path:
    return Path(app.doctreedir) / "exposure_figures"


def render_figures(app) -> None:
    if not app.config.exposure_results:
        return
    from exposure.errors import ExposureError
    from exposure.reports.figures import render_results

    start = time.perf_counter()
    try:
        app.exposure_figures = render_results(_processed_dir(app), _figure_dir(app))
    except ExposureError as exc:
        raise ExtensionError(
            f"Results page: {exc}. The docs read committed outputs and never recompute them: "
            "run `exposure recompute --mirror ../shared/data` (or set exposure_results = False "
            "in docs/conf.py)."
        ) from exc
    logger.info(
        "exposure_docs: rendered %d figures in %.1f s", len(app.exposure_figures),
        time.perf_counter() - start,
    )


def figure_markdown(app, docname: str, name: str, caption: str) -> str:
    figures = getattr(app, "exposure_figures", None) or {}
    if name not in figures:
        raise ExtensionError(f"{docname}: unknown results figure {name!r} (have {sorted(figures)})")
    docdir = (Path(app.srcdir) / docname).parent
    rel = Path(os.path.relpath(figures[name], docdir)).as_posix()
    caption = caption.strip()
    alt = " ".join(caption.split()) or name
    return f"```{{figure}} {rel}\n:name: fig-{name}\n:alt: {alt}\n:width: 100%\n\n{caption}\n```\n"


def results_table_markdown(app, name: str) -> str:
    from exposure.reports.figures import results_tables

    tables = getattr(app, "exposure_tables", None)
    if tables is None:
        tables = app.exposure_tables = results_tables(_processed_dir(app))
    if name not in tables:
        raise ExtensionError(f"unknown results table {name!r} (have {sorted(tables)})")
    frame = tables[name]
    head = "| " + " | ".join(_cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---:" if frame[c].dtype.kind in "fiu" else "---" for c in frame.columns) + "|"
    rows = []
    for row in frame.itertuples(index=False):
        cells = []
        for value in row:
            if isinstance(value, float):
                cells.append(f"{value:,.3f}" if abs(value) < 10 else f"{value:,.0f}")
            elif isinstance(value, int):
                cells.append(f"{value:,}")
            else:
                cells.append(_cell(value))
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *rows]) + "\n"


# --------------------------------------------------------------------------- events
def expand(app, docname: str, text: str) -> str:
    def replace(match: re.Match) -> str:
        name, arg, body = match["name"], match["arg"].strip(), match["body"]
        if name == "tables":
            return tables_markdown()
        if name == "sources":
            return sources_block()
        if name == "include":
            return optional_include(app, docname, arg)
        if name == "modules":
            return modules_markdown()
        if name == "toctree":
            order = [m.strip() for m in body.splitlines() if m.strip()]
            return toctree_markdown(app, docname, order, arg)
        if name == "api":
            return api_markdown([m.strip() for m in body.splitlines() if m.strip()])
        if name == "figure":
            return figure_markdown(app, docname, arg, body)
        if name == "table":
            return results_table_markdown(app, arg)
        raise ExtensionError(f"{docname}: unknown generated block {{exposure:{name}}}")

    def guarded(match: re.Match) -> str:
        try:
            return replace(match)
        except ExtensionError:
            raise
        except Exception as exc:
            raise ExtensionError(
                f"{docname}.md: generating {{exposure:{match['name']}}} failed: "
                f"{type(exc).__name__}: {exc}"
            ) from exc

    return BLOCK.sub(guarded, text)


def on_source_read(app, docname: str, source: list[str]) -> None:
    text = source[0]
    if docname == app.config.root_doc and not app.config.exposure_results:
        # drop the Results entry from the toctree while the page is switched off
        text = re.sub(r"^results[ \t]*\n", "", text, flags=re.M)
    if "{exposure:" in text:
        source[0] = expand(app, docname, text)
    else:
        source[0] = text


def on_config_inited(app, config) -> None:
    if not config.exposure_results:
        config.exclude_patterns = [*config.exclude_patterns, "results.md"]


def on_env_get_outdated(app, env, added, changed, removed):
    return [d for d in GENERATED if d in env.found_docs]


def setup(app):
    app.add_config_value("exposure_results", False, "env", types=[bool])
    app.add_config_value("exposure_processed_dir", "../data/processed", "env", types=[str])
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", render_figures)
    app.connect("source-read", on_source_read)
    app.connect("env-get-outdated", on_env_get_outdated)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
