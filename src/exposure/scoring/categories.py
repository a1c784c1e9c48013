"""Task categories: administrative, routine coding and entry-level creative work.

Each task is tagged with three independent booleans:

``admin``
    scheduling, data entry, record keeping, routine correspondence and basic
    communication (answering telephones, greeting callers, relaying messages).
``routine_coding``
    writing, testing and maintaining code, and IT support (installing, configuring and
    troubleshooting software, computers and networks).
``entry_creative``
    drafting content, basic design and preliminary research, in occupations that need
    little preparation: O*NET Job Zone 1 to 3 (:data:`ENTRY_CREATIVE_MAX_JOB_ZONE`).

Two kinds of rules fire, and every decision can be explained with
:func:`explain_categories`:

1. **Work-activity mapping** (when an O*NET release is given and the frame carries
   ``onetsoc_code`` and ``task_id``): the task's detailed work activities (DWAs) are
   looked up in the versioned mapping file shipped as package data
   (``exposure/data/categories/mapping-<version>.csv``, columns ``level`` (``dwa`` or
   ``iwa``), ``id``, ``category``, ``note``). A DWA entry takes precedence over the entry
   of its intermediate work activity (IWA); the category ``none`` on a DWA switches its
   IWA's categories off for that DWA.
2. **Text rules** on the task statement (:data:`TEXT_RULES`), for every task; they are
   the only evidence for tasks without DWAs.

A category is set when any rule of that category fires; ``entry_creative`` is then kept
only when the occupation's job zone is known and at most 3 (from ``onet`` or from a
``job_zone`` column of the frame). See ``docs/methods/categories.md``.
"""

from __future__ import annotations

import csv
import importlib.resources
import logging
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from exposure.errors import DataFormatError

try:  # optional: RE2 runs the category rules several times faster (same matches, tested)
    import re2 as _re2
except ImportError:  # pragma: no cover - depends on the environment
    _re2 = None

__all__ = [
    "CATEGORIES",
    "CATEGORY_MAPPING_VERSION",
    "ENTRY_CREATIVE_MAX_JOB_ZONE",
    "TEXT_RULES",
    "TextRule",
    "load_category_mapping",
    "tag_categories",
    "explain_categories",
    "read_hand_checked",
    "precision_recall",
    "category_shares",
    "write_category_reports",
]

logger = logging.getLogger(__name__)

#: Version of the shipped work-activity -> category mapping (file ``mapping-v1.csv``).
CATEGORY_MAPPING_VERSION = "v1"

#: The category columns, in output order.
CATEGORIES = ("admin", "routine_coding", "entry_creative")

#: Highest O*NET Job Zone counted as "little required preparation" for entry_creative.
ENTRY_CREATIVE_MAX_JOB_ZONE = 3


@dataclass(frozen=True)
class TextRule:
    """A named regular expression on the task text that votes for one category.

    Attributes
    ----------
    rule_id : str
        Short identifier shown in explanations (e.g. ``"admin:schedule"``).
    category : str
        One of :data:`CATEGORIES`.
    pattern : str
        Case-insensitive regular expression searched in the task text.
    note : str
        What the rule is meant to catch.
    """

    rule_id: str
    category: str
    pattern: str
    note: str

    def search(self, text: str) -> bool:
        """Return True when the rule fires on ``text``.

        Examples
        --------
        >>> TextRule("x", "admin", r"\\bfile\\b", "filing").search("File reports.")
        True
        """
        return _compiled(self.pattern).search(text) is not None


_CACHE: dict[str, re.Pattern] = {}


def _compiled(pattern: str) -> re.Pattern:
    if pattern not in _CACHE:
        _CACHE[pattern] = re.compile(pattern, re.IGNORECASE)
    return _CACHE[pattern]


_W = r"[^.;]{0,40}"  # up to 40 characters within the same clause
_CLAUSE = r"(?:^\W*|,\s*|\band\s+|\bor\s+)"  # a verb that heads the task or a coordinated clause

#: Text rules, in the order they are reported.
TEXT_RULES: tuple[TextRule, ...] = (
    # --- admin -------------------------------------------------------------------
    TextRule(
        "admin:schedule",
        "admin",
        r"\b(schedul\w*|book\w*|reserv\w*)\b" + _W
        + r"\b(appointments?|meetings?|reservations?|rooms?|facilit\w+|travel|itinerar\w+"
        r"|shifts?|work schedules?|workers|crews?|staff|employees|visits?|interviews?)\b",
        "scheduling or booking appointments, rooms, travel or staff",
    ),
    TextRule(
        "admin:appointments",
        "admin",
        r"\b(make|arrang|plan|confirm|cancel|book|set)\w*\b" + _W + r"\b(appointments?|itinerar\w+)\b"
        r"|\b(work schedules?|office hours)\b",
        "making appointments or itineraries; work schedules",
    ),
    TextRule(
        "admin:data_entry",
        "admin",
        r"\b(data entry|(enter|key|input|type)\w*\b" + _W
        + r"\b(data|information|records?|codes?|computers?|databases?|systems?))\b",
        "entering or keying data",
    ),
    TextRule(
        "admin:records",
        "admin",
        r"(\b(maintain|keep|updat|record|log|stamp|compil|organiz)(e|es|ed|ing|s)?\b" + _W
        + r"\b(records|files|logs?|ledgers?|journals?|registers?|documents?|documentation"
        r"|paperwork|forms|case files)\b"
        r"|^\W*(file|stamp|log)\b|\bfiling\b)",
        "keeping, updating or filing records and documents",
    ),
    TextRule(
        "admin:paperwork",
        "admin",
        r"\b(prepar|process|comput|issu|complet)(e|es|ed|ing)?\b" + _W
        + r"\b(invoices?|billing|payroll|paperwork|forms|applications|receipts)\b",
        "clerical paperwork: invoices, bills, payroll, forms",
    ),
    TextRule(
        "admin:correspondence",
        "admin",
        r"\b(correspondence|form letters?|memoranda|memos?|newsletters?)\b"
        r"|\b(mail|send|route|sort|type)\w*\b" + _W + r"\b(letters?|mail|messages?|memos?)\b",
        "routine correspondence and mail",
    ),
    TextRule(
        "admin:communication",
        "admin",
        r"\b(answer|handle|screen|route|transfer|receive)\w*\b" + _W
        + r"\b(telephones?|phones?|calls?|callers?|inquiries)\b"
        r"|\bgreet\w*\b" + _W + r"\b(visitors?|callers?|customers?|guests?|patients?|clients?)\b"
        r"|\brelay\w*\b" + _W + r"\b(messages?|information|orders?|instructions)\b"
        r"|\b(switchboards?|take messages)\b",
        "basic communication: phones, reception, relaying messages",
    ),
    TextRule(
        "admin:clerical",
        "admin",
        r"\b(clerical|office duties|secretarial|filing|photocop\w+|copiers?|fax\w*|bookkeeping"
        r"|keeping books)\b",
        "clerical and office duties",
    ),
    # --- routine coding ----------------------------------------------------------
    TextRule(
        "routine_coding:code",
        "routine_coding",
        r"\b(write|writes|writing|code|coding|program|develop\w*|modify\w*|debug\w*|test\w*"
        r"|maintain\w*|implement\w*|revis\w*|correct\w*)\b" + _W
        + r"\b(software|computer programs?|source code|code|stored procedures"
        r"|scripts? to automate|automation scripts?|shell scripts?"
        r"|(software|computer|web|mobile|business|database) applications?|databases?"
        r"|web ?sites?|web pages?|dashboards?|queries)\b",
        "writing, testing or maintaining code, software, databases, websites",
    ),
    TextRule(
        "routine_coding:languages",
        "routine_coding",
        r"\b(computer programming|programming (languages?|code)|debugging|source code|SQL"
        r"|HTML|APIs?|unit tests?"
        r"|regression tests?|software (testing|bugs?|defects?|errors?))\b",
        "programming vocabulary",
    ),
    TextRule(
        "routine_coding:it_support",
        "routine_coding",
        r"\b(technical support|help ?desk|IT support|user support|desktop support)\b"
        r"|\b(troubleshoot|resolve|diagnose|fix|repair)\w*\b" + _W
        + r"\b(computers?|software|network|systems? problems?|applications?|e-?mail)\b"
        r"|\b(install|configure|set up|upgrade|patch|back up|backup)\w*\b" + _W
        + r"\b(software|operating systems?|computer (hardware|systems?|equipment)|servers?"
        r"|workstations?|computer networks?|e-?mail|virus\w*|firewalls?)\b"
        r"|\b(virus protection|anti-?virus|malware|firewalls?|network (performance|security))\b",
        "IT support: installing, configuring, troubleshooting computers and networks",
    ),
    # --- entry-level creative ----------------------------------------------------
    TextRule(
        "entry_creative:drafting",
        "entry_creative",
        r"\b(write|writ\w*|draft\w*|compos\w*|edit\w*|proofread\w*|rewrit\w*)\b" + _W
        + r"\b(copy|articles?|stories|scripts?|captions?|press releases?|content|blogs?|posts"
        r"|advertis\w+|brochures?|newsletters?|speeches|headlines?|lyrics|outlines?"
        r"|storyboards?|text|video|footage|films?|audio|recordings?|photographs?|images?)\b",
        "drafting or editing written, audio or visual content",
    ),
    TextRule(
        "entry_creative:design",
        "entry_creative",
        _CLAUSE
        + r"(design(s|ing)?|sketch(es|ing)?|draw(s|ing)?|illustrat(e|es|ing)|lay out"
        r"|creat(e|es|ing)|prepar(e|es|ing)|develop(s|ing)?|devis(e|es|ing))\b" + _W
        + r"\b(sketch\w*|graphics?|logos?|layouts?|illustrations?|artwork|posters?|flyers?"
        r"|brochures?|signs|signage|displays?|mock-?ups?|storyboards?|concepts?|creative ideas"
        r"|dances?|playlists?|menus?|images?|models of (proposed )?displays)\b"
        r"|\b(choreograph\w*|retouch\w*)\b"
        r"|\b(enhance|manipulate)\w*\b" + _W + r"\b(images?|photographs?)\b",
        "basic design: sketches, layouts, graphics, concepts, choreography",
    ),
    TextRule(
        "entry_creative:research",
        "entry_creative",
        _CLAUSE + r"(research(es|ing)?|conduct\w* (\w+ )?research)\b"
        r"|" + _CLAUSE + r"(gather|collect|compile|look up|search)\w*\b" + _W
        + r"\b(background|reference (materials?|information)|trends?|ideas|inspiration"
        r"|sources|facts)\b",
        "preliminary research",
    ),
)

_ID_RE = re.compile(r"^[0-9]+(\.[A-Za-z0-9]+)*$")


def _data_file(*parts: str):
    return importlib.resources.files("exposure").joinpath("data", *parts)


def load_category_mapping(version: str = CATEGORY_MAPPING_VERSION) -> pd.DataFrame:
    """Read the shipped work-activity -> category mapping.

    Parameters
    ----------
    version : str, default :data:`CATEGORY_MAPPING_VERSION`
        Mapping version; the file is ``exposure/data/categories/mapping-<version>.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``level`` (``"dwa"`` or ``"iwa"``), ``id``, ``category`` (one of
        :data:`CATEGORIES` or ``"none"``) and ``note``.

    Raises
    ------
    exposure.errors.DataFormatError
        When the version does not exist or a row is malformed (naming file and row).

    Examples
    --------
    >>> mapping = load_category_mapping()
    >>> sorted(mapping["category"].unique())
    ['admin', 'entry_creative', 'none', 'routine_coding']
    >>> bool((mapping["level"] == "iwa").any())
    True
    """
    resource = _data_file("categories", f"mapping-{version}.csv")
    if not resource.is_file():
        raise DataFormatError(f"no category mapping version {version!r}", path=str(resource))
    with resource.open("r", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    expected = ["level", "id", "category", "note"]
    allowed = set(CATEGORIES) | {"none"}
    seen = set()
    for line, row in enumerate(rows, start=2):
        if list(row) != expected:
            raise DataFormatError(f"expected columns {expected}", path=str(resource), row=line)
        if row["level"] not in ("dwa", "iwa"):
            raise DataFormatError(
                f"level must be 'dwa' or 'iwa', got {row['level']!r}",
                path=str(resource), row=line, column="level",
            )
        if not _ID_RE.match(row["id"] or ""):
            raise DataFormatError(
                f"bad work-activity id {row['id']!r}", path=str(resource), row=line, column="id"
            )
        if row["category"] not in allowed:
            raise DataFormatError(
                f"unknown category {row['category']!r}",
                path=str(resource), row=line, column="category",
            )
        key = (row["level"], row["id"], row["category"])
        if key in seen:
            raise DataFormatError(f"duplicate entry {key}", path=str(resource), row=line)
        seen.add(key)
    return pd.DataFrame(rows, columns=expected).astype(str)


# ----------------------------------------------------------------------------------
# shared helpers (also used by exposure.scoring.rubric)
# ----------------------------------------------------------------------------------


def _norm_task_id(value) -> str:
    """Canonical string form of a task id (``20699``, ``"20699"``, ``"20699.0"``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        return text[:-2]
    return text


def _norm_task_ids(column: pd.Series) -> list[str]:
    """:func:`_norm_task_id` of every value of ``column`` (fast path for integer columns)."""
    values = column.tolist()
    if pd.api.types.is_integer_dtype(column.dtype) and not column.hasnans:
        return [str(v) for v in values]  # what _norm_task_id gives for an int
    return [_norm_task_id(v) for v in values]


def _check_text(frame, text_column: str) -> list[str]:
    """Validate the text column and return its cells as a list of str."""
    if not isinstance(frame, pd.DataFrame):
        raise DataFormatError(f"expected a pandas DataFrame, got {type(frame).__name__}")
    if text_column not in frame.columns:
        raise DataFormatError(
            f"missing text column {text_column!r} (columns: {list(frame.columns)})",
            column=text_column,
        )
    col = frame[text_column]
    values = col.tolist()
    for pos, value in enumerate(values):
        # ``not value or value.isspace()`` is ``not value.strip()`` without the copy
        if not isinstance(value, str) or not value or value.isspace():
            raise DataFormatError(
                f"task text must be a non-empty string, got {value!r} "
                f"(index {col.index.tolist()[pos]!r})",
                row=pos + 1,
                column=text_column,
            )
    return values


def _has_keys(frame: pd.DataFrame) -> bool:
    return "onetsoc_code" in frame.columns and "task_id" in frame.columns


def _keys(frame: pd.DataFrame) -> list[tuple[str, str]]:
    codes = [str(code) for code in frame["onetsoc_code"].tolist()]
    return list(zip(codes, _norm_task_ids(frame["task_id"]), strict=True))


def _task_dwa_lookup(onet) -> tuple[dict, dict]:
    """Return ({(code, task_id): [dwa_id, ...]}, {dwa_id: iwa_id}) from an O*NET release."""
    for name in ("task_dwas", "dwas"):
        if getattr(onet, name, None) is None:
            raise DataFormatError(f"onet argument has no {name!r} frame")
    td = onet.task_dwas
    links: dict[tuple[str, str], list[str]] = {}
    codes = [str(code) for code in td["onetsoc_code"].tolist()]
    dwas = [str(dwa) for dwa in td["dwa_id"].tolist()]
    for key, dwa in zip(zip(codes, _norm_task_ids(td["task_id"]), strict=True), dwas, strict=True):
        if key in links:
            links[key].append(dwa)
        else:
            links[key] = [dwa]
    dwa_to_iwa = {
        str(d): str(i)
        for d, i in zip(onet.dwas["dwa_id"].tolist(), onet.dwas["iwa_id"].tolist(), strict=True)
    }
    return links, dwa_to_iwa


def _job_zone_lookup(onet) -> dict[str, int]:
    """Return {onetsoc_code: job_zone} from an O*NET release (occupations or job_zones)."""
    out: dict[str, int] = {}
    for name in ("job_zones", "occupations"):
        frame = getattr(onet, name, None)
        if frame is None or "job_zone" not in frame.columns:
            continue
        for code, jz in zip(frame["onetsoc_code"].tolist(), frame["job_zone"].tolist(), strict=True):
            if pd.notna(jz) and str(code) not in out:
                out[str(code)] = int(jz)
    return out


def _job_zones_for(frame: pd.DataFrame, onet) -> list[int | None]:
    """Job zone of each row: from ``onet`` by onetsoc_code, else a ``job_zone`` column."""
    n = len(frame)
    zones: list[int | None] = [None] * n
    if "job_zone" in frame.columns:
        col = frame["job_zone"]
        known = col.notna().to_numpy()
        for i, jz in enumerate(col.tolist()):
            if known[i]:
                zones[i] = int(jz)
    if onet is not None and "onetsoc_code" in frame.columns:
        lookup = _job_zone_lookup(onet)
        for i, code in enumerate(frame["onetsoc_code"].tolist()):
            if zones[i] is None:
                zones[i] = lookup.get(str(code))
    return zones


def _task_dwas_for(frame: pd.DataFrame, onet) -> list[list[tuple[str, str]]]:
    """[(dwa_id, iwa_id), ...] of each row (empty lists without onet or keys)."""
    if onet is None or not _has_keys(frame):
        return [[] for _ in range(len(frame))]
    links, dwa_to_iwa = _task_dwa_lookup(onet)
    pairs: dict[str, tuple[str, str]] = {}
    for dwas in links.values():
        for d in dwas:
            if d not in pairs:
                pairs[d] = (d, dwa_to_iwa.get(d, ""))
    empty: list[str] = []
    return [[pairs[d] for d in links.get(k, empty)] for k in _keys(frame)]


class _RuleSet:
    """Which of several case-insensitive regular expressions occur in each text, fast.

    Gives exactly what ``[re.search(p, text, re.IGNORECASE) is not None for p in
    patterns]`` gives, text by text, but (1) each distinct text is matched once and
    (2) with ``google-re2`` installed, texts of printable ASCII characters go through an
    RE2 ``FilteredRE2`` (literal atoms of all patterns found in one pass; only the
    patterns whose atoms occur are run). On printable ASCII text RE2 and :mod:`re` agree
    on every construct the rules use (``\\b``, ``\\w``, ``\\W``, ``\\s``, classes, case
    folding); other texts (accents, curly quotes, tabs, vertical tabs, ...) are matched
    with :mod:`re`, where the two engines can differ (RE2's ``\\w``/``\\b`` are ASCII, its
    ``\\s`` has no ``\\v``).

    Examples
    --------
    >>> rs = _RuleSet([r"\\bfile\\b", r"\\bcode\\b"])
    >>> codes, uniques, found = rs.match(["File it.", "Write code.", "File it.", "Résumé"])
    >>> codes.tolist(), found
    ([0, 1, 0, 2], [[0], [1], []])
    """

    def __init__(self, patterns):
        self.patterns = tuple(patterns)
        self._re = [re.compile(p, re.IGNORECASE) for p in self.patterns]
        self._filter = None

    def _re2_match(self):
        """``Match`` of the RE2 filter (None when google-re2 is not importable)."""
        if _re2 is None:
            return None
        if self._filter is None:
            options = _re2.Options()
            options.case_sensitive = False
            flt = _re2.Filter()
            for pattern in self.patterns:
                flt.Add(pattern, options)
            flt.Compile()
            self._filter = flt
        return self._filter.Match

    def search_one(self, text: str) -> list[int]:
        """Indices of the patterns found in ``text``, ascending (with :mod:`re`)."""
        return [j for j, rx in enumerate(self._re) if rx.search(text) is not None]

    def match(self, texts) -> tuple[np.ndarray, list[str], list[list[int]]]:
        """Match a sequence of str.

        Returns ``(codes, uniques, found)``: ``uniques[codes[i]] == texts[i]`` and
        ``found[u]`` is the ascending list of the indices of the patterns occurring in
        ``uniques[u]``.
        """
        codes, uniques = pd.factorize(np.asarray(texts, dtype=object))
        uniques = uniques.tolist()
        re2_match = self._re2_match()
        search_one = self.search_one
        found: list[list[int]] = []
        for text in uniques:
            if re2_match is not None and text.isascii() and text.isprintable():
                hits = re2_match(text)
                found.append(list(hits) if hits else [])
            else:
                found.append(search_one(text))
        return codes, uniques, found

    def hit_matrix(self, found: list[list[int]]) -> np.ndarray:
        """Bool matrix (len(found), n_patterns) from ``found`` of :meth:`match`."""
        hits = np.zeros((len(found), len(self.patterns)), dtype=bool)
        rows = [u for u, js in enumerate(found) for _ in js]
        cols = [j for js in found for j in js]
        hits[rows, cols] = True
        return hits


_TEXT_RULESET = _RuleSet(rule.pattern for rule in TEXT_RULES)


# ----------------------------------------------------------------------------------


def _mapping_index(mapping: pd.DataFrame) -> tuple[dict, dict]:
    by_dwa: dict[str, list[tuple[str, str]]] = {}
    by_iwa: dict[str, list[tuple[str, str]]] = {}
    for level, id_, cat, note in mapping[["level", "id", "category", "note"]].itertuples(index=False):
        target = by_dwa if level == "dwa" else by_iwa
        target.setdefault(id_, []).append((cat, note))
    return by_dwa, by_iwa


def explain_categories(
    frame: pd.DataFrame, *, text_column: str = "task", onet=None
) -> pd.DataFrame:
    """Tag categories and say which mapping entry or text rule fired.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per task with a text column; optionally ``onetsoc_code`` and ``task_id``
        (to use O*NET work activities) and ``job_zone``.
    text_column : str, default "task"
        Column holding the task statement.
    onet : exposure.onet.OnetRelease or object, optional
        Anything with ``task_dwas`` [onetsoc_code, task_id, dwa_id], ``dwas`` [dwa_id,
        iwa_id] and ``occupations`` or ``job_zones`` [onetsoc_code, job_zone] frames.

    Returns
    -------
    pandas.DataFrame
        Same index as ``frame``; bool columns ``admin``, ``routine_coding``,
        ``entry_creative``; ``job_zone`` (nullable Int64); and string columns
        ``admin_rule``, ``routine_coding_rule``, ``entry_creative_rule`` listing the
        evidence (``"dwa 4.A...: note"``, ``"iwa 4.A...: note"``, ``"text admin:records"``,
        separated by ``"; "``; empty when nothing fired). For ``entry_creative`` the gate
        outcome is appended (e.g. ``"[gated: job zone 4 > 3]"``).

    Raises
    ------
    exposure.errors.DataFormatError
        When the text column is missing or a cell is empty or not a string.

    Examples
    --------
    >>> tasks = pd.DataFrame({"task": ["Schedule appointments for patients.",
    ...                                "Draft copy for brochures."],
    ...                       "job_zone": [2, 2]})
    >>> out = explain_categories(tasks)
    >>> out.loc[0, "admin_rule"]
    'text admin:schedule'
    >>> bool(out.loc[1, "entry_creative"])
    True
    """
    texts = _check_text(frame, text_column)
    mapping = load_category_mapping()
    by_dwa, by_iwa = _mapping_index(mapping)
    dwas = _task_dwas_for(frame, onet)
    zones = _job_zones_for(frame, onet)
    codes, _, found = _TEXT_RULESET.match(texts)
    # text evidence of each distinct text: [(category, "text <rule_id>"), ...] in rule order
    text_evidence = [
        [(TEXT_RULES[j].category, f"text {TEXT_RULES[j].rule_id}") for j in js] for js in found
    ]

    records = []
    for code, task_dwas, jz in zip(codes.tolist(), dwas, zones, strict=True):
        evidence: dict[str, list[str]] = {c: [] for c in CATEGORIES}
        for dwa, iwa in task_dwas:
            if dwa in by_dwa:
                entries = [(c, n, f"dwa {dwa}") for c, n in by_dwa[dwa]]
            else:
                entries = [(c, n, f"iwa {iwa}") for c, n in by_iwa.get(iwa, [])]
            for cat, note, where in entries:
                if cat in evidence:
                    item = f"{where}: {note}"
                    if item not in evidence[cat]:
                        evidence[cat].append(item)
        for cat, item in text_evidence[code]:
            evidence[cat].append(item)
        row: dict[str, object] = {"job_zone": jz}
        for cat in CATEGORIES:
            fired = bool(evidence[cat])
            explanation = "; ".join(evidence[cat])
            if cat == "entry_creative" and fired:
                if jz is None:
                    fired = False
                    explanation += " [gated: job zone unknown]"
                elif jz > ENTRY_CREATIVE_MAX_JOB_ZONE:
                    fired = False
                    explanation += f" [gated: job zone {jz} > {ENTRY_CREATIVE_MAX_JOB_ZONE}]"
            row[cat] = fired
            row[f"{cat}_rule"] = explanation
        records.append(row)

    cols = list(CATEGORIES) + ["job_zone"] + [f"{c}_rule" for c in CATEGORIES]
    out = pd.DataFrame.from_records(records, columns=cols, index=frame.index)
    if not records:
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in cols}, index=frame.index)
    for cat in CATEGORIES:
        out[cat] = out[cat].astype(bool)
    out["job_zone"] = pd.array(out["job_zone"].tolist(), dtype="Int64")
    for cat in CATEGORIES:
        out[f"{cat}_rule"] = out[f"{cat}_rule"].astype(str)
    n_dwa = sum(1 for d in dwas if d)
    logger.debug("tagged %d tasks (%d with DWAs)", len(out), n_dwa)
    return out


def tag_categories(frame: pd.DataFrame, *, text_column: str = "task", onet=None) -> pd.DataFrame:
    """Tag each task as admin, routine coding and/or entry-level creative.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per task with a text column; optionally ``onetsoc_code`` and ``task_id``
        (to use O*NET work activities) and ``job_zone``.
    text_column : str, default "task"
        Column holding the task statement.
    onet : exposure.onet.OnetRelease or object, optional
        O*NET release providing ``task_dwas``, ``dwas`` and job zones; without it only
        the text rules fire and ``entry_creative`` needs a ``job_zone`` column.

    Returns
    -------
    pandas.DataFrame
        Bool columns ``admin``, ``routine_coding``, ``entry_creative``, same index as
        ``frame``. Use :func:`explain_categories` to see why; both give the same flags
        (tested). This is the fast path: each distinct text is matched once, against all
        text rules in one pass (RE2's filtered matching when ``google-re2`` is installed,
        for printable ASCII texts), and the work-activity mapping is resolved once per
        DWA; no explanation strings are built.

    Raises
    ------
    exposure.errors.DataFormatError
        When the text column is missing or a cell is empty or not a string; ``column`` is
        the text column and ``row`` the 1-based position of the bad row in ``frame`` (its
        index label is in the message).

    Examples
    --------
    >>> tasks = pd.DataFrame({"task": ["Answer telephones and take messages.",
    ...                                "Write and debug code for web applications.",
    ...                                "Weld steel beams."]})
    >>> tag_categories(tasks)
       admin  routine_coding  entry_creative
    0   True           False           False
    1  False            True           False
    2  False           False           False
    """
    texts = _check_text(frame, text_column)
    codes, _, found = _TEXT_RULESET.match(texts)
    hits = _TEXT_RULESET.hit_matrix(found)
    mapping_bits = _dwa_category_bits(frame, onet)
    out = pd.DataFrame(index=frame.index)
    for k, cat in enumerate(CATEGORIES):
        rules = [j for j, rule in enumerate(TEXT_RULES) if rule.category == cat]
        fired = hits[:, rules].any(axis=1)[codes]
        if mapping_bits is not None:
            fired |= (mapping_bits & (1 << k)) != 0
        if cat == "entry_creative":
            zones = _job_zones_for(frame, onet)
            fired &= np.fromiter(
                (jz is not None and jz <= ENTRY_CREATIVE_MAX_JOB_ZONE for jz in zones),
                dtype=bool, count=len(zones),
            )
        out[cat] = pd.Series(fired, index=frame.index, dtype=bool)
    return out


def _link_categories(dwa: str, iwa: str, by_dwa: dict, by_iwa: dict) -> set[str]:
    """Categories a (DWA, IWA) link gives: the DWA's own entries override its IWA's."""
    entries = by_dwa[dwa] if dwa in by_dwa else by_iwa.get(iwa, [])
    return {cat for cat, _ in entries}


def _dwa_category_bits(frame: pd.DataFrame, onet) -> np.ndarray | None:
    """Per row, bit k set when a DWA of the task maps to ``CATEGORIES[k]`` (None: no onet)."""
    if onet is None or not _has_keys(frame):
        return None
    links, dwa_to_iwa = _task_dwa_lookup(onet)
    by_dwa, by_iwa = _mapping_index(load_category_mapping())
    bit_of_dwa: dict[str, int] = {}
    task_bits: dict[tuple[str, str], int] = {}
    for key, dwas in links.items():
        bits = 0
        for dwa in dwas:
            if dwa not in bit_of_dwa:
                cats = _link_categories(dwa, dwa_to_iwa.get(dwa, ""), by_dwa, by_iwa)
                bit_of_dwa[dwa] = sum(1 << k for k, c in enumerate(CATEGORIES) if c in cats)
            bits |= bit_of_dwa[dwa]
        if bits:
            task_bits[key] = bits
    keys = _keys(frame)
    return np.fromiter((task_bits.get(k, 0) for k in keys), dtype=np.uint8, count=len(keys))


# ----------------------------------------------------------------------------------
# validation reports
# ----------------------------------------------------------------------------------


def read_hand_checked(path) -> pd.DataFrame:
    """Read a hand-checked category sample (``tests/data/categories/hand_checked_v1.csv``).

    The file holds no O*NET text: columns ``onetsoc_code``, ``task_id``, ``stratum``,
    ``admin``, ``routine_coding``, ``entry_creative`` (``True``/``False``) and ``note``.

    Parameters
    ----------
    path : str or os.PathLike

    Returns
    -------
    pandas.DataFrame
        With bool category columns and string ``task_id``.

    Raises
    ------
    exposure.errors.DataFormatError
        Missing column, or a category cell that is not True/False (naming row and column).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "h.csv"
    >>> _ = p.write_text("onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\\n"
    ...                  "43-6014.00,9,random,True,False,False,filing\\n")
    >>> read_hand_checked(p)["admin"].tolist()
    [True]
    """
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    need = ["onetsoc_code", "task_id", "stratum", *CATEGORIES, "note"]
    for col in need:
        if col not in raw.columns:
            raise DataFormatError(f"missing column {col!r}", path=path, column=col)
    out = raw[need].copy()
    for cat in CATEGORIES:
        bad = ~out[cat].isin(["True", "False"])
        if bad.any():
            pos = int(bad.to_numpy().nonzero()[0][0])
            raise DataFormatError(
                f"expected True or False, got {out[cat].iloc[pos]!r}",
                path=path, row=pos + 2, column=cat,
            )
        out[cat] = out[cat].eq("True")
    out["task_id"] = out["task_id"].map(_norm_task_id)
    return out


def precision_recall(expected: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of each category of ``predicted`` against ``expected``.

    Parameters
    ----------
    expected, predicted : pandas.DataFrame
        Bool columns ``admin``, ``routine_coding``, ``entry_creative``, aligned rows.

    Returns
    -------
    pandas.DataFrame
        One row per category: ``category``, ``n``, ``positives``, ``tagged``,
        ``true_positives``, ``precision``, ``recall`` (NaN when undefined).

    Examples
    --------
    >>> e = pd.DataFrame({"admin": [True, True, False], "routine_coding": [False] * 3,
    ...                   "entry_creative": [False, False, True]})
    >>> p = pd.DataFrame({"admin": [True, False, True], "routine_coding": [False] * 3,
    ...                   "entry_creative": [False, False, True]})
    >>> row = precision_recall(e, p).iloc[0]
    >>> (row["category"], float(row["precision"]), float(row["recall"]))
    ('admin', 0.5, 0.5)
    """
    rows = []
    for cat in CATEGORIES:
        y = expected[cat].to_numpy(dtype=bool)
        p = predicted[cat].to_numpy(dtype=bool)
        tp = int((y & p).sum())
        prec = tp / int(p.sum()) if p.sum() else float("nan")
        rec = tp / int(y.sum()) if y.sum() else float("nan")
        rows.append((cat, len(y), int(y.sum()), int(p.sum()), tp, round(prec, 4), round(rec, 4)))
    cols = ["category", "n", "positives", "tagged", "true_positives", "precision", "recall"]
    return pd.DataFrame(rows, columns=cols)


def category_shares(tasks: pd.DataFrame, *, onet=None, text_column: str = "task") -> pd.DataFrame:
    """Share of tasks tagged per category, and which kind of rule tagged them.

    Parameters
    ----------
    tasks : pandas.DataFrame
        Task frame (e.g. ``load_onet().tasks``).
    onet : optional
        Passed to :func:`explain_categories`.
    text_column : str, default "task"

    Returns
    -------
    pandas.DataFrame
        One row per category: ``category``, ``n_tasks``, ``n_tagged``, ``share``,
        ``n_by_mapping`` (a DWA/IWA mapping entry fired), ``n_by_text_only`` (only text
        rules fired), ``n_gated`` (entry_creative evidence dropped by the job-zone gate).

    Examples
    --------
    >>> t = pd.DataFrame({"task": ["File records.", "Weld pipes.", "Type letters."]})
    >>> row = category_shares(t).iloc[0]
    >>> (row["category"], int(row["n_tagged"]))
    ('admin', 2)
    """
    ex = explain_categories(tasks, onet=onet, text_column=text_column)
    rows = []
    for cat in CATEGORIES:
        rule = ex[f"{cat}_rule"]
        tagged = ex[cat]
        by_map = tagged & rule.str.contains(r"(?:^|; )(?:dwa|iwa) ", regex=True)
        gated = ~tagged & rule.str.contains("[gated", regex=False)
        rows.append(
            (cat, len(ex), int(tagged.sum()), round(float(tagged.mean()) if len(ex) else 0.0, 4),
             int(by_map.sum()), int((tagged & ~by_map).sum()), int(gated.sum()))
        )
    cols = ["category", "n_tasks", "n_tagged", "share", "n_by_mapping", "n_by_text_only", "n_gated"]
    return pd.DataFrame(rows, columns=cols)


def write_category_reports(
    hand_checked="tests/data/categories/hand_checked_v1.csv",
    out_dir="data/processed/reports",
    *,
    mirror=None,
    data_dir=None,
) -> dict[str, pd.DataFrame]:
    """Write the category validation reports computed on the real O*NET 29.1 data.

    Writes ``categories_precision_recall.csv`` (per category and per hand-checked file;
    the development sample ``hand_checked_v1.csv`` and, when present beside it, the
    holdout sample ``hand_checked_holdout_v1.csv``) and ``categories_shares.csv`` (share
    of all O*NET 29.1 tasks tagged). Also available as
    ``python -m exposure.scoring.categories report``.

    Parameters
    ----------
    hand_checked : str or os.PathLike
        Development sample; ``*_holdout_v1.csv`` in the same directory is used too.
    out_dir : str or os.PathLike
    mirror, data_dir : optional
        Passed to :func:`exposure.onet.load_onet`.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``{"precision_recall": ..., "shares": ...}``.

    Examples
    --------
    >>> callable(write_category_reports)  # needs the real data; see the integration test
    True
    """
    from pathlib import Path

    from exposure._io import write_csv
    from exposure.onet import load_onet

    onet = load_onet("29.1", mirror=mirror, data_dir=data_dir)
    tasks = onet.tasks.assign(task_id=onet.tasks["task_id"].map(_norm_task_id))
    hand_checked = Path(hand_checked)
    files = [("development", hand_checked)]
    holdout = hand_checked.with_name("hand_checked_holdout_v1.csv")
    if holdout.is_file():
        files.append(("holdout", holdout))
    tables = []
    pooled_e, pooled_p = [], []
    for sample, path in files:
        expected = read_hand_checked(path)
        joined = expected.drop(columns=list(CATEGORIES)).merge(
            tasks[["onetsoc_code", "task_id", "task"]], on=["onetsoc_code", "task_id"], how="left"
        )
        if joined["task"].isna().any():
            pos = int(joined["task"].isna().to_numpy().nonzero()[0][0])
            raise DataFormatError(
                "task not found in O*NET 29.1", path=path, row=pos + 2, column="task_id"
            )
        predicted = tag_categories(joined, onet=onet)
        pr = precision_recall(expected, predicted)
        pr.insert(0, "sample", sample)
        tables.append(pr)
        pooled_e.append(expected[list(CATEGORIES)])
        pooled_p.append(predicted)
    if len(files) > 1:
        pr = precision_recall(
            pd.concat(pooled_e, ignore_index=True), pd.concat(pooled_p, ignore_index=True)
        )
        pr.insert(0, "sample", "pooled")
        tables.append(pr)
    pr_all = pd.concat(tables, ignore_index=True)
    pr_all.insert(1, "mapping_version", CATEGORY_MAPPING_VERSION)
    shares = category_shares(tasks, onet=onet)
    shares.insert(1, "mapping_version", CATEGORY_MAPPING_VERSION)
    out_dir = Path(out_dir)
    write_csv(pr_all, out_dir / "categories_precision_recall.csv")
    write_csv(shares, out_dir / "categories_shares.csv")
    logger.info("wrote category reports to %s", out_dir)
    return {"precision_recall": pr_all, "shares": shares}


def main(argv=None) -> int:
    """``python -m exposure.scoring.categories report [--hand-checked F] [--out-dir D]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m exposure.scoring.categories")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("report", help="write precision/recall and share reports")
    p.add_argument("--hand-checked", default="tests/data/categories/hand_checked_v1.csv")
    p.add_argument("--out-dir", default="data/processed/reports")
    p.add_argument("--mirror", default=None)
    p.add_argument("--data-dir", default=None)
    args = parser.parse_args(argv)
    tables = write_category_reports(
        args.hand_checked, args.out_dir, mirror=args.mirror, data_dir=args.data_dir
    )
    for name, table in tables.items():
        print(f"== {name}")
        print(table.to_string(index=False))
    print(f"wrote {args.out_dir}/categories_precision_recall.csv and categories_shares.csv")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
