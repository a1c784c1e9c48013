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
2. **Text rules** on the task statement (:data:`TEXT_RULES`, matched by the shared rule
   matcher :mod:`exposure.scoring._rules`), for every task; they are the only evidence for
   tasks without DWAs.

A category is set when any rule of that category fires; ``entry_creative`` is then kept
only when the occupation's job zone is known and at most 3 (from ``onet`` or from a
``job_zone`` column of the frame). See ``docs/methods/categories.md``; the validation
reports (precision and recall on hand-checked samples, shares of all O*NET tasks) are in
:mod:`exposure.reports.categories`.
"""

from __future__ import annotations

import csv
import importlib.resources
import logging
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from exposure._measures import CATEGORIES
from exposure.errors import DataFormatError
from exposure.scoring._inputs import (
    has_keys,
    job_zones_for,
    task_dwa_links,
    task_dwas_for,
    task_keys,
    task_texts,
)
from exposure.scoring._rules import PatternRule, RuleSet

__all__ = [
    "CATEGORIES",
    "CATEGORY_MAPPING_VERSION",
    "ENTRY_CREATIVE_MAX_JOB_ZONE",
    "TEXT_RULES",
    "TextRule",
    "load_category_mapping",
    "tag_categories",
    "explain_categories",
]

logger = logging.getLogger(__name__)

#: Version of the shipped work-activity -> category mapping (file ``mapping-v1.csv``).
CATEGORY_MAPPING_VERSION = "v1"

#: Highest O*NET Job Zone counted as "little required preparation" for entry_creative.
ENTRY_CREATIVE_MAX_JOB_ZONE = 3


@dataclass(frozen=True)
class TextRule(PatternRule):
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

    Examples
    --------
    >>> TextRule("x", "admin", r"\\bfile\\b", "filing").search("File reports.")
    True
    """

    rule_id: str
    category: str
    pattern: str
    note: str


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


_TEXT_RULESET = RuleSet(rule.pattern for rule in TEXT_RULES)


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
    texts = task_texts(frame, text_column)
    mapping = load_category_mapping()
    by_dwa, by_iwa = _mapping_index(mapping)
    dwas = task_dwas_for(frame, onet)
    zones = job_zones_for(frame, onet)
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
        text rules in one pass (:class:`exposure.scoring._rules.RuleSet`: RE2's filtered
        matching for printable ASCII texts), and the work-activity mapping is resolved
        once per DWA; no explanation strings are built.

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
    texts = task_texts(frame, text_column)
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
            zones = job_zones_for(frame, onet)
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
    if onet is None or not has_keys(frame):
        return None
    links, dwa_to_iwa = task_dwa_links(onet)
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
    keys = task_keys(frame)
    return np.fromiter((task_bits.get(k, 0) for k in keys), dtype=np.uint8, count=len(keys))
