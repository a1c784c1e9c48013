"""The ``rubric`` scoring method: a transparent, hand-written rule-based scorer.

It scores each task on the exposure rubric of Eloundou et al. (2023), "GPTs are GPTs":

- **E0** no exposure;
- **E1** direct exposure: an LLM used alone through a chat interface cuts the time of the
  task by at least half at equal quality;
- **E2** exposure through LLM-powered software or agents (tools, retrieval, multi-step
  workflows) that would cut the time by half.

Nothing is fitted. Every task's probabilities are the weighted mean of *evidence
vectors*, one per piece of evidence, and the ``rule`` column lists each piece:

1. **Work activities** (when an O*NET release is given and the frame carries
   ``onetsoc_code`` and ``task_id``): each of the task's detailed work activities (DWAs)
   votes with the label of its intermediate work activity (IWA) in the shipped table
   ``exposure/data/rubric/iwa_rules-v1.csv`` (one hand-written label and note per IWA,
   plus a few DWA-level overrides). Information processing, writing and analysis -> E1;
   work needing tools, data systems or multi-step software -> E2; physical, manual,
   in-person interpersonal work and equipment operation -> E0. Weight 1 per DWA.
2. **First verb** of the task statement (O*NET task statements start with an
   imperative verb), looked up in :data:`FIRST_VERBS`, also in the forms job postings
   write it (``Writes``, ``Writing``, ``To write``: :func:`_verb_of`). Weight 1.
3. **Keyword rules** anywhere in the text (:data:`KEYWORD_RULES`). Weight 1 each.
4. **Job-zone prior**: the occupation's O*NET Job Zone (from ``onet`` or a ``job_zone``
   column, a whole number from 1 to 5 as a number or text, ``"3.0"`` included: see
   :func:`exposure.scoring._inputs.check_job_zones`) gives a weak prior
   (:data:`JOB_ZONE_PRIOR`, weight :data:`PRIOR_WEIGHT`); when unknown (missing or blank)
   the prior is :data:`DEFAULT_PRIOR`.

Each label votes with a soft vector (:data:`LABEL_VECTORS`) rather than a one-hot one,
so that the output is a calibrated-looking distribution and never exactly 0 or 1.
See ``docs/methods/rubric.md``; its agreement with the human labels is reported by
:mod:`exposure.reports.rubric`.
"""

from __future__ import annotations

import csv
import importlib.resources
import logging
import os
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from exposure._measures import LABELS, PROBA_COLUMNS
from exposure.errors import DataFormatError
from exposure.scoring._features import normalise_texts
from exposure.scoring._inputs import (
    DWA_TABLES,
    RowNames,
    check_onet,
    check_task_ids,
    has_keys,
    ids_without_codes,
    job_zones_for,
    key_headers_message,
    release_name,
    repeated_index_message,
    task_dwas_for,
    task_texts,
    warn_codes_not_read,
    warn_keys_not_read,
    warn_repeated_index,
    with_index_label,
    without_other_ids,
    without_views,
)
from exposure.scoring._rules import PatternRule, RuleSet, rule_texts, strip_list_marker
from exposure.scoring.categories import (
    _NEAR_COLUMNS,
    _column_key,
    _unmarked_texts,
    _warn_unread_keys,
)
from exposure.scoring.learned import check_release_columns
from exposure.scoring.reference import _check_frame_codes

__all__ = [
    "RUBRIC_VERSION",
    "LABELS",
    "LABEL_VECTORS",
    "JOB_ZONE_PRIOR",
    "DEFAULT_PRIOR",
    "PRIOR_WEIGHT",
    "FIRST_VERBS",
    "KEYWORD_RULES",
    "KeywordRule",
    "load_rubric_rules",
    "score_rubric",
]

logger = logging.getLogger(__name__)

#: Version of the shipped work-activity rule table (file ``iwa_rules-v1.csv``).
RUBRIC_VERSION = "v1"

#: Soft vote (p_e0, p_e1, p_e2) of one piece of evidence for each label.
LABEL_VECTORS = {
    "E0": (0.80, 0.10, 0.10),
    "E1": (0.15, 0.60, 0.25),
    "E2": (0.15, 0.20, 0.65),
}

#: Prior (p_e0, p_e1, p_e2) by O*NET Job Zone: more preparation, more cognitive work.
JOB_ZONE_PRIOR = {
    1: (0.80, 0.10, 0.10),
    2: (0.70, 0.12, 0.18),
    3: (0.50, 0.18, 0.32),
    4: (0.35, 0.20, 0.45),
    5: (0.35, 0.20, 0.45),
}

#: Prior when the job zone is unknown (roughly the overall label shares).
DEFAULT_PRIOR = (0.50, 0.15, 0.35)

#: Weight of the job-zone prior relative to one piece of evidence.
PRIOR_WEIGHT = 0.5


def _verbs(label: str, note: str, words: str) -> dict[str, tuple[str, str]]:
    return {w: (label, note) for w in words.split()}


#: First word of the task statement -> (label, note).
FIRST_VERBS: dict[str, tuple[str, str]] = {
    **_verbs(
        "E0",
        "physical or manual work",
        "operate drive lift load unload carry move clean wash sweep scrub vacuum repair fix "
        "replace install assemble disassemble dismantle weld solder braze cut trim prune sew "
        "stitch paint drill bore grind polish sand buff mix pour dig excavate climb cook bake "
        "fry grill season serve feed bathe groom massage harvest plant spray inspect measure "
        "adjust tend set position mount fit splice attach fasten bolt nail hammer lay spread "
        "apply insert remove stack pack package wrap stock deliver transport haul tow fuel "
        "refuel park steer navigate pilot fly sail handle place lower raise open close lock "
        "clamp thread fill empty drain pump heat cool melt cast mold press roll fold bend "
        "straighten smooth scrape chip blast coat seal caulk glue tape label mark weigh "
        "collect calibrate align wire lubricate oil shape form fabricate build construct "
        "erect demolish hang tie secure connect turn start stop pull push test check "
        "dispense immunize inject vaccinate bandage suture resuscitate rescue evacuate "
        "restrain arrest patrol guard escort sort count load unpack dress prepare",
    ),
    **_verbs(
        "E0",
        "in-person care, teaching, supervision or performance",
        "administer treat examine observe watch monitor demonstrate teach instruct train "
        "coach tutor supervise direct oversee manage coordinate care assist help greet pose "
        "play dance sing perform officiate hunt trap butcher slaughter diagnose prescribe "
        "confer meet discuss negotiate interview counsel lead participate attend "
        "accompany visit travel",
    ),
    **_verbs(
        "E1",
        "writing, reading, explaining or planning",
        "write draft edit proofread translate interpret summarize compose review read study "
        "explain answer respond advise recommend develop plan propose evaluate critique "
        "revise formulate outline document present consult inform notify communicate "
        "correspond create establish define determine identify assess report publish "
        "promote advertise market brief transcribe design devise conceive select",
    ),
    **_verbs(
        "E2",
        "data, records, scheduling or transactions through software",
        "schedule enter record compile analyze analyse calculate compute process track "
        "search retrieve order purchase procure reconcile verify audit bill invoice code "
        "program configure update file book reserve estimate forecast model map simulate "
        "tabulate catalog catalogue classify index archive query research gather obtain "
        "locate register enroll issue approve authorize allocate budget post log digitize "
        "requisition replenish investigate",
    ),
}
# British spellings of the verbs above (O*NET writes American English): ``Summarise``,
# ``Enrol`` and ``Mould`` found no verb (``Enrol students`` scored E0, ``Enroll`` E2)
FIRST_VERBS.update({verb[:-2] + "se": FIRST_VERBS[verb] for verb in list(FIRST_VERBS)
                    if verb.endswith(("ize", "yze")) and verb[:-2] + "se" not in FIRST_VERBS})
FIRST_VERBS.update({"enrol": FIRST_VERBS["enroll"], "mould": FIRST_VERBS["mold"]})


@dataclass(frozen=True)
class KeywordRule(PatternRule):
    """A keyword rule of the rubric: a regular expression that votes for one label.

    Attributes
    ----------
    rule_id : str
        Identifier shown in the ``rule`` column.
    label : str
        ``"E0"``, ``"E1"`` or ``"E2"``.
    pattern : str
        Case-insensitive regular expression searched anywhere in the task text.
    note : str
        What the rule stands for.

    Examples
    --------
    >>> rule = KeywordRule("kw:x", "E2", r"\\bspreadsheets?\\b", "spreadsheets")
    >>> rule.search("Update spreadsheets weekly.")
    True
    """

    rule_id: str
    label: str
    pattern: str
    note: str


#: Keyword rules, each adding one vote when it fires.
KEYWORD_RULES: tuple[KeywordRule, ...] = (
    KeywordRule(
        "kw:software",
        "E2",
        r"\b(computers?|computeri[sz]ed|software|databases?|spreadsheets?|online|electronic(ally)?"
        r"|information systems?|internet|web ?sites?|digital|e-?mail(s|ed|ing)?)\b",
        "mentions computers, software or databases",
    ),
    KeywordRule(
        "kw:records",
        "E2",
        r"\b(records|files|logs|ledgers?|inventor(y|ies)|schedules|appointments?|invoices?"
        r"|payroll|accounts|transactions?|bookings?|reservations?)\b",
        "records, schedules, accounts or transactions kept in systems",
    ),
    KeywordRule(
        "kw:data",
        "E2",
        r"\b(data|statistic\w*|analy[sz]\w*|forecasts?|trends|models?|calculations?)\b",
        "data analysis",
    ),
    KeywordRule(
        "kw:writing",
        "E1",
        r"\b(writ\w*|draft\w*|edit(s|ing)?|proofread\w*|translat\w*|summar\w*|reports?"
        r"|letters|correspondence|documents?|documentation|articles?|manuals?|proposals?"
        r"|memos?|speeches|scripts?|briefs?|policies|procedures|guidelines|plans?)\b",
        "writing and documents",
    ),
    KeywordRule(
        "kw:explain",
        "E1",
        r"\b(explain\w*|inform\w*|advise\w*|answer\w*|questions|[ei]nquiries|recommend\w*"
        r"|instructions|information)\b",
        "explaining or giving information",
    ),
    KeywordRule(
        "kw:physical",
        "E0",
        r"\b(hand tools|power tools|machines?|machinery|vehicles?|tools|trucks?|forklifts?"
        r"|hoists?|cranes?|wrenches|hammers?|welding|torch\w*|gauges?|pipes?|wires?|wiring"
        r"|engines?|furnaces?|ovens?|soil|concrete|lumber|metal|livestock|crops|food)\b",
        "physical objects, tools or machines",
    ),
    KeywordRule(
        "kw:in_person",
        "E0",
        r"\b(patients?|in person|face[- ]to[- ]face|on site|on-site|at the scene|bedside"
        r"|children|residents|inmates|passengers|athletes|animals?|guests|crowds?)\b",
        "in-person work with people or animals",
    ),
)

_ID_RE = re.compile(r"^[0-9]+(\.[A-Za-z0-9]+)*\Z")


def load_rubric_rules(version: str = RUBRIC_VERSION) -> pd.DataFrame:
    """Read the shipped work-activity rule table.

    Parameters
    ----------
    version : str, default :data:`RUBRIC_VERSION`
        Table version; the file is ``exposure/data/rubric/iwa_rules-<version>.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``level`` (``"iwa"`` or ``"dwa"``), ``id``, ``label`` (E0/E1/E2), ``note``.

    Raises
    ------
    exposure.errors.DataFormatError
        Unknown version, or a malformed or duplicated row (naming file, row, column).

    Examples
    --------
    >>> rules = load_rubric_rules()
    >>> int((rules["level"] == "iwa").sum())
    332
    >>> sorted(rules["label"].unique())
    ['E0', 'E1', 'E2']
    """
    folder = importlib.resources.files("exposure").joinpath("data", "rubric")
    known = sorted(p.name[len("iwa_rules-"):-len(".csv")] for p in folder.iterdir()
                   if p.name.startswith("iwa_rules-") and p.name.endswith(".csv"))
    if not isinstance(version, str) or version not in known:
        # a path, a number or another name: it was joined into a file name of the package
        # ('.../iwa_rules-/home/me/rules.csv.csv: no rubric rule table version ...')
        path_like = isinstance(version, (str, os.PathLike)) and (
            "/" in os.fspath(version) or "\\" in os.fspath(version) or os.fspath(version).endswith(".csv"))
        hint = (": load_rubric_rules takes the version of a table shipped with the package, not a file"
                if path_like else "")
        raise DataFormatError(f"no rubric rule table version {version!r} (the versions are "
                              f"{', '.join(map(repr, known))}){hint}")
    resource = folder.joinpath(f"iwa_rules-{version}.csv")
    with resource.open("r", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    expected = ["level", "id", "label", "note"]
    seen = set()
    for line, row in enumerate(rows, start=2):
        if list(row) != expected:
            raise DataFormatError(f"expected columns {expected}", path=str(resource), row=line)
        if row["level"] not in ("iwa", "dwa"):
            raise DataFormatError(
                f"level must be 'iwa' or 'dwa', got {row['level']!r}",
                path=str(resource), row=line, column="level",
            )
        if not _ID_RE.match(row["id"] or ""):
            raise DataFormatError(
                f"bad work-activity id {row['id']!r}", path=str(resource), row=line, column="id"
            )
        if row["label"] not in LABELS:
            raise DataFormatError(
                f"label must be E0, E1 or E2, got {row['label']!r}",
                path=str(resource), row=line, column="label",
            )
        if (row["level"], row["id"]) in seen:
            raise DataFormatError(f"duplicate id {row['id']!r}", path=str(resource), row=line)
        seen.add((row["level"], row["id"]))
    return pd.DataFrame(rows, columns=expected).astype(str)


_FIRST_WORD = re.compile(r"\W*([A-Za-z]+)")


def _first_word(text: str) -> str:
    """The first word of ``text``, lower-cased, after a list marker (``""`` if none).

    O*NET's statements start with their verb; a duty copied from a numbered list starts
    with its number, which hid the verb (``1. Write press releases.`` had none), or with
    a letter read as the verb (``(a) Operate ...`` gave ``a``).

    Examples
    --------
    >>> [_first_word(t) for t in ("Write memos.", "1. Write memos.", "(a) Operate a lift.",
    ...                           "2.3 Sort mail.", "A forklift is driven.", "U.S. forms filed.")]
    ['write', 'write', 'operate', 'sort', 'a', 'u']
    """
    match = _FIRST_WORD.match(strip_list_marker(text))
    return match.group(1).lower() if match else ""


#: The first word, with a part after a hyphen (``Co-ordinate``: the British spelling).
_HEAD = re.compile(r"\W*([A-Za-z]+(?:-[A-Za-z]+)?)")
#: The word after a leading ``to`` (``To maintain records.``: a duty as UK postings write it).
_AFTER_TO = re.compile(r"\W*to\s+([A-Za-z]+(?:-[A-Za-z]+)?)", re.IGNORECASE)


def _verb_of(text: str) -> str | None:
    """The verb of :data:`FIRST_VERBS` that heads ``text`` (after a list marker), or None.

    O*NET's statements start with the verb in the imperative (``Write``); job postings
    write the same duty in the third person (``Writes``, ``Carries``, ``Washes``), as a
    gerund (``Writing``, ``Planning``, ``Filing``) or after ``to`` (``To write``), and
    those forms found no verb: the task lost that vote, without a word (``Writes press
    releases.`` p_e1 0.45 for 0.51). Each form is read as its verb when the verb is in
    :data:`FIRST_VERBS`; no O*NET 29.1 statement starts with such a form, so their scores
    are unchanged. A first word spelt with a hyphen is read as one word when that is a
    verb (``Co-ordinate``, ``Co-ordinating``: the British spelling of ``coordinate``,
    which found no verb, read as ``co``), else as the part before the hyphen, as before
    (``Heat-treat`` is ``heat``); no O*NET 29.1 statement starts with such a word.

    Examples
    --------
    >>> [_verb_of(t) for t in ("Writes memos.", "Carries loads.", "Washes cars.", "Writing memos.",
    ...                        "Planning events.", "Filing records.", "To write memos.", "Sales grew.")]
    ['write', 'carry', 'wash', 'write', 'plan', 'file', 'write', None]
    >>> _verb_of("1. Prepares invoices."), _verb_of("Thing"), _verb_of("A forklift is driven.")
    ('prepare', None, None)
    >>> [_verb_of(t) for t in ("Co-ordinate rotas.", "Co-ordinates events.", "To co-ordinate staff.",
    ...                        "Heat-treat metal.", "Re-enter data.", "To-do lists.")]
    ['coordinate', 'coordinate', 'coordinate', 'heat', None, None]
    """
    text = strip_list_marker(text)
    match = _HEAD.match(text)
    word = match.group(1).lower() if match else ""
    if word == "to":
        match = _AFTER_TO.match(text)
        word = match.group(1).lower() if match else word
    if "-" in word:
        return _verb_form(word.replace("-", "")) or _verb_form(word.partition("-")[0])
    return _verb_form(word)


def _verb_form(word: str) -> str | None:
    """``word`` (lower case) as a verb of :data:`FIRST_VERBS`: itself, or its imperative.

    Examples
    --------
    >>> _verb_form("writes"), _verb_form("travelling"), _verb_form("ties"), _verb_form("sales")
    ('write', 'travel', 'tie', None)
    """
    if word in FIRST_VERBS:
        return word
    forms = []
    if word.endswith("s") and not word.endswith("ss"):  # third person
        forms.append(word[:-1])  # writes
        if word.endswith("es"):
            forms.append(word[:-2])  # washes, fixes
        if word.endswith("ies"):
            forms.append(word[:-3] + "y")  # carries
    elif word.endswith("ing") and len(word) > 4:  # gerund
        stem = word[:-3]
        forms += [stem, stem + "e"]  # entering, writing
        if stem[-1] == stem[-2]:
            forms.append(stem[:-1])  # planning, travelling
        if stem.endswith("y"):
            forms.append(stem[:-1] + "ie")  # tying
    return next((form for form in forms if form in FIRST_VERBS), None)


_KEYWORD_RULESET = RuleSet(rule.pattern for rule in KEYWORD_RULES)


def _check_keys(frame: pd.DataFrame) -> None:
    """Raise on the first row whose keys a release cannot look up (rows counted from 1).

    With ``onet``, :func:`score_rubric` looks up each task's work activities by
    (``onetsoc_code``, ``task_id``) and its job zone by code: a code not of the form
    ``00-0000.00`` (``"47-2061"``, ``" 47-2061.00"``) or a task ID that is not an integer
    of 0 or more (``True``, ``7.5``, ``"x"``; ``-1`` and bytes ``b'7'``, refused by
    ``score_tasks`` and ``tag_categories`` by one rule,
    :func:`exposure.scoring._inputs.check_task_ids`; a complex number raised
    numpy's ``TypeError``) matched nothing, and that evidence was left out without a
    word. ``score_tasks`` refuses such keys before scoring. A missing key passes (no
    look-up); of a bad code and a bad task ID, the earlier row is raised.

    Examples
    --------
    >>> _check_keys(pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [7, True]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task_id': task ID True is not an integer
    >>> _check_keys(pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [7, -7]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task_id': task ID -7 is negative; O*NET task IDs are 0 or more
    """
    found = []
    try:
        _check_frame_codes(frame)
    except DataFormatError as exc:
        found.append(exc)
    if has_keys(frame):
        try:
            check_task_ids(frame["task_id"])  # the rule of score_tasks and tag_categories
        except DataFormatError as exc:
            found.append(exc)
    if found:
        raise min(found, key=lambda exc: exc.row)


#: The warning of :func:`score_rubric` on a frame with its job zones under another name (in its
#: name, as its other warnings: it began ``no 'job_zone' column``, naming no function).
JOB_ZONE_NAME_MESSAGE = ("score_rubric: no 'job_zone' column, but the frame has %r (O*NET's header?): the rubric "
                         "does not read it (the rows get the prior of onet's job zone, or of an unknown one); "
                         "rename that column 'job_zone'")


def _warn_job_zone_name(frame: pd.DataFrame) -> None:
    """Warn when ``frame`` has its job zones under another spelling than ``job_zone``.

    A task list joined with O*NET's ``Job Zones`` file has them under ``Job Zone``: the
    column was not read and every row got the prior of an unknown zone (or of ``onet``'s),
    without a word, while ``tag_categories`` warns of it and ``exposure score`` reads it
    (:data:`exposure.scoring._files.ONET_HEADER_ALIASES`). The spellings are those
    ``tag_categories`` knows (``Job Zone``, ``JOB_ZONE``, ``jobzone``). For
    :func:`score_rubric` called directly; :func:`exposure.scoring.score_tasks` warns of
    such columns for every method itself (and not for one batch of a larger input, whose
    callers rename O*NET's headers first).
    """
    if "job_zone" in frame.columns:
        return
    near = [c for c in frame.columns if isinstance(c, str) and _column_key(c) in _NEAR_COLUMNS["job_zone"]]
    if near:
        logger.warning(JOB_ZONE_NAME_MESSAGE, near[0])


#: The warning of :func:`score_rubric` (with ``onet``) on a frame with its task keys under O*NET's headers.
KEY_HEADERS_MESSAGE = key_headers_message("score_rubric", "the rows were scored from their text alone, without "
                                          "the work activities and job zones of the O*NET tasks these keys name")
#: The warning of :func:`score_rubric` on a frame whose index repeats a label (as :func:`score_tasks` warns).
REPEATED_INDEX_MESSAGE = repeated_index_message("score_rubric")
#: The warning of :func:`score_rubric` (with ``onet``) on a frame with its task keys in its index.
KEY_LEVELS_MESSAGE = ("score_rubric: no %s column, but the frame's index has the level(s) %s: the index is not "
                      "read, so the rows were scored from their text alone, without the work activities and job "
                      "zones of the O*NET tasks these keys name; frame.reset_index() makes them columns")


#: The warning of :func:`score_rubric` with ``onet`` on a frame of task IDs without O*NET-SOC codes.
IDS_WITHOUT_CODES_MESSAGE = ("score_rubric: no 'onetsoc_code' column: the task IDs of 'task_id' (%d row(s)) are not "
                             "read, as %s's work activities are keyed by onetsoc_code and task_id, so the rows were "
                             "scored from their text alone; add the rows' O*NET-SOC codes as a column 'onetsoc_code' "
                             "to have them scored with those O*NET tasks' work activities")


def _warn_key_headers(frame: pd.DataFrame, onet, text_column="task") -> None:
    """Warn when ``onet`` is given and ``frame`` holds its task keys under other names or in its index.

    O*NET's ``Task Statements`` read with pandas (``O*NET-SOC Code``, ``Task ID``), or a
    frame indexed by its keys (``set_index(["onetsoc_code", "task_id"])``), were scored
    from their text alone, without a word, while ``score_tasks`` warns of them (and the
    file readers rename the headers). So were codes under another name (``onet_code``:
    :func:`~exposure.scoring._inputs.warn_codes_not_read`) and task IDs without a code
    column (:data:`IDS_WITHOUT_CODES_MESSAGE`), of which ``score_tasks`` and the tagger
    warn. Without ``onet`` no key is read, so nothing is said.
    """
    if onet is None:
        return
    warn_keys_not_read(frame, logger, KEY_HEADERS_MESSAGE, KEY_LEVELS_MESSAGE)
    if warn_codes_not_read(frame, "score_rubric", skip=(text_column,), log=logger):  # in score_tasks' words
        return
    n = ids_without_codes(frame, (text_column,))  # 0 where another warning names the codes
    if n:
        logger.warning(IDS_WITHOUT_CODES_MESSAGE, n, release_name(onet))


def _read_inputs(frame: pd.DataFrame, text_column, onet) -> tuple[pd.DataFrame, list, list, list]:
    """``(frame, texts, dwas, zones)`` of :func:`score_rubric`: its inputs checked and read.

    ``frame`` without the task IDs of other tasks than their text, ``texts`` as the text
    rules read them, each row's (DWA, IWA) links and job zone. Rows are counted from 1 in
    errors; :func:`score_rubric` adds the index label of a frame with labels of its own
    to each (the text check named ``(index 1)`` for a default index, the code, task ID
    and job-zone checks no label at all).
    """
    frame = without_views(frame)  # Polars' string_view keys: ``NotImplementedError`` from inside pandas
    texts = task_texts(frame, text_column, show_index=False, what="frame")
    # "&nbsp;" alone (an empty cell of a web page) was scored as a task, the prior alone
    _unmarked_texts(texts, column=text_column)  # (refused by tag_categories and score_tasks)
    check_onet(onet, DWA_TABLES)  # a release name or a table was ignored without task keys
    check_release_columns(onet, DWA_TABLES)  # a made-up release without dwa_id: ``KeyError``
    if onet is not None:  # keys of another form looked up nothing, silently
        _check_keys(frame)
    names = RowNames.of(frame, texts)  # the warning quotes the text as written, names the label
    texts = normalise_texts(texts)  # as score_tasks reads them: ``Ｗｒｉｔｅ`` matched no rule
    if onet is not None:  # the caller's own task ID 2 under a real code: another task's work
        # activities scored the text (as score_tasks)
        frame = without_other_ids(frame, texts, onet, names=names)
    texts = rule_texts(texts)  # ``in\nperson``, ``e–mail``: the rules' words, one way spelt
    return frame, texts, task_dwas_for(frame, onet), job_zones_for(frame, onet)


def score_rubric(
    frame: pd.DataFrame, *, text_column: str = "task", onet=None
) -> pd.DataFrame:
    """Score tasks with the hand-written, explainable E0/E1/E2 rubric.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per task with a text column; optionally ``onetsoc_code`` and ``task_id``
        (to use the task's O*NET work activities), ``title`` (ignored) and ``job_zone``.
        Columns of Arrow's ``string_view`` (Polars, DuckDB) are read as ``large_string``.
    text_column : str, default "task"
        Column holding the task statement.
    onet : exposure.onet.OnetRelease or object, optional
        Anything with ``task_dwas`` [onetsoc_code, task_id, dwa_id], ``dwas`` [dwa_id,
        iwa_id] and ``occupations`` or ``job_zones`` [onetsoc_code, job_zone]. Without it
        (or without the key columns) only the text rules and a ``job_zone`` column are used.
        Anything else (a release name such as ``"29.1"``, one of its tables, a dict) is
        refused, with or without key columns.

    Returns
    -------
    pandas.DataFrame
        Same index as ``frame``; float columns ``p_e0``, ``p_e1``, ``p_e2`` (summing to 1)
        and ``rule``: every piece of evidence that fired, separated by ``"; "``, e.g.
        ``"iwa 4.A.3.a.4.I01 -> E0 (driving or piloting); verb 'drive' -> E0 (physical or
        manual work); job zone 2 prior"``.

    Raises
    ------
    exposure.errors.DataFormatError
        When the text column is missing or a cell is empty or not a string (or holds no
        letter or digit once its HTML character references are read: ``&nbsp;``), or a
        ``job_zone`` is not a whole number from 1 to 5 (``3``, ``3.0`` and ``"3.0"`` are
        zone 3; a missing or blank cell is unknown: ``onet``'s zone, if any); repeated or
        multi-level column names; an ``onet`` without ``task_dwas`` and ``dwas`` frames,
        or whose ``task_dwas`` lacks ``onetsoc_code``, ``task_id`` or ``dwa_id`` or whose
        ``dwas`` lacks ``dwa_id`` or ``iwa_id``
        (:func:`exposure.scoring.learned.check_release_columns`); with ``onet``, an
        ``onetsoc_code`` not of the form ``00-0000.00`` or a ``task_id`` that is not an
        integer (row and column named; missing keys pass), which would look up nothing.
        A bad row is counted from 1, and named by its index label too when ``frame``'s
        index is not the default ``0..n-1`` (``row 2, column 'job_zone': ... (index 20)``).

    Warns
    -----
    A frame without ``job_zone`` whose job zones are under another spelling (``Job Zone``,
    O*NET's header; ``JOB_ZONE``) gets one warning (:data:`JOB_ZONE_NAME_MESSAGE`): that
    column is not read. With ``onet``, so does a frame without ``onetsoc_code`` or
    ``task_id`` that holds them under another spelling (``O*NET-SOC Code``, ``Task ID``:
    O*NET's file read with pandas; :data:`KEY_HEADERS_MESSAGE`) or as levels of its index
    (:data:`KEY_LEVELS_MESSAGE`). With ``onet``, coded rows whose work activities or job
    zone the release cannot give are warned of as :func:`exposure.score_tasks` warns of
    them (:func:`~exposure.scoring.categories._warn_unread_keys`): a code the release's
    ``occupations`` lack (an older release's ``15-1132.00``), a task ID it does not list
    under its code, a coded row without a task ID. Called directly, such rows were
    scored from their text alone without a word. A frame whose index repeats a label
    gets one warning (:data:`REPEATED_INDEX_MESSAGE`, as ``score_tasks`` warns): the scores
    keep that index, and ``df.join(score_rubric(df))`` pairs each row of a repeated label
    with every row of it.

    Notes
    -----
    Texts are read as ``score_tasks`` reads them
    (:func:`~exposure.scoring._features.normalise_text`): full-width
    letters, soft hyphens, zero-width characters and ligatures in their plain form, and
    Unicode hyphens (U+2010, U+2011) as ``-``; for the text rules, any run of white space
    (a line break, a tab, two spaces) is one space and an en dash, figure dash or minus
    sign between two letters is ``-`` (:func:`~exposure.scoring._rules.rule_texts`).

    Examples
    --------
    >>> tasks = pd.DataFrame({"task": ["Weld steel beams using torches.",
    ...                                "Write press releases.",
    ...                                "Enter customer data into databases."]})
    >>> out = score_rubric(tasks)
    >>> out[["p_e0", "p_e1", "p_e2"]].idxmax(axis=1).tolist()
    ['p_e0', 'p_e1', 'p_e2']
    >>> out.loc[0, "rule"]
    "verb 'weld' -> E0 (physical or manual work); kw:physical -> E0 (physical objects, tools or machines); job zone unknown prior"
    >>> bool(np.allclose(out[["p_e0", "p_e1", "p_e2"]].sum(axis=1), 1.0))
    True
    """
    out = rubric_scores(frame, text_column=text_column, onet=onet)
    # the scores keep the frame's index: df.join(score_rubric(df)) by a repeated label duplicated rows
    # (not said by the reports, which read the scores by position: rubric_scores)
    warn_repeated_index(frame, logger, REPEATED_INDEX_MESSAGE)
    return out


def rubric_scores(frame: pd.DataFrame, *, text_column: str = "task", onet=None, path=None,
                  row_offset: int = 1) -> pd.DataFrame:
    """:func:`score_rubric`, its warnings naming the rows of ``frame`` in ``path`` from ``row_offset``.

    For the reports that read ``frame`` from a file (the label set): a coded row the release
    cannot give work activities for is named in that file, once.
    """
    out = _score_rubric(frame, text_column=text_column, onet=onet)
    _warn_job_zone_name(frame)  # ``Job Zone`` (O*NET's header) was not read, without a word
    _warn_key_headers(frame, onet, text_column)  # nor were ``O*NET-SOC Code`` and ``Task ID``
    # a code the release lacks had no work activities, without a word
    _warn_unread_keys(frame, onet, path=path, row_offset=row_offset)
    return out


def _score_rubric(frame: pd.DataFrame, *, text_column: str = "task", onet=None) -> pd.DataFrame:
    """:func:`score_rubric` without its warning of a ``Job Zone`` column (``score_tasks`` gives its own)."""
    original = frame
    try:
        frame, texts, dwas, zones = _read_inputs(frame, text_column, onet)
    except DataFormatError as exc:  # a bad row of the caller's frame: its index label too
        named = with_index_label(exc, original)
        if named is exc:
            raise
        raise named from None
    rules = load_rubric_rules()
    by_iwa = {i: (lab, note) for lvl, i, lab, note in rules.itertuples(index=False) if lvl == "iwa"}
    by_dwa = {i: (lab, note) for lvl, i, lab, note in rules.itertuples(index=False) if lvl == "dwa"}
    n = len(texts)
    label_index = {label: k for k, label in enumerate(LABELS)}
    none = len(LABELS)  # index of the all-zero vector: padding / no vote
    # votes[none] is zero, so adding it leaves a sum unchanged (x + 0.0 == x): summing the
    # padded vote columns left to right adds each task's votes in the same order, with the
    # same floating-point roundings, as one task at a time.
    votes = np.vstack([np.array(LABEL_VECTORS[k], dtype=float) for k in LABELS] + [np.zeros(3)])

    # work activities: one evidence part and vote per distinct (DWA, IWA) link
    link_info: dict[tuple[str, str], tuple[str, int]] = {}
    dwa_text = [""] * n
    n_dwa_cols = max((len(d) for d in dwas), default=0)
    dwa_votes = np.full((n, n_dwa_cols), none, dtype=np.intp)
    dwa_counts = np.zeros(n, dtype=np.intp)
    for i, task_dwas in enumerate(dwas):
        if not task_dwas:
            continue
        parts = []
        col = 0
        for link in task_dwas:
            info = link_info.get(link)
            if info is None:
                dwa, iwa = link
                if dwa in by_dwa:
                    label, note = by_dwa[dwa]
                    info = (f"dwa {dwa} -> {label} ({note})", label_index[label])
                elif iwa in by_iwa:
                    label, note = by_iwa[iwa]
                    info = (f"iwa {iwa} -> {label} ({note})", label_index[label])
                else:
                    info = (f"dwa {dwa} not in rule table", none)
                link_info[link] = info
            parts.append(info[0])
            if info[1] != none:
                dwa_votes[i, col] = info[1]
                col += 1
        dwa_text[i] = "; ".join(parts)
        dwa_counts[i] = col

    # text: first verb and keyword rules, once per distinct text
    codes, uniques, found = _KEYWORD_RULESET.match(texts)
    n_text_cols = 1 + len(KEYWORD_RULES)
    text_votes = np.full((len(uniques), n_text_cols), none, dtype=np.intp)
    text_counts = np.zeros(len(uniques), dtype=np.intp)
    text_part = [""] * len(uniques)
    for u, (text, hits) in enumerate(zip(uniques, found, strict=True)):
        parts = []
        col = 0
        verb = _verb_of(text)
        if verb is not None:
            label, note = FIRST_VERBS[verb]
            parts.append(f"verb {verb!r} -> {label} ({note})")
            text_votes[u, col] = label_index[label]
            col += 1
        for j in hits:
            rule = KEYWORD_RULES[j]
            parts.append(f"{rule.rule_id} -> {rule.label} ({rule.note})")
            text_votes[u, col] = label_index[rule.label]
            col += 1
        text_part[u] = "; ".join(parts)
        text_counts[u] = col

    # job-zone prior
    priors = np.empty((n, 3), dtype=float)
    zone_part = [""] * n
    for i, jz in enumerate(zones):
        if jz is not None and jz in JOB_ZONE_PRIOR:
            priors[i] = JOB_ZONE_PRIOR[jz]
            zone_part[i] = f"job zone {jz} prior"
        else:
            priors[i] = DEFAULT_PRIOR
            zone_part[i] = "job zone unknown prior"

    total = np.zeros((n, 3), dtype=float)
    for col in range(n_dwa_cols):
        total += votes[dwa_votes[:, col]]
    codes_list = codes.tolist()
    for col in range(n_text_cols):
        total += votes[text_votes[codes, col]]
    total += PRIOR_WEIGHT * priors
    weight = (dwa_counts + text_counts[codes]).astype(float) + PRIOR_WEIGHT
    probs = total / weight[:, None]
    explanations = [
        "; ".join(p for p in (d, text_part[c], z) if p)
        for d, c, z in zip(dwa_text, codes_list, zone_part, strict=True)
    ]

    probs = probs / probs.sum(axis=1, keepdims=True) if len(frame) else probs
    out = pd.DataFrame(probs, columns=list(PROBA_COLUMNS), index=frame.index)
    out["rule"] = pd.Series(explanations, index=frame.index, dtype=object)
    logger.debug("rubric scored %d tasks", len(out))
    return out
