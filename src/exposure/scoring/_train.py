"""Training and grouped cross-validation of the ``learned`` scorer (needs scikit-learn).

scikit-learn (the ``train`` extra) is used only to fit vocabularies, idf weights and the
logistic regressions; features are always built with the numpy/scipy vectorisers of
:mod:`exposure.scoring._features`, so training and inference share one code path.
Everything is deterministic for a fixed seed: the fold assignment (grouped by SOC
6-digit code), the solver (L-BFGS, run on one BLAS thread whatever the machine, so that
its sums add in one order) and the temperature fit.
"""

from __future__ import annotations

import csv
import dataclasses
import errno
import hashlib
import io
import json
import logging
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import optimize, sparse

from exposure._args import (
    as_real,
    as_shown,
    check_count,
    check_flag,
    check_path,
    check_positive,
    choice_hint,
    is_number,
    shown,
)
from exposure._io import (
    atomic_paths,
    check_output_path,
    pinnable_name,
)
from exposure._measures import CORE_WEIGHT, LABELS, OTHER_WEIGHT
from exposure._outdir import OutputPathError, check_output_file, refuse_spaces
from exposure._tables import (
    check_field_counts,
    check_file,
    check_header,
    check_no_nul,
    check_pairs,
    check_published_separator,
    decode_text,
    drop_empty_tail,
    task_id_numbers,
)
from exposure._threads import one_blas_thread
from exposure.errors import DataFormatError, ExposureError, OutputError
from exposure.measures.eloundou import check_task_labels, labels_location, read_task_labels
from exposure.scoring._distill import check_model_dir, distill_vectors
from exposure.scoring._embed import VECTORS_NAME, StaticVectors, load_vectors, save_vectors
from exposure.scoring._evaluate import agreement, label_hint
from exposure.scoring._features import CharTfidf, WordTfidf
from exposure.scoring._inputs import (
    bad_task_types,
    check_columns,
    check_onet,
    column_key,
    task_type_hint,
)
from exposure.scoring.categories import _warn_unread_keys
from exposure.scoring.learned import (
    BLOCKS,
    MODEL_NAME,
    REGISTRY_NAME,
    LearnedModel,
    frame_codes,
    ground_in_neighbours,
    occupation_groups,
    read_registry,
    save_model,
    shipped_model_path,
    task_dwa_lookup,
    update_registry,
)
from exposure.scoring.retrieval import INDEX_NAME, TaskIndex, build_index, save_index
from exposure.scoring.transformer import MODEL_NAME as TRANSFORMER_NAME

__all__ = [
    "TrainConfig",
    "training_frame",
    "index_frame",
    "fit_model",
    "grouped_folds",
    "check_two_groups",
    "check_fold_count",
    "check_label_task_types",
    "checked_config",
    "check_class_groups",
    "check_fold_classes",
    "cross_validate",
    "fit_temperature",
    "train_learned",
    "TrainedModel",
    "check_train_output",
    "train_and_save",
    "modern_training_rows",
    "task_key",
    "checked_task_labels",
    "check_label_texts",
    "spelt_otherwise",
]

#: Package file of the hand-labelled modern task statements the ``free`` set also learns
#: from (:func:`modern_training_rows`).
MODERN_TRAINING = ("data", "training", "modern_tasks.csv")

#: The coefficient sets of the ``learned`` scorer (:class:`TrainConfig`): O*NET ids with work
#: activities, text with an occupation, text alone.
SETS = ("onet", "text", "free")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainConfig:
    """Hyper-parameters of the ``learned`` scorer (chosen by grouped 5-fold CV).

    Attributes
    ----------
    sets : dict
        Feature blocks of each coefficient set: ``onet`` (O*NET tasks with their work
        activities), ``text`` (free text with an occupation title or code) and ``free``
        (text alone). ``onet`` is fitted first: its probabilities are what the retrieved
        neighbours of the ``grounded`` block carry.
    C : dict
        Inverse L2 penalty of the logistic regression of each set. The text-alone set
        ``free`` is penalised twice as hard as the others (C 1.0): under grouped CV
        (seeds 0 and 1) that keeps its agreement on the original statements and gains
        about .04 kappa on the paraphrases of ``tests/data/scoring/freetext`` (a model that
        leans less on single rare words is less thrown by rewording).
    weights : dict
        Multiplier of each feature block.
    word_min_df, char_min_df : int
        Minimum document frequency of word and character n-grams.
    char_ngram : tuple of int
        Character n-gram range.
    max_iter : int
        L-BFGS iterations.
    modern : bool
        Train the text-alone set ``free`` also on the package's hand-labelled modern task
        statements (:func:`modern_training_rows`: 3,100 texts of 2024-2026 work, E0/E1/E2),
        in every fold of the cross-validation. Only the ``free`` set's regression sees
        them: the vocabularies and the ``onet`` and ``text`` sets are fitted on the
        labelled O*NET rows alone. Chosen under a rule written before its test sets
        existed (docs: Agreement with the human labels).
    """

    sets: dict = field(default_factory=lambda: {
        "onet": ["word", "title", "major", "activity", "context"],
        "text": ["word", "title", "major", "context", "grounded", "embed"],
        "free": ["word", "embed"],
    })
    C: dict = field(default_factory=lambda: {"onet": 2.0, "text": 2.0, "free": 1.0})
    weights: dict = field(default_factory=lambda: {"word": 1.0, "char": 1.0, "title": 1.0, "major": 1.0,
                                                   "activity": 2.0, "context": 3.0, "grounded": 1.0,
                                                   "embed": 3.0})
    word_min_df: int = 2
    char_min_df: int = 3
    char_ngram: tuple = (2, 5)
    max_iter: int = 3000
    modern: bool = True

    def __post_init__(self) -> None:
        """Refuse hyper-parameters the fit would misread, or fail on only after minutes of work.

        Every set is one of :data:`SETS`, a list of the blocks of
        :data:`~exposure.scoring.learned.BLOCKS` (``grounded`` outside the ``onet`` set, which
        it then needs), with a ``C`` above 0; every block used has a weight of 0 or more;
        the minimum document frequencies and ``max_iter`` are whole numbers of 1 or more,
        ``char_ngram`` two of them in order, ``modern`` True or False. Before, a block name
        mistyped (``"words"``) or a set given as one string (``{"text": "word"}``, read
        letter by letter) raised ``KeyError: 'words'`` (``'w'``) when the vocabularies were
        fitted; a set of another name was fitted in every fold of the cross-validation and
        then raised ``KeyError: 'mine'`` at the end of :func:`train_learned`; a set without
        its ``C``, or a block without its weight, a ``KeyError``; ``grounded`` without an
        ``onet`` set ``KeyError: 'onet'``; ``C`` ``"2"`` scikit-learn's
        ``InvalidParameterError``, a weight NaN or ``char_ngram=(5, 2)`` its ``ValueError``;
        ``max_iter=0`` gave a model of untrained coefficients (every probability near 1/3,
        with scikit-learn's ``ConvergenceWarning``), and ``modern="no"`` was read as True. The
        whole numbers are kept as ints (``2.0`` is 2): scikit-learn read a ``word_min_df`` or
        ``char_min_df`` of ``1.0`` as a share of the documents (every one: "After pruning, no
        terms remain"), and refused ``2.0``, a ``max_iter`` of ``100.0`` or a ``char_ngram``
        of ``(2.0, 5.0)`` only in the first fit. Each ``C`` and weight is kept as the plain
        int or float it is (a :class:`~decimal.Decimal` as the number it is, a float32 as
        the decimal it shows): a Decimal ``C`` raised scikit-learn's
        ``InvalidParameterError`` in the first fit, and a numpy weight (``np.float32(1.5)``)
        was written into the artifact as text, which :func:`~exposure.scoring.learned.load_model`
        then refused. Every weight given is checked, used or not (each is stored in the
        artifact), and one of a block that does not exist (``"contxt"``) is refused: it was
        never used, without a word.

        Examples
        --------
        >>> TrainConfig(sets={"text": ["words", "title"]}, C={"text": 2.0})
        Traceback (most recent call last):
        ...
        exposure.errors.DataFormatError: TrainConfig sets['text']: unknown feature block 'words'; the blocks are word, char, title, major, activity, context, grounded, embed
        """
        sets = self.sets
        if not isinstance(sets, dict) or not sets:
            raise DataFormatError("TrainConfig sets must be a dict of coefficient sets (onet, text, free) to "
                                  f"lists of feature blocks, e.g. {{'text': ['word', 'title']}}, got {shown(sets)}")
        for name, blocks in sets.items():
            if name not in SETS:  # fitted in every fold, then a KeyError at the end of train_learned
                raise DataFormatError(f"TrainConfig sets: unknown coefficient set {name!r}; the sets are "
                                      f"{', '.join(SETS)}{choice_hint(name, SETS)}")
            if not isinstance(blocks, (list, tuple)) or not blocks:  # "word" was read as 'w', 'o', ...
                raise DataFormatError(f"TrainConfig sets[{name!r}] must be a list of feature blocks, e.g. "
                                      f"['word', 'title'], got {shown(blocks)}")
            for block in blocks:
                if block not in BLOCKS:
                    raise DataFormatError(f"TrainConfig sets[{name!r}]: unknown feature block {block!r}; the "
                                          f"blocks are {', '.join(BLOCKS)}{choice_hint(block, BLOCKS)}")
            if "grounded" in blocks and (name == "onet" or "onet" not in sets):
                raise DataFormatError(f"TrainConfig sets[{name!r}]: the grounded block carries the onet set's "
                                      "probabilities of the retrieved O*NET tasks: give it to the text or free "
                                      "set, beside an onet set")
            C = self.C.get(name) if isinstance(self.C, dict) else None
            if C is None:
                raise DataFormatError(f"TrainConfig C has no value for the set {name!r} (the inverse penalty of "
                                      f"its regression): give one, e.g. C={{{name!r}: 2.0, ...}}")
            check_positive(C, f"TrainConfig C[{name!r}]")
        # kept as the plain number each is (the user's dict is not changed): a Decimal reached
        # scikit-learn (InvalidParameterError in the first fit), a float32 was written to the
        # artifact's metadata as text ("2.0")
        object.__setattr__(self, "C", {k: as_shown(as_real(v)) for k, v in self.C.items()})
        used = {b for blocks in sets.values() for b in blocks}
        if not isinstance(self.weights, dict):
            raise DataFormatError(f"TrainConfig weights must be a dict of feature blocks to multipliers, e.g. "
                                  f"{{'word': 1.0}}, got {shown(self.weights)}")
        weights = {k: as_shown(as_real(v)) for k, v in self.weights.items()}
        for block in weights:  # a mistyped block's weight ("contxt") was left unused, without a word
            if block not in BLOCKS:
                raise DataFormatError(f"TrainConfig weights: unknown feature block {block!r}; the blocks are "
                                      f"{', '.join(BLOCKS)}{choice_hint(block, BLOCKS)}")
        # every weight given, used or not: each is stored in the artifact, whose weights
        # load_model refuses if one is no number (a float32 or an int64 was written as text)
        for block in [*sorted(used, key=BLOCKS.index), *(b for b in weights if b not in used)]:
            weight = weights.get(block)
            if not is_number(weight) or not weight >= 0 or weight == float("inf"):
                raise DataFormatError(f"TrainConfig weights[{block!r}] must be a number of 0 or more (the "
                                      f"multiplier of the block), got {shown(self.weights.get(block))}")
        object.__setattr__(self, "weights", weights)
        for attr in ("word_min_df", "char_min_df", "max_iter"):
            # kept as int: scikit-learn read a min_df of 1.0 as a share (every document), and
            # refused 2.0 or a max_iter of 100.0 in the first fit
            object.__setattr__(self, attr, check_count(getattr(self, attr), f"TrainConfig {attr}", 1))
        given = self.char_ngram
        # Decimal(2) is 2 (it was refused); Decimal('2.5') stays as it is, refused below
        ngram = [as_real(n, whole=True) for n in given] if isinstance(given, (list, tuple)) else given
        if (not isinstance(ngram, list) or len(ngram) != 2
                or not all(is_number(n) and float(n).is_integer() and n >= 1 for n in ngram)
                or ngram[0] > ngram[1]):
            raise DataFormatError(f"TrainConfig char_ngram must be two whole numbers (shortest, longest) of 1 "
                                  f"or more, e.g. (2, 5), got {shown(given)}")
        # (2.0, 5.0): "'float' object cannot be interpreted as an integer" in the first fit
        object.__setattr__(self, "char_ngram", tuple(int(n) for n in ngram))
        check_flag(self.modern, "TrainConfig modern")

    def to_dict(self) -> dict:
        """Plain-JSON form (stored in the artifact's metadata)."""
        return {"sets": self.sets, "C": self.C, "weights": self.weights,
                "word_min_df": self.word_min_df, "char_min_df": self.char_min_df,
                "char_ngram": list(self.char_ngram), "max_iter": self.max_iter,
                "modern": self.modern}


def checked_config(config) -> TrainConfig:
    """``config``, or the default :class:`TrainConfig` for None; anything else refused.

    A dict of hyper-parameters (``{"sets": ...}``) raised ``AttributeError: 'dict' object
    has no attribute 'sets'``; its values are checked by :meth:`TrainConfig.__post_init__`.

    Examples
    --------
    >>> checked_config({"C": {"text": 1.0}})
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: config must be a TrainConfig (or None for the shipped model's), got dict: write TrainConfig(**config)
    """
    if config is None:
        return TrainConfig()
    if not isinstance(config, TrainConfig):
        hint = ": write TrainConfig(**config)" if isinstance(config, dict) else ""
        raise DataFormatError(f"config must be a TrainConfig (or None for the shipped model's), got "
                              f"{shown(config)}{hint}")
    return config


def modern_training_rows(path=None) -> pd.DataFrame:
    """The hand-labelled modern task statements the ``free`` set also learns from.

    Fifteen sets of task statements of 2024-2026 work (tickets, dashboards, prompts,
    agents, SaaS tools, and manual and care work that names its apps), written and
    labelled by hand with the rubric of Eloundou et al. (E0/E1/E2) between 2 and 6
    December 2026, the later ones blind to the scorer: the nine of trial T2, the four of
    trial T3 and the two of trial T4 (docs: Agreement with the human labels). Package data:
    ``exposure/data/training/modern_tasks.csv`` (column ``set`` names the set).

    Parameters
    ----------
    path : str or os.PathLike, optional
        Another CSV file of the same form (at least the columns ``task`` and ``label``);
        default the package's.

    Returns
    -------
    pandas.DataFrame
        Every column of the file as text, and ``y`` (class index: 0=E0, 1=E1, 2=E2).

    Raises
    ------
    exposure.errors.DataFormatError
        A file that is not CSV text, lacks ``task`` or ``label`` or has no rows; a row with
        more fields than the header (an unquoted comma in a task: pandas took the text
        before it as the index, so the rest was read as the task, or the error named the
        row below), an empty task, a label other than E0/E1/E2 or none
        (:func:`checked_task_labels`: ``' E1 '`` is E1 now, as :func:`check_modern_tasks
        <exposure.reports.agreement.check_modern_tasks>` reads it, and an empty label is
        named missing, ``got ''`` before), or a task given twice, compared by
        :func:`task_key` (``"Draft replies,"`` and ``'"Draft replies."'`` were other tasks
        than ``Draft replies.``), naming the row of the file. A ``path`` that is not a path or is empty, a missing
        file, a directory, an empty file, UTF-16 text or an HTML page
        (:func:`exposure._tables.check_file`: tracebacks, or "can't decode byte 0xff",
        before); an old ``.xls`` workbook, said to be saved as CSV (the advice was
        ".xlsx or CSV", and an ``.xlsx`` is not read); a NUL byte (read into the task
        before); a file separated by semicolons or tabs (said to lack ``task`` and
        ``label`` before); a column named twice in the
        header (``label,label``: the second was read as ``label.1`` and ignored, without a
        word). Rows of empty cells ending the file (Excel's ``,,``) are ignored, as the
        other readers ignore them (they were refused as an empty task). A column ``y``
        whose value is not the class of the row's label (it was replaced by the class,
        without a word); one that agrees (rows returned before and saved) is read, as
        a whole number or a double (``1.0``: refused as not class 1 before). A byte that
        is not UTF-8 (Excel's CSV on Windows, in Windows-1252), naming its row and column
        and what to save the file as (``'utf-8' codec can't decode bytes`` before).

    Examples
    --------
    >>> rows = modern_training_rows()
    >>> len(rows), sorted(rows["label"].unique())
    (3100, ['E0', 'E1', 'E2'])
    """
    import importlib.resources

    if path is None:
        source, name = importlib.resources.files("exposure").joinpath(*MODERN_TRAINING), "/".join(MODERN_TRAINING)
    else:
        # not a path, "" (read as the current directory), a missing file or a directory were
        # tracebacks; UTF-16 or an HTML page "can't decode byte 0xff"; a NUL byte was read as text
        source = check_path(path, "path", "a CSV file of modern tasks")
        # read as CSV only: an .xls is not to be saved as .xlsx; a Stata, Parquet or .xlsx file is
        # named (it was "row 1: file is binary, not text (a NUL byte at offset 3)")
        check_file(source, workbook=False, one_name=True)
        check_no_nul(source)
        name = str(path)
    try:
        if path is None:
            with source.open("r", encoding="utf-8-sig") as handle:
                text = handle.read()
        else:  # Excel's CSV on Windows (Windows-1252): "'utf-8' codec can't decode bytes", no row, no advice
            text = decode_text(source.read_bytes(), Path(name), ",", workbook=False)
        if text.strip():  # a row of more fields than the header: the text before a comma was the index
            check_published_separator(text, ",", Path(name))  # semicolons: "missing column(s) ['task', 'label']"
            check_header(check_field_counts(text, ",", csv.QUOTE_MINIMAL, Path(name)), Path(name))  # label twice
        rows = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataFormatError(f"{name}: not a CSV file of tasks and labels ({exc})") from None
    # Excel's ",," rows (cells cleared) ending the file are ignored, as the other readers ignore them
    rows = rows.iloc[:len(drop_empty_tail(rows.mask(rows.eq(""))))]
    missing = [c for c in ("task", "label") if c not in rows.columns]
    if missing:  # Task,Label: refused without a word of the renaming
        raise DataFormatError(f"{name}, row 1: missing column(s) {missing}"
                              f"{spelt_otherwise(rows.columns, missing, 'rows', name)}")
    if rows.empty:
        raise DataFormatError(f"{name}: no rows below the header (row 1)")
    for i, task in enumerate(rows["task"]):
        if not task.strip():
            raise DataFormatError(f"{name}, row {i + 2}, column 'task': empty task")
    # ' E1 ' was refused here and taken by check_modern_tasks; '' was "got ''", not missing
    labels = checked_task_labels(rows["label"], path=name, row_offset=2)
    # "Draft emails." and "Draft emails," or '"Draft emails."' (under two labels, perhaps) are
    # one task: compared as check_modern_tasks compares them (task_key)
    twice = rows["task"].map(task_key).duplicated()
    if twice.any():
        i = int(np.flatnonzero(twice.to_numpy())[0])
        raise DataFormatError(f"{name}, row {i + 2}, column 'task': task given twice (also in other case, "
                              f"spacing, final punctuation or quotes): {rows['task'].iloc[i]!r}")
    rows = rows.assign(label=labels)
    y = rows["label"].map({label: k for k, label in enumerate(LABELS)}).astype(int)
    if "y" in rows.columns:  # the file's own y was replaced by the label's class, without a word
        # 1.0 (a column of doubles saved by pandas or R) is class 1: it was refused as "y is '1.0', but
        # the label E1 is class 1"
        wrong = pd.to_numeric(rows["y"].str.strip(), errors="coerce").ne(y).to_numpy()
        if wrong.any():
            i = int(np.flatnonzero(wrong)[0])
            raise DataFormatError(f"{name}, row {i + 2}, column 'y': y is {rows['y'].iloc[i]!r}, but the label "
                                  f"{rows['label'].iloc[i]} is class {y.iloc[i]} (0=E0, 1=E1, 2=E2): the class is "
                                  "read from the label, and y holds it in the rows returned; correct the column "
                                  "y, or rename or remove it")
    return rows.assign(y=y)


#: Marks that end a sentence: ``"Draft emails!"`` is ``"Draft emails."`` (a copy, or one task twice).
FINAL_MARKS = ".!?;:,\u2026 "

#: Quotes around a whole text (a statement pasted in quotes is the statement).
QUOTES = "\"'\u201c\u201d\u2018\u2019"


def task_key(text) -> str:
    """``text`` compared without case, runs of spaces, final marks or surrounding quotes.

    The one rule by which a task statement is the same as another: the modern training
    tasks (:func:`modern_training_rows`), the modern tasks of the free-text report and the
    paraphrases (:func:`exposure.reports.agreement.check_modern_tasks`,
    ``check_paraphrases``). The two compared in two ways: the training file dropped ``…``
    but kept a final comma and quotes (``"Draft replies,"`` and ``'"Draft replies."'`` were
    two tasks beside ``Draft replies.``), the report the other way round.

    Examples
    --------
    >>> task_key(' "Draft  Emails!" '), task_key("Draft emails\u2026"), task_key("Draft emails,")
    ('draft emails', 'draft emails', 'draft emails')
    """
    text = " ".join(str(text).split()).casefold().rstrip(FINAL_MARKS)
    while len(text) > 1 and text[0] in QUOTES and text[-1] in QUOTES:  # '"Draft emails."': a copy
        text = text[1:-1].strip().rstrip(FINAL_MARKS)
    return text


def checked_task_labels(labels, *, path=None, row_offset: int = 1, column: str = "label") -> pd.Series:
    """The labels ``E0``, ``E1``, ``E2`` of hand-labelled tasks, without surrounding spaces; else refused.

    The one rule of the modern training tasks (:func:`modern_training_rows`) and of the
    modern tasks of the free-text report
    (:func:`exposure.reports.agreement.check_modern_tasks`): a label ``' E1 '`` was refused
    by the first and taken by the second, and an empty label was ``got ''`` in one, missing
    in the other. A label in another case (``'e1'``) is told what to write, and so is a class
    written for its label (``'1'``, ``'1.0'``: refused with no word of the label before;
    :func:`~exposure.scoring._evaluate.label_hint`).

    Parameters
    ----------
    labels : pandas.Series
        One label per task (text; None, NaN or blank for none).
    path : str or os.PathLike, optional
        The file or frame named in the message.
    row_offset : int, default 1
        Row of the first label (2 below a CSV header).
    column : str, default "label"
        The column named in the message.

    Returns
    -------
    pandas.Series
        The labels as ``str``, stripped (same index).

    Raises
    ------
    exposure.errors.DataFormatError
        A label other than E0, E1 or E2, or none, naming the row and ``column``.

    Examples
    --------
    >>> checked_task_labels(pd.Series([" E1 ", "E0"])).tolist()
    ['E1', 'E0']
    >>> checked_task_labels(pd.Series(["E1", ""]), path="m.csv", row_offset=2)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: m.csv, row 3, column 'label': label must be E0, E1 or E2, it is missing
    """
    text = labels.astype("string").str.strip()
    bad = ~text.isin(list(LABELS)).to_numpy(dtype=bool, na_value=False)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        value = labels.iloc[pos]
        value = value.item() if isinstance(value, np.generic) else value  # nan, not np.float64(nan)
        missing = value is None or (np.ndim(value) == 0 and bool(pd.isna(value))) or not str(value).strip()
        # '1' (a class, or a label saved as its number) was refused with no word of the label to write
        got = "it is missing" if missing else f"got {value!r}{label_hint(value)}"
        raise DataFormatError(f"label must be E0, E1 or E2, {got}", path=path, row=pos + row_offset,
                              column=column)
    return text.astype(str)


def spelt_otherwise(columns, missing, what: str, path=None) -> str:
    """Advice for the ``missing`` columns of a file or frame that it holds under other names.

    A paraphrase file (:func:`exposure.reports.agreement.check_paraphrase_rows`,
    ``exposure evaluate --paraphrases``) whose keys keep O*NET's headers
    (``O*NET-SOC Code``, ``Task ID``, as the published task statements and label file
    have them; R's ``O.NET.SOC.Code``, Stata's ``taskid``) or whose column is
    ``Paraphrase``, and a file of modern training tasks (:func:`modern_training_rows`)
    headed ``Task,Label``, were refused as lacking the columns, with no word of the
    columns they have, where the label frames are told the renaming
    (:mod:`exposure.reports.rubric`).
    Names are compared as :func:`exposure.scoring._inputs.column_key` compares them
    (letters and digits, any case); a name that two columns spell gets no advice.

    Parameters
    ----------
    columns : iterable
        The columns of the table read.
    missing : list of str
        The columns it lacks.
    what : str
        The frame's name in the advice (``"paraphrases"``).
    path : str or os.PathLike, optional
        The file read: its header is to be renamed (else the frame, with ``rename``).

    Returns
    -------
    str
        ``"; ..."`` to append to the message, or ``""``.

    Examples
    --------
    >>> columns = ["O*NET-SOC Code", "Task ID", "Task", "paraphrase"]
    >>> spelt_otherwise(columns, ["onetsoc_code", "task_id"], "paraphrases")
    "; it has them under other names: paraphrases.rename(columns={'O*NET-SOC Code': 'onetsoc_code', 'Task ID': 'task_id'})"
    >>> spelt_otherwise(columns, ["onetsoc_code", "task_id"], "paraphrases", "p.csv")
    "; the file has them under other names: rename its column(s) 'O*NET-SOC Code' to onetsoc_code and 'Task ID' to task_id"
    """
    renames = {}
    for name in missing:
        near = [c for c in columns if column_key(c) == column_key(name) and c != name]
        if len(near) == 1:
            renames[near[0]] = name
    if not renames:
        return ""
    them = "them" if len(renames) > 1 else "it"
    if path is None:
        return f"; it has {them} under other names: {what}.rename(columns={renames!r})"
    pairs = [f"{old!r} to {new}" for old, new in renames.items()]
    listed = pairs[0] if len(pairs) == 1 else ", ".join(pairs[:-1]) + " and " + pairs[-1]
    return f"; the file has {them} under other names: rename its column(s) {listed}"


def _sklearn():
    try:
        import sklearn  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the install
        raise ExposureError(
            "training the learned scorer needs scikit-learn: pip install 'ai-exposure[train]'"
        ) from None


def check_label_texts(labels: pd.DataFrame, columns=("task", "title"), *, path=None, row_offset: int = 1) -> None:
    """Refuse a task statement or title that is missing, blank or not text, naming the row.

    The learned model fits its vocabularies on both: a missing cell (an empty cell of a
    spreadsheet read with pandas) raised scikit-learn's ``ValueError: np.nan is an invalid
    document``, after the retrieval index was built, and a number was learned as the text
    ``'5'``. Rows are counted from ``row_offset`` (in ``path`` when given).

    Examples
    --------
    >>> check_label_texts(pd.DataFrame({"task": ["Plan budgets.", None], "title": ["Chief Executives"] * 2}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels, row 2, column 'task': task is missing: the learned model is trained on the text of every task and its occupation's title
    """
    for col in columns:
        if col not in labels.columns:
            continue
        for pos, value in enumerate(labels[col].tolist()):
            if isinstance(value, str) and value.strip():
                continue
            value = value.item() if isinstance(value, np.generic) else value
            missing = value is None or isinstance(value, str) or (np.ndim(value) == 0 and bool(pd.isna(value)))
            what = "is missing" if missing else f"must be text, got {type(value).__name__} {value!r}"
            # the frame first (it was "row 2, column 'task': labels: task is missing")
            raise DataFormatError(f"{col} {what}: the learned model is trained on the text of every task and its "
                                  "occupation's title", path="labels" if path is None else path,
                                  row=pos + row_offset, column=col)


def training_frame(labels: pd.DataFrame, onet=None, *, target: str = "human_exposure_agg") -> pd.DataFrame:
    """Rows to train on: text, title, code, SOC group, class index, weight, DWA ids.

    Parameters
    ----------
    labels : pandas.DataFrame
        :func:`exposure.measures.eloundou.read_task_labels` output.
    onet : exposure.onet.OnetRelease, optional
        Source of each task's DWA ids (empty lists without it).
    target : str, default "human_exposure_agg"
        Label column to learn.

    Returns
    -------
    pandas.DataFrame
        Columns ``task, title, onetsoc_code, task_id, soc6, y, weight, dwas``.

    Raises
    ------
    exposure.errors.DataFormatError
        A ``target`` label other than ``E0``, ``E1`` or ``E2``, or missing; a
        ``task_type`` other than ``Core``, ``Supplemental`` or missing (blank, ``n/a``):
        ``"core"`` or ``1`` was weighed as a Supplemental task. Row and column named.
        The keys are not checked here (the rubric's report groups made-up keys):
        :func:`train_learned` checks them, and the texts (:func:`check_label_texts`: the
        rubric's and the reference's reports read no title). Still refused here:
        ``labels`` not a frame, a column read missing or given twice (``KeyError``
        before), a task ID missing or not a whole number (``"8823.0"`` is 8823; pandas'
        ``Cannot convert non-finite values`` or ``invalid literal for int()`` before).

    Examples
    --------
    >>> labels = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1],
    ...     "task": ["Plan budgets."], "task_type": ["Core"], "title": ["Chief Executives"],
    ...     "human_exposure_agg": ["E2"]})
    >>> training_frame(labels)[["soc6", "y", "weight"]]
          soc6  y  weight
    0  11-1011  2     2.0
    """
    if not isinstance(labels, pd.DataFrame):
        raise DataFormatError(f"labels must be a pandas DataFrame, e.g. "
                              f"exposure.measures.eloundou.read_task_labels(path), got {shown(labels)}")
    read = ["onetsoc_code", "task_id", "task", "title", "task_type", target]
    lacking = [c for c in read if c not in labels.columns]
    if lacking:  # KeyError: 'task'
        raise DataFormatError(f"labels lacks column(s) {lacking} (columns: {list(labels.columns)})")
    check_columns(labels[read], what="labels")  # a column given twice was read as a frame
    ids = task_id_numbers(labels["task_id"].reset_index(drop=True))
    if ids.isna().any():  # "Cannot convert non-finite values (NA or inf) to integer"
        pos = int(np.flatnonzero(ids.isna().to_numpy())[0])
        raise DataFormatError("task_id is missing: every task trained on needs its task ID", path="labels",
                              row=pos + 1, column="task_id")
    out = pd.DataFrame({
        "task": labels["task"].astype(str).to_numpy(),
        "title": labels["title"].astype(str).to_numpy(),
        "onetsoc_code": labels["onetsoc_code"].astype(str).to_numpy(),
        "task_id": ids.astype("int64").to_numpy(),
    })
    out["soc6"] = out["onetsoc_code"].str[:7]
    out["y"] = labels[target].map({c: i for i, c in enumerate(LABELS)}).to_numpy()
    if out["y"].isna().any():  # it named no row ("has values outside ('E0', 'E1', 'E2')")
        pos = int(np.flatnonzero(out["y"].isna().to_numpy())[0])
        value = labels[target].iloc[pos]
        value = value.item() if isinstance(value, np.generic) else value  # 1, not np.int64(1)
        what = "is missing: every task trained on needs its label" if pd.isna(value) else (
            f"must be E0, E1 or E2, got {value!r}{label_hint(value)}")  # 'e1', 1: the label to write
        raise DataFormatError(f"{target} {what}", path="labels", row=pos + 1, column=target)
    out["y"] = out["y"].astype(int)
    check_label_task_types(labels)  # "core", "CORE" or 1 weighed as a Supplemental task without a word
    core = labels["task_type"].astype("string").eq("Core").fillna(False).to_numpy(bool)
    out["weight"] = np.where(core, CORE_WEIGHT, OTHER_WEIGHT)
    if onet is not None:
        lookup = task_dwa_lookup(onet)
        keys = out["onetsoc_code"] + "|" + out["task_id"].astype(str)
        out["dwas"] = [lookup.get(k, []) for k in keys]
    else:
        out["dwas"] = [[] for _ in range(len(out))]
    return out


def _checked_keys(labels, target: str = "human_exposure_agg") -> pd.DataFrame:
    """Refuse labels whose columns or keys :func:`train_learned` would misread; return the keys.

    :func:`~exposure.measures.eloundou.check_task_labels` (a frame; codes of the form
    ``00-0000.00``; whole task IDs of 0 or more, ``"8823"`` and ``8823.0`` read as 8823; no
    task listed twice), then the other columns read (present, each once). Before, a task
    listed twice was trained on twice, a missing code was an occupation ``'nan'``, a padded
    one an occupation of its own; a missing task ID raised numpy's ``cannot convert float NaN
    to integer``, a missing column ``KeyError``. Rows are counted from 1, as in ``labels``'
    other errors.

    Returns
    -------
    pandas.DataFrame
        ``onetsoc_code`` and ``task_id`` (int64), with a fresh index.
    """
    keys = check_task_labels(labels, [], name="labels")
    read = ["task", "title", "task_type", target]
    lacking = [c for c in read if c not in labels.columns]
    if lacking:
        raise DataFormatError(f"labels lacks column(s) {lacking} (columns: {list(labels.columns)})")
    check_columns(labels[read], what="labels")  # a column given twice was read as a frame
    return keys


def fit_model(rows: pd.DataFrame, config: TrainConfig | None = None, *, y=None,
              metadata: dict | None = None, index: TaskIndex | None = None,
              index_rows: pd.DataFrame | None = None, vectors: StaticVectors | None = None,
              extra: pd.DataFrame | None = None, extra_y=None) -> LearnedModel:
    """Fit vocabularies and one logistic regression per coefficient set on ``rows``.

    With a ``grounded`` block, the ``onet`` set is fitted first and its (uncalibrated)
    probabilities of the index tasks become the index's payload; each training row is then
    grounded in the tasks of other SOC 6-digit occupations only (as an unseen occupation
    would be).

    Parameters
    ----------
    rows : pandas.DataFrame
        :func:`training_frame` output (or a subset).
    config : TrainConfig, optional
    y : array-like of int, optional
        Class indices to learn instead of ``rows["y"]`` (used by the shuffled-label
        control).
    metadata : dict, optional
        Stored in the model.
    index : exposure.scoring.retrieval.TaskIndex, optional
        Retrieval index (needed by the ``grounded`` block).
    index_rows : pandas.DataFrame, optional
        :func:`index_frame` of the index tasks, in index order (their ``onet`` features).
    vectors : exposure.scoring._embed.StaticVectors, optional
        Static word vectors of the ``embed`` block; default the shipped ones (distilled
        from a sentence model and O*NET's vocabulary, not from the labels).
    extra : pandas.DataFrame, optional
        Further texts (column ``task``) and class indices (column ``y``) added to the
        training rows of the text-alone set ``free`` only (:func:`modern_training_rows`);
        the vocabularies are fitted on ``rows`` alone.
    extra_y : array-like of int, optional
        Class indices to learn for ``extra`` instead of ``extra["y"]`` (the control).

    Returns
    -------
    LearnedModel
        Temperatures are 1 (see :func:`fit_temperature`).
    """
    _sklearn()
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    config = checked_config(config)
    missing = [LABELS[k] for k in range(len(LABELS)) if not (np.asarray(rows["y"] if y is None else y) == k).any()]
    if missing:  # scikit-learn's "needs samples of at least 2 classes", or an error after the fit
        raise ExposureError(f"training rows must contain all three classes E0, E1, E2; they hold no "
                            f"{' and no '.join(missing)} task")
    texts = rows["task"].tolist()
    titles = rows["title"].tolist()
    codes = frame_codes(rows)
    used = {b for names in config.sets.values() for b in names}
    vw = TfidfVectorizer(ngram_range=(1, 2), min_df=config.word_min_df, sublinear_tf=True).fit(texts)
    vt = TfidfVectorizer(min_df=1, sublinear_tf=True).fit(titles)
    char = None
    if "char" in used:
        vc = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(config.char_ngram),
                             min_df=config.char_min_df, sublinear_tf=True).fit(texts)
        char = CharTfidf(vc.get_feature_names_out(), vc.idf_, *config.char_ngram)
    dwas = sorted({d for ds in rows["dwas"] for d in ds})
    model = LearnedModel(
        task_word=WordTfidf(vw.get_feature_names_out(), vw.idf_, 2),
        task_char=char,
        title_word=WordTfidf(vt.get_feature_names_out(), vt.idf_, 1),
        majors=sorted({c[:2] for c in codes if c}),
        dwas=dwas,
        iwas=sorted({d[:-4] for d in dwas}),
        weights=dict(config.weights),
        coef={}, intercept={}, temperature={},
        sets={k: list(v) for k, v in config.sets.items()},
        metadata=dict(metadata or {}),
        vectors=vectors,
    )
    if "embed" in used and model.vectors is None:
        model.vectors = _training_vectors(shipped_model_path(), None, False, None)
    target = rows["y"].to_numpy() if y is None else np.asarray(y)
    if "grounded" in used and (index is None or index_rows is None):
        raise ExposureError("the grounded feature block needs a retrieval index and its task rows")
    blocks = model.blocks([b for b in BLOCKS if b in used and b != "grounded"], texts, titles, codes,
                          rows["dwas"].tolist(), occupation_groups(codes, titles))
    blank = [""] * len(rows)
    order = sorted(config.sets, key=lambda s: "grounded" in config.sets[s])  # onet first
    for which in order:
        names = config.sets[which]
        if "grounded" in names and "grounded" not in blocks:
            model.index = index.with_payload(_index_payload(model, index_rows))
            blocks["grounded"] = model.blocks(["grounded"], texts, titles, codes,
                                              exclude=rows["soc6"].tolist())["grounded"]
        fit_target = target
        if which == "free":  # text alone: no title, no code, each task its own context
            got = model.blocks([b for b in names if b != "grounded"], texts, blank, blank)
            got["grounded"] = blocks.get("grounded")
            X = sparse.hstack([got[b] for b in names], format="csr")
            if extra is not None and len(extra):  # of no occupation: grounded in every index task
                more = extra["task"].tolist()
                got = model.blocks(names, more, [""] * len(more), [""] * len(more))
                X = sparse.vstack([X, sparse.hstack([got[b] for b in names], format="csr")], format="csr")
                more_y = extra["y"].to_numpy() if extra_y is None else np.asarray(extra_y)
                fit_target = np.concatenate([target, more_y])
        else:
            X = sparse.hstack([blocks[b] for b in names], format="csr")
        clf = LogisticRegression(C=config.C[which], max_iter=config.max_iter)
        with one_blas_thread():  # the same fit with any number of cores or BLAS threads
            clf.fit(X, fit_target)
        if list(clf.classes_) != [0, 1, 2]:
            raise ExposureError("training rows must contain all three classes E0, E1, E2")
        model.coef[which] = clf.coef_.astype(np.float64)
        model.intercept[which] = clf.intercept_.astype(np.float64)
        model.temperature[which] = 1.0
    return model


def index_frame(onet) -> pd.DataFrame:
    """The tasks of an O*NET release as :func:`training_frame` rows (no labels), in order.

    These are the rows of the retrieval index (:func:`exposure.scoring.retrieval.build_index`).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> onet = SimpleNamespace(
    ...     tasks=pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "task": ["Plan."]}),
    ...     occupations=pd.DataFrame({"onetsoc_code": ["11-1011.00"], "title": ["Chief Executives"]}),
    ...     task_dwas=pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "dwa_id": ["d"]}))
    >>> index_frame(onet)[["soc6", "title", "dwas"]].to_dict("list")
    {'soc6': ['11-1011'], 'title': ['Chief Executives'], 'dwas': [['d']]}
    """
    titles = dict(zip(onet.occupations["onetsoc_code"].astype(str), onet.occupations["title"].astype(str)))
    codes = onet.tasks["onetsoc_code"].astype(str).tolist()
    out = pd.DataFrame({
        "task": onet.tasks["task"].astype(str).tolist(),
        "title": [titles.get(c, "") for c in codes],
        "onetsoc_code": codes,
        "task_id": pd.to_numeric(onet.tasks["task_id"]).astype("int64").to_numpy(),
    })
    out["soc6"] = out["onetsoc_code"].str[:7]
    lookup = task_dwa_lookup(onet)
    out["dwas"] = [lookup.get(f"{c}|{t}", []) for c, t in zip(out["onetsoc_code"], out["task_id"])]
    return out


def _index_payload(model: LearnedModel, index_rows: pd.DataFrame) -> np.ndarray:
    """Uncalibrated ``onet``-set probabilities of the index tasks."""
    codes = frame_codes(index_rows)
    titles = index_rows["title"].tolist()
    z = model.decision_function("onet", index_rows["task"].tolist(), titles, codes,
                                index_rows["dwas"].tolist(), occupation_groups(codes, titles), {})
    return _softmax(z)


def _check_seed(seed) -> None:
    """Refuse a seed numpy's generators would refuse later, after minutes of work.

    Examples
    --------
    >>> _check_seed(-1)
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: seed must be a whole number, 0 or more; got -1
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ExposureError(f"seed must be a whole number, 0 or more; got {seed!r}")


def grouped_folds(groups, n_folds: int = 5, seed: int = 0) -> np.ndarray:
    """Fold number of each row; rows of one group (SOC 6-digit code) share a fold.

    Groups are shuffled with ``seed`` and dealt to folds greedily by size (largest first,
    to the smallest fold), so folds have similar numbers of rows. The shuffle starts
    from the order of each group's first row, so the folds depend on the row order of
    ``groups`` as well as on ``seed``: the same labels in another order give other folds
    (the shipped model and figures are those of the published label file's order; this
    is kept so that they can be reproduced).

    Rows of one group are refused as such: the message
    ``cannot deal 1 occupation groups into 5 folds: the folds must number from 2 to 1``
    gave advice no ``n_folds`` can follow (:func:`train_and_save`, :func:`train_learned`
    and :func:`cross_validate` said it). More folds than groups are refused by
    :func:`check_fold_count`, naming ``n_folds`` (``cannot deal 2 occupation groups into
    3 folds``, a third wording beside those of the agreement reports and ``--folds``).

    Examples
    --------
    >>> grouped_folds(["a", "a", "b", "c", "c", "c"], n_folds=2, seed=0).tolist()
    [1, 1, 1, 0, 0, 0]
    >>> grouped_folds(["a", "b"], n_folds=3)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: n_folds 3 is more than the 2 occupation groups (SOC 6-digit codes) of the labels: the cross-validation holds out whole groups, one fold at least each; give n_folds from 2 to 2
    """
    _check_seed(seed)
    groups = pd.Series(np.asarray(groups, dtype=object).astype(str))
    sizes = groups.value_counts(sort=False)
    n_folds = check_count(n_folds, "n_folds", 2)  # "2": "cannot deal 8 occupation groups into 2 folds"
    # one group ("the folds must number from 2 to 1"), or more folds than groups
    check_fold_count(groups, n_folds)
    rng = np.random.default_rng(seed)
    names = sizes.index.to_numpy()[rng.permutation(len(sizes))]
    order = sorted(names, key=lambda g: -sizes[g])  # stable: ties keep the shuffled order
    load = np.zeros(n_folds)
    fold_of = {}
    for g in order:
        f = int(np.argmin(load))
        fold_of[g] = f
        load[f] += sizes[g]
    return groups.map(fold_of).to_numpy()


def check_two_groups(groups, *, folds: str = "n_folds", path=None, column: str | None = None,
                     what: str | None = None, instead: str = "") -> None:
    """Refuse tasks that are all of one occupation group (SOC 6-digit): no grouped CV can hold one out.

    The one check (and wording) of :func:`grouped_folds` (``exposure train``,
    :func:`train_and_save`, :func:`train_learned`, :func:`cross_validate`), of the agreement
    reports (:func:`exposure.reports.agreement.evaluate_method`, ``evaluate_free_text``) and
    of ``--folds`` (:func:`exposure.cli._report.check_folds_fit`): the three said it in
    three ways (``method 'learned' holds out whole groups in its cross-validation``,
    ``the human labels (full_labelset_train.tsv): ...``), and only one named the column.

    Parameters
    ----------
    groups : array-like of str
        SOC 6-digit code of each task.
    folds : str, default "n_folds"
        The argument or option of the number of folds (``"--folds"``), which cannot help.
    path : str or os.PathLike, optional
        The label file, named in the message.
    column : str, optional
        The column of the codes, named in the message.
    what : str, optional
        The frame, named first when there is no ``path`` (``"labels"``).
    instead : str, optional
        What else to run on such labels (``", or evaluate method 'rubric' ..."``).

    Raises
    ------
    exposure.errors.DataFormatError
        Tasks of fewer than two occupation groups.

    Examples
    --------
    >>> check_two_groups(["11-1011", "13-1041"])
    >>> check_two_groups(["11-1011", "11-1011"], what="labels", column="onetsoc_code")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels, column 'onetsoc_code': every task is of one occupation group, 11-1011 (SOC 6-digit): the cross-validation holds out whole groups, so it needs tasks of two groups at least, whatever n_folds; give labels of more occupations
    """
    distinct = pd.unique(np.asarray(groups, dtype=object).astype(str))
    if len(distinct) > 1:
        return
    one = f", {distinct[0]} (SOC 6-digit)" if len(distinct) else ""
    # the frame first, as the roll-ups name it ('column 'onetsoc_code': labels: ...' before)
    raise DataFormatError(f"every task is of one occupation group{one}: the cross-validation holds out whole "
                          f"groups, so it needs tasks of two groups at least, whatever {folds}; give labels of more "
                          f"occupations{instead}", path=path if path is not None else what, column=column)


def check_fold_count(groups, n_folds: int, *, folds: str = "n_folds", path=None, column: str | None = None,
                     what: str | None = None, instead: str = "") -> None:
    """Refuse folds the tasks' occupation groups (SOC 6-digit) cannot fill, naming ``folds``.

    The cross-validation deals whole groups to the folds, one at least each. Tasks of one
    group are refused by :func:`check_two_groups`; ``n_folds`` above the number of groups
    here. The one check (and wording) of :func:`grouped_folds` (``exposure train``,
    :func:`train_and_save`, :func:`train_learned`, :func:`cross_validate`), of the agreement
    reports (:func:`exposure.reports.agreement.evaluate_method`, ``evaluate_free_text``)
    and of ``--folds`` (:func:`exposure.cli._report.check_folds_fit`): the three said it in
    three ways (``cannot deal 3 occupation groups into 5 folds: the folds must number from
    2 to 3``, ``n_folds 5 is more than the 3 occupation groups ...: method 'learned' holds
    out whole groups, one fold at least each``, ``--folds 5 is more than the 3 occupation
    groups ... of the human labels (full_labelset_train.tsv): each fold holds one at
    least``, naming that file whatever file was read).

    Parameters
    ----------
    groups : array-like of str
        SOC 6-digit code of each task.
    n_folds : int
        The folds asked for (2 or more).
    folds, path, column, what, instead
        As for :func:`check_two_groups`.

    Raises
    ------
    exposure.errors.DataFormatError
        Tasks of fewer than two occupation groups (:func:`check_two_groups`), or
        ``n_folds`` above the number of groups.

    Examples
    --------
    >>> check_fold_count(["11-1011", "13-1041", "13-1041"], 2)
    >>> check_fold_count(["11-1011", "13-1041"], 3, folds="--folds", path="labels.tsv", column="O*NET-SOC Code")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels.tsv, column 'O*NET-SOC Code': --folds 3 is more than the 2 occupation groups (SOC 6-digit codes) of the labels: the cross-validation holds out whole groups, one fold at least each; give --folds from 2 to 2
    """
    check_two_groups(groups, folds=folds, path=path, column=column, what=what, instead=instead)
    n = len(pd.unique(np.asarray(groups, dtype=object).astype(str)))
    if n_folds > n:
        raise DataFormatError(f"{folds} {n_folds} is more than the {n} occupation groups (SOC 6-digit codes) of "
                              f"the labels: the cross-validation holds out whole groups, one fold at least each; "
                              f"give {folds} from 2 to {n}", path=path if path is not None else what, column=column)


def check_label_task_types(labels: pd.DataFrame) -> None:
    """Refuse a ``task_type`` of the labels that the weights cannot read (rows counted from 1).

    Core tasks weigh 2, others 1: a ``"core"``, ``"CORE"`` or ``1`` weighed as a
    Supplemental task without a word. The rule of the roll-up
    (:func:`exposure.scoring._inputs.bad_task_types`): ``Core``, ``Supplemental``, or
    missing, blank or ``n/a``. A type in another case or with spaces around it is told what
    to write (:func:`~exposure.scoring._inputs.task_type_hint`), as ``score_tasks`` tells
    it; training (:func:`training_frame`) and the rubric's report said it in two copies,
    with the rule alone.

    Examples
    --------
    >>> check_label_task_types(pd.DataFrame({"task_type": ["Core", None, "core"]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels, row 3, column 'task_type': task_type 'core' is not Core or Supplemental (spelt so) or missing (Core tasks weigh 2, others 1): write 'Core' (the choices are case-sensitive)
    """
    bad = bad_task_types(labels["task_type"])
    if bad.any():
        pos = int(bad.argmax())
        value = labels["task_type"].iloc[pos]
        value = value.item() if isinstance(value, np.generic) else value
        raise DataFormatError(f"task_type {value!r} is not Core or Supplemental (spelt so) or missing "
                              f"(Core tasks weigh 2, others 1){task_type_hint(value)}", path="labels",
                              row=pos + 1, column="task_type")


def _label_folds(rows: pd.DataFrame, n_folds: int, seed: int, path=None) -> np.ndarray:
    """:func:`grouped_folds` of the labels' ``rows``; its refusal names the label file ``path``.

    ``cannot deal 3 occupation groups into 5 folds`` named no file, and
    :func:`train_and_save` added ``the labels hold too few occupations for --folds 5``, an
    option of ``exposure train`` the Python caller did not give (and, to labels of one
    occupation group, ``the folds must number from 2 to 1``). Checked by
    :func:`check_fold_count`, in the words of the agreement reports and ``--folds``.
    """
    if path is not None:  # the one check (and words) of grouped_folds, naming the file and its column
        check_fold_count(rows["soc6"], n_folds, path=path, column="O*NET-SOC Code")
    return grouped_folds(rows["soc6"], n_folds, seed)


def check_class_groups(y, groups, *, path=None, row_offset: int = 1,
                       column: str = "human_exposure_agg") -> None:
    """Refuse labels whose tasks of one class (E0, E1 or E2) are all of one occupation group.

    The cross-validation holds out whole occupation groups (SOC 6-digit codes,
    :func:`grouped_folds`): the model trained without the fold of that group never sees
    the class, whatever the number of folds and the seed. The one check (and wording) of
    :func:`check_fold_classes` (``exposure train``, :func:`train_learned`,
    :func:`cross_validate`) and of the agreement reports
    (:func:`exposure.reports.agreement.evaluate_method`, ``evaluate_free_text``): the two
    said it in two ways, ``the folds hold out whole groups ...`` naming no row, and
    ``method 'learned' holds out whole groups in its cross-validation ...``.

    Parameters
    ----------
    y : array-like
        Class index of each task (0=E0, 1=E1, 2=E2; anything else belongs to no class).
    groups : array-like of str
        SOC 6-digit code of each task.
    path : str or os.PathLike, optional
        The label file, named in the message (else the message names ``labels``).
    row_offset : int, default 1
        Row number of the first task (2 for the rows of a label file under its header).
    column : str, default "human_exposure_agg"
        The label column, named in the message.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the first task of such a class (its row) and ``column``.

    Examples
    --------
    >>> check_class_groups([0, 1, 2, 0, 1, 2], ["11-1011", "11-1011", "11-1011", "13-1041", "13-1041", "13-1041"])
    >>> check_class_groups([0, 1, 2, 0, 2], ["11-1011", "11-1011", "13-1041", "13-1041", "11-1011"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels, row 2, column 'human_exposure_agg': every E1 task is of one occupation group, 11-1011 (SOC 6-digit): the cross-validation holds out whole groups, so the model trained without that group's fold learns no E1, whatever the folds and seed; give E1 tasks of two occupation groups at least
    """
    y = np.asarray(y)
    groups = np.asarray(groups, dtype=object).astype(str)
    for c, label in enumerate(LABELS):
        has = y == c
        if has.any() and len(pd.unique(groups[has])) == 1:  # "give fewer folds or another seed": no help
            pos = int(np.flatnonzero(has)[0])
            # the frame first (it was "row 2, column 'human_exposure_agg': labels: every E1 task ...")
            raise DataFormatError(f"every {label} task is of one occupation group, {groups[pos]} (SOC 6-digit): "
                                  "the cross-validation holds out whole groups, so the model trained without that "
                                  f"group's fold learns no {label}, whatever the folds and seed; give {label} "
                                  "tasks of two occupation groups at least", path="labels" if path is None else path,
                                  row=pos + row_offset, column=column)


def check_fold_classes(rows: pd.DataFrame, folds, *, seed: int = 0, path=None,
                       column: str = "human_exposure_agg", row_offset: int = 1) -> None:
    """Refuse, before any fit, labels or folds that leave a model without one of the classes.

    Every model is a three-class logistic regression: the labels must hold tasks of E0,
    E1 and E2, and the training rows of each fold (all rows but the fold's) must too. A
    class whose tasks all sit in the occupations of one fold was found only when that
    fold was fitted (``training rows must contain all three classes``, naming nothing,
    after the folds before it), and labels of one class raised scikit-learn's
    ``This solver needs samples of at least 2 classes``.

    Parameters
    ----------
    rows : pandas.DataFrame
        :func:`training_frame` output (``y``, ``soc6``).
    folds : array-like of int
        :func:`grouped_folds` output.
    seed : int, default 0
        The seed of the folds (for the message).
    path : str or os.PathLike, optional
        The label file, named in the message.
    column : str, default "human_exposure_agg"
        The label column, named in the message.
    row_offset : int, default 1
        Row number of the first of ``rows`` (2 for the rows of a label file), named when
        a class is of one occupation group.

    Raises
    ------
    exposure.errors.DataFormatError
        A class no task has, or a fold whose training rows have none of a class; a class
        whose tasks are all of one occupation group is said to be so, naming its first
        row (:func:`check_class_groups`: it was told to give fewer folds or another seed,
        which cannot help).

    Examples
    --------
    >>> rows = pd.DataFrame({"y": [0, 1, 2, 0, 1, 2], "soc6": ["a", "b", "c", "d", "e", "f"]})
    >>> check_fold_classes(rows, [0, 0, 0, 1, 1, 1])
    >>> check_fold_classes(rows, [0, 0, 1, 1, 1, 1])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels, column 'human_exposure_agg': with 2 folds (seed 0), every E2 task is in fold 1 (occupations c, f): the model trained without that fold learns no E2; give fewer folds or another seed, or more E2 tasks
    >>> check_fold_classes(rows.assign(soc6=["a", "b", "c", "d", "e", "c"]), [0, 0, 1, 1, 1, 1])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels, row 3, column 'human_exposure_agg': every E2 task is of one occupation group, c (SOC 6-digit): the cross-validation holds out whole groups, so the model trained without that group's fold learns no E2, whatever the folds and seed; give E2 tasks of two occupation groups at least
    """
    y = np.asarray(rows["y"])
    folds = np.asarray(folds)
    where = "labels" if path is None else path  # named first ("column 'human_exposure_agg': the labels ...")
    missing = [LABELS[k] for k in range(len(LABELS)) if not (y == k).any()]
    if missing:
        raise DataFormatError(f"no {' and no '.join(missing)} task: the learned model is trained on all three "
                              "classes E0, E1, E2", path=where, column=column)
    check_class_groups(y, rows["soc6"], path=path, row_offset=row_offset, column=column)
    n_folds = len(np.unique(folds))
    for k in np.unique(folds):
        for c, label in enumerate(LABELS):
            if not ((y == c) & (folds != k)).any():
                groups = sorted(set(np.asarray(rows["soc6"])[(y == c) & (folds == k)]))
                shown = ", ".join(groups[:5]) + (f" and {len(groups) - 5} more" if len(groups) > 5 else "")
                raise DataFormatError(f"with {n_folds} folds (seed {seed}), every {label} task is in fold "
                                      f"{int(k)} (occupations {shown}): the model trained without that "
                                      f"fold learns no {label}; give fewer folds or another seed, or more "
                                      f"{label} tasks", path=where, column=column)


def fit_temperature(logits: np.ndarray, y) -> float:
    """Temperature ``T`` minimising the log loss of ``softmax(logits / T)``.

    Examples
    --------
    >>> z = np.array([[4.0, 0.0, 0.0], [0.0, 4.0, 0.0], [0.0, 0.0, 4.0], [4.0, 0.0, 0.0]])
    >>> round(fit_temperature(z, [0, 1, 2, 1]), 2) > 1
    True
    """
    logits = np.asarray(logits, dtype=float)
    y = np.asarray(y, dtype=int)

    def nll(log_t):
        z = logits / np.exp(log_t)
        z = z - z.max(axis=1, keepdims=True)
        lse = np.log(np.exp(z).sum(axis=1))
        return float(np.mean(lse - z[np.arange(len(y)), y]))

    res = optimize.minimize_scalar(nll, bounds=(np.log(0.1), np.log(10.0)), method="bounded",
                                   options={"xatol": 1e-6})
    return float(np.exp(res.x))


#: What :func:`cross_validate` predicts for each held-out task, and with which set:
#: ``onet`` (ids and work activities), ``text`` (text, title and code), ``title`` (text and
#: occupation title, no code) and ``free`` (the text alone).
PROTOCOLS = {"onet": "onet", "text": "text", "title": "text", "free": "free"}


def cross_validate(rows: pd.DataFrame, config: TrainConfig | None = None, *, n_folds: int = 5,
                   seed: int = 0, shuffle_labels: bool = False, index: TaskIndex | None = None,
                   index_rows: pd.DataFrame | None = None, extra: dict | None = None,
                   vectors: StaticVectors | None = None) -> dict:
    """Out-of-fold predictions under cross-validation grouped by SOC 6-digit code.

    For fold ``k``, the model is fitted on the other folds, and the retrieval index keeps
    only the tasks of the occupations of those folds: a held-out task cannot find itself or
    any task of its own occupation. With ``config.modern``, every fold's ``free`` set also
    learns from :func:`modern_training_rows` (statements of no O*NET occupation, so none of
    them is a held-out task).

    Parameters
    ----------
    rows : pandas.DataFrame
        :func:`training_frame` output.
    config : TrainConfig, optional
        Anything but a :class:`TrainConfig` or None is refused (a dict raised an
        ``AttributeError``).
    n_folds : int, default 5
        A whole number of 2 or more (``"2"`` was refused as "cannot deal 8 occupation groups
        into 2 folds: the folds must number from 2 to 8"; ``2.0`` is 2, as in
        :func:`train_learned`), at most the SOC 6-digit groups of ``rows``.
    seed : int, default 0
        Seeds the fold assignment and the label permutation of the control.
    shuffle_labels : bool, default False
        Negative control: permute the training labels (within each training fold), so
        the model can learn nothing true; its scores must be worse. True or False only
        (``"no"`` ran the control).
    index : exposure.scoring.retrieval.TaskIndex, optional
        Retrieval index of all O*NET tasks (needed by the ``grounded`` block).
    index_rows : pandas.DataFrame, optional
        :func:`index_frame` of the index tasks.
    extra : dict, optional
        Name -> list of texts, one per row of ``rows`` (None, NaN or ``pd.NA`` where absent),
        e.g. paraphrases of the tasks: each is scored by its task's fold as text alone (set
        ``free``) and, with the ``text`` set and an index, with its row's code and title.
        Checked before any fit (:func:`_checked_extra`): a list of another length, a str, a
        number or a blank text were failures after the first fold's fit, or read wrong.
    vectors : exposure.scoring._embed.StaticVectors, optional
        Static word vectors (needed by the ``embed`` block).

    Returns
    -------
    dict
        ``folds`` (fold per row), ``logits`` (protocol of :data:`PROTOCOLS` -> array n x 3),
        ``proba`` (protocol -> n x 3, calibrated with a cross-fitted temperature: for fold
        k, the temperature fitted on the out-of-fold logits of the other folds),
        ``raw_proba`` (uncalibrated), ``temperature`` (protocol -> temperature fitted on all
        out-of-fold logits) and ``extra`` (name -> calibrated n x 3, NaN where absent).
        With an ``index`` and the ``onet`` set, the probabilities of the ``free`` (text
        alone) and ``text`` (text with code and title) protocols are blended with those of
        their retrieved neighbours as the shipped scorer blends them
        (:func:`~exposure.scoring.learned.ground_in_neighbours`), the neighbours' payload
        being the fold's ``onet``-set probabilities: ``proba`` and ``raw_proba`` of those
        protocols are blended, ``words_proba`` holds their calibrated probabilities before
        the blend (the ``title`` protocol, a comparison the scorer never uses, is not
        blended). The held-out originals are retrieved in the fold's index (training folds'
        occupations only); each ``extra`` text in the whole index (``extra``: a rewording
        may find the O*NET task it rewords, whose label the fold's model never saw) and, for
        comparison, in the fold's index (``extra_unlisted``: a task O*NET does not list);
        ``extra_words`` holds them before the blend. With the ``text`` set, each ``extra``
        text is also scored with its row's O*NET-SOC code and title, retrieved in the whole
        index as the shipped scorer retrieves it (``extra_coded``, blended;
        ``extra_coded_words`` before the blend).
    """
    config = checked_config(config)
    check_flag(shuffle_labels, "shuffle_labels")  # "no" ran the control
    n_folds = check_count(n_folds, "n_folds", 2)  # "2": "cannot deal 8 occupation groups into 2 folds"
    extra = _checked_extra(extra, rows)  # a NaN text or a short list failed after the first fold's fit
    folds = grouped_folds(rows["soc6"], n_folds, seed)
    check_fold_classes(rows, folds, seed=seed)  # before any fit: it failed after the first ones
    modern = modern_training_rows() if config.modern and "free" in config.sets else None
    n = len(rows)
    protocols = {p: s for p, s in PROTOCOLS.items() if s in config.sets}
    logits = {p: np.zeros((n, 3)) for p in protocols}
    extra_logits = {name: np.full((n, 3), np.nan) for name in extra} if "free" in protocols else {}
    blended = [p for p in ("free", "text") if p in protocols]
    ground = index is not None and bool(blended) and "onet" in config.sets
    coded = ground and "text" in protocols  # the extra texts with their row's code and title
    coded_logits = {name: np.full((n, 3), np.nan) for name in extra} if coded else {}
    # neighbours' mean payload and best similarity: the held-out rows (fold index), the
    # extra texts in the whole index and in the fold index
    near = {"held": (np.zeros((n, 3)), np.zeros(n))}
    for name in extra:
        near[("extra", name)] = (np.zeros((n, 3)), np.zeros(n))
        near[("unlisted", name)] = (np.zeros((n, 3)), np.zeros(n))
    rng = np.random.default_rng(seed + 1)
    rng_modern = np.random.default_rng(seed + 2)  # its own: the O*NET rows' permutations stay as they were
    for k in range(n_folds):
        tr = np.flatnonzero(folds != k)
        te = np.flatnonzero(folds == k)
        train = rows.iloc[tr]
        y = train["y"].to_numpy()
        modern_y = None if modern is None else modern["y"].to_numpy()
        if shuffle_labels:
            y = rng.permutation(y)
            if modern is not None:  # the control learns nothing true from them either
                modern_y = rng_modern.permutation(modern_y)
        fold_index = fold_rows = None
        if index is not None:
            seen = index_rows["soc6"].isin(set(train["soc6"])).to_numpy()
            fold_index, fold_rows = index.subset(seen), index_rows.loc[seen]
        model = fit_model(train, config, y=y, index=fold_index, index_rows=fold_rows, vectors=vectors,
                          extra=modern, extra_y=modern_y)
        test = rows.iloc[te]
        texts, titles = test["task"].tolist(), test["title"].tolist()
        whole = seen_only = None
        if ground:  # what the fold's work-activity set makes of every O*NET task
            payload = _index_payload(model, index_rows)
            whole, seen_only = index.with_payload(payload), fold_index.with_payload(payload[seen])
            _near(near["held"], te, seen_only.retrieve(texts, weights=False, payload=True))
        codes, blank = frame_codes(test), [""] * len(test)
        cache: dict = {}  # one retrieval of the held-out texts for every protocol
        for proto, which in protocols.items():
            use_titles = blank if proto == "free" else titles
            use_codes = codes if proto in ("onet", "text") else blank
            groups = occupation_groups(use_codes, use_titles)
            dwas = test["dwas"].tolist() if which == "onet" else None
            if which == "onet":  # explicit features, as the O*NET-id model was always calibrated
                X = model.features(which, texts, use_titles, use_codes, dwas, groups)
                logits[proto][te] = np.asarray(X @ model.coef[which].T + model.intercept[which])
                continue
            keep = ("found", "grounded", "word", "embed", "tokens")
            shared = {k2: v for k2, v in cache.items() if k2 in keep}
            logits[proto][te] = model.decision_function(which, texts, use_titles, use_codes, dwas,
                                                        groups, shared)
            cache.update({k2: v for k2, v in shared.items() if k2 in keep})
        for name, values in extra.items():
            pos = [i for i in te if values[i] is not None]
            if pos:
                other = [values[i] for i in pos]
                if name in extra_logits:  # as text alone (the free set)
                    extra_logits[name][pos] = model.decision_function(
                        "free", other, [""] * len(pos), [""] * len(pos), None, None, {})
                if ground:
                    _near(near[("extra", name)], pos, whole.retrieve(other, weights=False, payload=True))
                    _near(near[("unlisted", name)], pos, seen_only.retrieve(other, weights=False, payload=True))
                if coded:  # as the shipped scorer scores them: retrieved in the whole index
                    at = np.searchsorted(te, pos)
                    pos_titles, pos_codes = [titles[i] for i in at], [codes[i] for i in at]
                    coded_logits[name][pos] = dataclasses.replace(model, index=whole).decision_function(
                        "text", other, pos_titles, pos_codes, None, occupation_groups(pos_codes, pos_titles), {})
        logger.info("cross-validation: fold %d/%d done", k + 1, n_folds)
    y = rows["y"].to_numpy()
    out = {"folds": folds, "logits": logits, "proba": {}, "raw_proba": {}, "temperature": {},
           "extra": {}, "words_proba": {}, "extra_words": {}, "extra_unlisted": {},
           "extra_coded": {}, "extra_coded_words": {}}
    temps = {}
    for proto, z in logits.items():
        cal = np.zeros_like(z)
        temps[proto] = [fit_temperature(z[folds != k], y[folds != k]) for k in range(n_folds)]
        for k in range(n_folds):
            te = folds == k
            cal[te] = _softmax(z[te] / temps[proto][k])
        out["proba"][proto] = cal
        out["raw_proba"][proto] = _softmax(z.copy())
        out["temperature"][proto] = fit_temperature(z, y)
        if proto in blended and ground:
            out["words_proba"][proto] = cal
            out["proba"][proto] = ground_in_neighbours(cal, *near["held"])
            out["raw_proba"][proto] = ground_in_neighbours(out["raw_proba"][proto], *near["held"])
    for name, z in coded_logits.items():
        cal = _calibrated(z, folds, temps["text"])
        have = ~np.isnan(cal).any(axis=1)
        out["extra_coded_words"][name] = cal
        blend = np.full_like(cal, np.nan)
        q, sim = near[("extra", name)]
        blend[have] = ground_in_neighbours(cal[have], q[have], sim[have])
        out["extra_coded"][name] = blend
    for name, z in extra_logits.items():
        cal = _calibrated(z, folds, temps["free"])
        out["extra"][name] = cal
        if ground:
            have = ~np.isnan(cal).any(axis=1)
            out["extra_words"][name] = cal
            for key, where in (("extra", ("extra", name)), ("extra_unlisted", ("unlisted", name))):
                blended = np.full_like(cal, np.nan)
                q, sim = near[where]
                blended[have] = ground_in_neighbours(cal[have], q[have], sim[have])
                out[key][name] = blended
    return out


def _calibrated(z: np.ndarray, folds: np.ndarray, temps: list) -> np.ndarray:
    """Softmax of the rows of ``z`` (NaN where absent) at the temperature of each row's fold."""
    cal = np.full_like(z, np.nan)
    for k, temperature in enumerate(temps):
        te = (folds == k) & ~np.isnan(z).any(axis=1)
        if te.any():
            cal[te] = _softmax(z[te] / temperature)
    return cal


def _checked_extra(extra, rows: pd.DataFrame) -> dict:
    """The ``extra`` texts of :func:`cross_validate`: name -> one text or None per row of ``rows``.

    A missing text (None, NaN or ``pd.NA``: a column of paraphrases with empty cells,
    ``.tolist()``) is None, the row then having none. Refused, before any fit: a value
    that is not a dict (a list: an ``AttributeError``), a list of another length than
    ``rows`` (shorter: an ``IndexError`` after the first fold's fit; longer: the texts
    past the rows were left out, and the others perhaps paired with other rows, without
    a word), a str (read letter by letter, one letter a row), a Series holding the index
    labels of ``rows`` in another order (:func:`~exposure._tables.check_pairs`; one of
    other labels, a ``KeyError`` before, is read by position), and a text that is a
    number or blank (a number or NaN raised
    ``TypeError: sequence item 0: expected str instance`` after the first fold's fit).

    Examples
    --------
    >>> rows = pd.DataFrame({"task": ["Plan budgets.", "Weld beams."]})
    >>> _checked_extra({"paraphrase": ["Draw up budgets.", float("nan")]}, rows)
    {'paraphrase': ['Draw up budgets.', None]}
    >>> _checked_extra({"paraphrase": ["Draw up budgets."]}, rows)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: extra['paraphrase'] holds 1 text(s) for the 2 rows of rows: give one per row, None where a row has none
    """
    if extra is None:
        return {}
    if not isinstance(extra, dict):
        raise DataFormatError("extra must be a dict of names to lists of texts, one per row of rows (None where "
                              f"a row has none), e.g. {{'paraphrase': texts}}, got {shown(extra)}")
    out = {}
    for name, values in extra.items():
        what = f"extra[{name!r}]"
        if (not isinstance(values, (list, tuple, np.ndarray, pd.Series, pd.Index, pd.api.extensions.ExtensionArray))
                or np.ndim(values) != 1):  # a str was read letter by letter
            raise DataFormatError(f"{what} must be a list of texts, one per row of rows (None where a row has "
                                  f"none), got {shown(values)}")
        check_pairs((rows, "rows"), (values, what))  # a Series is read by position (values[i]: a KeyError)
        values = list(values)
        if len(values) != len(rows):
            raise DataFormatError(f"{what} holds {len(values)} text(s) for the {len(rows)} rows of rows: give "
                                  "one per row, None where a row has none")
        texts = []
        for pos, value in enumerate(values):
            if value is None or (not isinstance(value, str) and np.ndim(value) == 0 and bool(pd.isna(value))):
                texts.append(None)
            elif isinstance(value, str) and value.strip():
                texts.append(value)
            else:
                got = "blank" if isinstance(value, str) else shown(value)
                raise DataFormatError(f"{what} row {pos + 1} is {got}: give a text, or None where the row has "
                                      "none")
        out[name] = texts
    return out


def _near(store: tuple, rows, found) -> None:
    """Keep the neighbours' mean payload and best similarity of ``rows`` in ``store``."""
    store[0][rows] = found.payload
    store[1][rows] = found.similarity


def _softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def train_learned(labels: pd.DataFrame, onet=None, *, config: TrainConfig | None = None,
                  seed: int = 0, n_folds: int = 5, labels_sha256: str | None = None,
                  version: str = "v1", vectors: StaticVectors | None = None,
                  labels_path=None) -> tuple[LearnedModel, dict]:
    """Train the shipped ``learned`` model: grouped CV for the temperature, then a full fit.

    Parameters
    ----------
    labels : pandas.DataFrame
        :func:`exposure.measures.eloundou.read_task_labels` output.
    onet : exposure.onet.OnetRelease, optional
        O*NET release providing the DWA ids of the ``onet`` set.
    config : TrainConfig, optional
    seed : int, default 0
    n_folds : int, default 5
    labels_sha256 : str, optional
        Recorded in the metadata.
    version : str, default "v1"
    vectors : exposure.scoring._embed.StaticVectors, optional
        Static word vectors (needed by the ``embed`` block).
    labels_path : str or os.PathLike, optional
        The file ``labels`` was read from, named (with its line) by the errors and warnings
        below while ``labels`` keeps the index it was read with.

    Returns
    -------
    (LearnedModel, dict)
        The model (temperatures fitted on out-of-fold logits) and the cross-validation
        output of :func:`cross_validate`.

    Raises
    ------
    exposure.errors.DataFormatError
        ``onet`` that is not a release (``"29.1"``: an ``AttributeError`` before);
        ``n_folds`` not a whole number of 2 or more; ``config`` not a :class:`TrainConfig`
        (a dict: an ``AttributeError`` before); labels lacking a column read, or
        whose keys :func:`~exposure.measures.eloundou.check_task_labels` refuses (a task
        listed twice, a code or task ID missing or malformed: trained on twice, or as an
        occupation ``'nan'``, before; ``"8823.0"`` is read as 8823); a task statement or
        title that is missing, blank or not text (:func:`check_label_texts`;
        scikit-learn's ``np.nan is an invalid document`` after the retrieval index was
        built, before); labels without a class, whose tasks of one class are all of one
        occupation group or whose folds leave a model without a class
        (:func:`check_fold_classes`, naming the file and the row where they apply;
        refused after the retrieval index was built, before).

    Warns
    -----
    With ``onet``, a warning (log) for labels whose O*NET-SOC code the release lacks, or
    whose task ID it does not list under that code: they are trained on without work
    activities (labels of another release; before, without a word).
    """
    config = checked_config(config)
    _check_seed(seed)
    n_folds = check_count(n_folds, "n_folds", 2)  # "2": "cannot deal 8 occupation groups into 2 folds"
    check_onet(onet)  # "29.1": AttributeError: 'str' object has no attribute 'task_dwas'
    where, offset = labels_location(labels, labels_path)
    # its columns and keys first: a task listed twice was trained on twice, a missing code was
    # an occupation 'nan'; task IDs such as "8823.0" read as 8823 (a ValueError before)
    labels = labels.assign(task_id=_checked_keys(labels)["task_id"].to_numpy())
    # an unnamed frame is named "labels" first ("labels, row 2, column 'task': task is missing")
    check_label_texts(labels, path=None if offset == 1 else where, row_offset=offset)
    _warn_unread_keys(labels, onet, path=where, row_offset=offset)
    rows = training_frame(labels, onet)
    # before the retrieval index: a class of one occupation group was refused after it,
    # naming neither the file nor the row (cross_validate checks the same folds again)
    path = None if offset == 1 else where
    check_fold_classes(rows, _label_folds(rows, n_folds, seed, path), seed=seed, path=path, row_offset=offset)
    index = index_rows = None
    if any("grounded" in names for names in config.sets.values()):
        if onet is None:
            raise ExposureError("the grounded feature block needs an O*NET release to build its index")
        index, index_rows = build_index(onet), index_frame(onet)
    cv = cross_validate(rows, config, n_folds=n_folds, seed=seed, index=index, index_rows=index_rows,
                        vectors=vectors)
    digest = hashlib.sha256(pd.util.hash_pandas_object(rows[["onetsoc_code", "task_id", "y"]],
                                                       index=False).to_numpy().tobytes()).hexdigest()
    meta = {
        "version": version,
        "seed": seed,
        "n_folds": n_folds,
        "n_train": int(len(rows)),
        "target": "human_exposure_agg",
        "labels_sha256": labels_sha256,
        "rows_digest": digest,
        "onet_release": getattr(onet, "release", None),
        "config": config.to_dict(),
    }
    if index is not None:
        meta["index"] = INDEX_NAME
    if vectors is not None and any("embed" in names for names in config.sets.values()):
        meta["vectors"] = VECTORS_NAME
    modern = modern_training_rows() if config.modern and "free" in config.sets else None
    if modern is not None:
        meta["n_modern"] = int(len(modern))
        meta["modern_digest"] = hashlib.sha256(pd.util.hash_pandas_object(
            modern[["task", "y"]], index=False).to_numpy().tobytes()).hexdigest()
    model = fit_model(rows, config, metadata=meta, index=index, index_rows=index_rows, vectors=vectors,
                      extra=modern)
    model.temperature = {k: float(cv["temperature"][k]) for k in config.sets}
    return model, cv


@dataclass(frozen=True)
class TrainedModel:
    """What :func:`train_and_save` wrote.

    Attributes
    ----------
    model : LearnedModel
    path : pathlib.Path
        The artifact.
    sha256 : str
        Its digest, pinned in ``registry.txt`` beside it.
    cv : dict
        Coefficient set -> grouped-CV agreement figures (rounded to 4 decimals), also
        stored in ``model.metadata["cv"]``.
    """

    model: LearnedModel
    path: Path
    sha256: str
    cv: dict


def train_and_save(labels_path, onet=None, out=None, *, seed: int = 0, n_folds: int = 5,
                   distill: bool = False, model_dir=None) -> TrainedModel:
    """Train the ``learned`` model on a label file, write the artifact and pin its sha256.

    Parameters
    ----------
    labels_path : str or os.PathLike
        The Eloundou et al. label file (``full_labelset_train.tsv``), or a file of one's own
        human labels in its layout without GPT-4's columns (``O*NET-SOC Code``,
        ``Task ID``, ``Task``, ``Task Type``, ``Title``, ``human_exposure_agg``: read by
        ``read_task_labels(labels_path, gpt4=False)``; it was refused as lacking
        ``gpt4_exposure`` and the other columns of GPT-4, which training does not read);
        its sha256 is recorded in the model's metadata.
    onet : exposure.onet.OnetRelease, optional
        Release of the work activities (the shipped model uses O*NET 29.1).
    out : str or os.PathLike, optional
        Artifact path; default :func:`~exposure.scoring.learned.shipped_model_path`.
    seed, n_folds : int
        As in :func:`train_learned`.
    distill : bool, default False
        Distil the static word vectors of the ``embed`` block afresh from all-MiniLM-L6-v2
        (:func:`exposure.scoring._distill.distill_vectors`, needs the ``distill`` extra and
        ``onet``) and write them beside the artifact; by default the vectors already pinned
        beside the artifact (or the shipped ones) are reused.
    model_dir : str or os.PathLike, optional
        all-MiniLM-L6-v2 directory for ``distill``.

    Returns
    -------
    TrainedModel
        The artifact's ``registry.txt`` (beside it) lists its new sha256.

    Raises
    ------
    exposure.errors.OutputError
        Before any work, from :func:`check_train_output`. The artifact, the vectors, the
        index and the registry are written as one set (:func:`exposure._io.atomic_paths`):
        a failure leaves every previous file as it was.
    exposure.errors.DataFormatError
        Before any work: ``labels_path``, ``out`` or ``model_dir`` not a path, ``onet`` not a
        release (``"29.1"``), ``n_folds`` not a whole number of 2 or more, ``distill`` not
        True or False (``"no"`` distilled), ``model_dir`` without ``distill`` (it was
        ignored) or without the model's files
        (:func:`exposure.scoring._distill.check_model_dir`). Before the vectors are read or distilled: a label file that
        :func:`~exposure.measures.eloundou.read_task_labels` refuses, or whose labels or
        folds leave a model without a class (:func:`check_fold_classes`, naming the file,
        and the row of a class of one occupation group); labels of one occupation group
        (``the folds must number from 2 to 1`` before) or of fewer groups than ``n_folds``
        (said to be too few ``for --folds 5``, an option the caller did not give); word
        vectors beside ``out`` that training would replace or not use
        (:func:`_training_vectors`).
    """
    labels_path = check_path(labels_path, "labels_path", "a label file")  # 5: pathlib's TypeError
    check_onet(onet)  # "29.1": an AttributeError after the labels were read
    _check_seed(seed)
    n_folds = check_count(n_folds, "n_folds", 2)  # "2": "cannot deal 8 occupation groups into 2 folds"
    check_flag(distill, "distill")  # "no" distilled
    if model_dir is not None:  # ignored without distill, as exposure train --model-dir refuses it
        if not distill:
            raise DataFormatError("model_dir is read with distill=True only (the all-MiniLM-L6-v2 the word "
                                  "vectors are distilled from): pass distill=True, or leave model_dir out")
        # a directory without the model's files (a cache layout, an older copy, a stray space)
        # was refused only once the labels were read and the folds dealt, by distill_vectors
        check_model_dir(model_dir)  # (its check_path too: not a path, empty)
    out = check_train_output(out)
    # the human labels alone: a file of one's own, without GPT-4's columns, was refused as lacking them
    labels = read_task_labels(labels_path, gpt4=False)
    sha = hashlib.sha256(labels_path.read_bytes()).hexdigest()
    rows = training_frame(labels, onet)
    # the folds are dealt before the vectors: a distillation takes minutes, and a fold
    # count the labels cannot fill would otherwise be refused only after it
    folds = _label_folds(rows, n_folds, seed, labels_path)
    check_fold_classes(rows, folds, seed=seed, path=labels_path, row_offset=2)  # rows in file order
    vectors = _training_vectors(out, onet, distill, model_dir)
    model, cv = train_learned(labels, onet, seed=seed, n_folds=n_folds, labels_sha256=sha, vectors=vectors,
                              labels_path=labels_path)
    summary = {}
    for which, proba in cv["proba"].items():
        figures = agreement(proba, rows["y"], rows["onetsoc_code"], rows["weight"])
        summary[which] = {k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}
    model.metadata["cv"] = summary
    # one set: every file (and the registry) to a temporary name, all renamed at the end
    writers = {}
    if model.metadata.get("vectors"):
        writers[VECTORS_NAME] = lambda path: save_vectors(vectors, path)
    if model.index is not None:
        writers[INDEX_NAME] = lambda path: save_index(model.index, path)
    writers[out.name] = lambda path: save_model(model, path)
    registry = out.parent / REGISTRY_NAME
    with atomic_paths([registry, *(out.parent / name for name in writers)]) as (reg_tmp, *tmps):
        if registry.is_file():
            shutil.copyfile(registry, reg_tmp)
        else:
            reg_tmp.unlink()  # update_registry starts a new one with its comment line
        for (name, write), tmp in zip(writers.items(), tmps):
            write(tmp)
            digest = hashlib.sha256(tmp.read_bytes()).hexdigest()  # the model's comes last
            update_registry(reg_tmp, name, digest)
    logger.info("wrote %s (sha256 %s)", out, digest)
    return TrainedModel(model, out, digest, summary)


def check_train_output(out=None) -> Path:
    """Check, before any work, the files :func:`train_and_save` writes; return the artifact path.

    The artifact, and beside it ``registry.txt``, the vectors and the retrieval index,
    must each be absent or a regular file (not a directory, device, pipe or socket), and
    their directory writable.

    Parameters
    ----------
    out : str or os.PathLike, optional
        Artifact path; default :func:`~exposure.scoring.learned.shipped_model_path`.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    exposure._outdir.OutputPathError
        The artifact's directory cannot be created or written (a folder this user may
        enter but not write: :func:`exposure._io.unwritable_folder`, ``output path ro/m.npz:
        Permission denied: the folder ro is not writable ...``; ``cannot write ro/m.npz:
        Permission denied (ro)`` before); the artifact's name, or
        that of a folder to be made for it, is longer than its file system allows (a
        bare ``OSError`` before); a name with surrounding spaces or a line end
        (``"m.npz\\r"``, a value read with its CRLF: told to give a name ending in ``.npz``).
    exposure.errors.ExposureError
        An empty ``out`` (``""`` was read as no ``out``: the package's own artifact).
    exposure.errors.DataFormatError
        An ``out`` that is not a str or os.PathLike (bytes, a number: pathlib's
        ``TypeError`` before).
    exposure.errors.OutputError
        A path that names a directory by its form (``Path(".")``, ``Path("")``, ``..``:
        pathlib's ``ValueError: PosixPath('.') has an empty name`` before); a path that
        is not a regular file, or an artifact named like a file beside it; a
        name not ending in ``.npz`` (``m.npz.gz``, ``m.txt``: an uncompressed ``.npz`` was
        written under it); a directory whose ``registry.txt`` pins another learned model
        (it reads the retrieval index and the vectors this one writes beside it: they were
        replaced, and it scored with them without a word); the fine-tuned transformer's
        artifact under the artifact's name (``transformer-v1.npz``: it was replaced by the
        learned model), and that name for a new artifact (the learned model was then read as
        the transformer); a name holding a space or ``#``, which the registry line
        ``name sha256`` cannot hold (the registry was written, then could not be read:
        ``expected 'filename sha256'``, and the model not loaded).
    exposure.errors.DataFormatError
        A ``registry.txt`` beside the artifact that is not a registry (naming its row: it
        was extended, and the model written beside it could not be loaded).

    Examples
    --------
    >>> import os, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> check_train_output(d / "m.npz").name
    'm.npz'
    >>> os.mkfifo(d / "pipe.npz")
    >>> check_train_output(d / "pipe.npz")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.OutputError: .../pipe.npz: cannot write: exists and is not a regular file ...
    """
    if out is not None and not isinstance(out, Path) and str(out) == "":  # read as no out: the package's model
        raise ExposureError("out is empty: give the artifact's file name, e.g. model.npz (out=None writes "
                            "the package's own model)")
    # b"m.npz", 5: pathlib's TypeError
    out = check_path(out, "out", "the artifact's file name") if out is not None else shipped_model_path()
    # "m.npz\r", "m.npz ": "give a name ending in .npz, e.g. m.npz", the name it seemed to be
    refuse_spaces(str(out), "output path", error=OutputPathError, file=True)
    if out.name in ("", ".."):  # Path("."), Path(""): "PosixPath('.') has an empty name" (a ValueError)
        raise OutputError("names a directory, not the artifact's file: give a file name ending in .npz, e.g. "
                          f"{out / 'model.npz'}", path=out, errno=errno.EISDIR)
    if out.name in (REGISTRY_NAME, VECTORS_NAME, INDEX_NAME):
        raise OutputError(f"{out.name} is written beside the artifact; give the artifact another name",
                          path=out)
    if out.suffix.lower() != ".npz":  # m.npz.gz, m.txt: one uncompressed .npz was written under the name
        inner = out.with_suffix("")
        give = inner if inner.suffix.lower() == ".npz" else out.with_suffix(".npz")
        raise OutputError("the artifact is an uncompressed .npz file (a zip of .npy arrays); give a name "
                          f"ending in .npz, e.g. {give.name}", path=out)
    # os.path's: pathlib's raised a bare OSError for a name too long (check_output_file names it)
    if os.path.exists(out) and not (os.path.isfile(out) or os.path.isdir(out)):
        check_output_path(out)  # a device, pipe or socket: refused before its directory is probed
    # its directory can be written ("output path ro/m.npz: Permission denied: the folder ro
    # is not writable ...", :func:`exposure._io.unwritable_folder`, said by check_output_file)
    check_output_file(out)
    if pinnable_name(out.name) != out.name:  # (after the surrounding spaces) a registry line cannot hold it
        raise OutputError(f"the artifact is pinned in {REGISTRY_NAME} beside it by a line 'name sha256', "
                          "which cannot hold a name with a space or '#' (the registry written could not "
                          f"be read back, nor the model loaded); give a name without them, e.g. "
                          f"{pinnable_name(out.name)}", path=out)
    for path in (out, *(out.parent / name for name in (REGISTRY_NAME, VECTORS_NAME, INDEX_NAME))):
        check_output_path(path)
    _check_other_artifact(out)
    _check_neighbours(out)
    return out


def _artifact_metadata(path: Path):
    """The ``metadata.json`` of a zip of arrays written by :func:`exposure._io.write_arrays`; None for any other file."""
    try:
        with zipfile.ZipFile(path) as archive:
            return json.loads(archive.read("metadata.json"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None


def _check_other_artifact(out: Path) -> None:
    """Refuse an ``out`` that is the fine-tuned transformer's artifact, not a learned model.

    The transformer (``transformer-v1.npz``, pinned in the same registry as the learned
    model) under the name given to :func:`train_and_save` was replaced by the learned model
    and re-pinned: the fine-tuned layers were lost, and ``load_transformer`` then said
    ``the transformer artifact's metadata lacks 'base_sha256'``. A learned model (retrained
    in place) and any other file are written over as before, but not under the transformer's
    name (:data:`exposure.scoring.transformer.MODEL_NAME`): a learned model written and
    pinned as ``transformer-v1.npz`` was then read as the transformer by ``--method
    transformer --model`` (``not a transformer artifact``).
    """
    meta = _artifact_metadata(out) if out.is_file() else None
    if isinstance(meta, dict) and "base_sha256" in meta:  # what every transformer artifact records
        raise OutputError("it is a transformer artifact (method 'transformer'), not a learned model: training "
                          "would write the learned model over it; give the artifact another name", path=out)
    if out.name == TRANSFORMER_NAME:  # the learned model pinned under it was read as the transformer
        raise OutputError(f"{out.name} is the name of the fine-tuned transformer's artifact (method "
                          f"'transformer'), not of a learned model: exposure score --method transformer "
                          f"--model would read it as one; give the artifact another name, e.g. {MODEL_NAME}",
                          path=out)


def _check_neighbours(out: Path) -> None:
    """Refuse a directory whose registry is not one, or that holds another learned model.

    The retrieval index and the word vectors are written beside the artifact under fixed
    names (:data:`~exposure.scoring.retrieval.INDEX_NAME`,
    :data:`~exposure.scoring._embed.VECTORS_NAME`), and the index carries the model's own
    probabilities of the O*NET tasks: a second model trained into the directory of another
    replaced that one's index and re-pinned it, so the other model then scored with it
    without a word. A ``registry.txt`` that is not a registry was extended, and the model
    written beside it could not be loaded.
    """
    registry = out.parent / REGISTRY_NAME
    if not registry.is_file():
        return
    pins = read_registry(registry)  # DataFormatError naming the file and the row
    for name in pins:
        other = out.parent / name
        if name in (out.name, REGISTRY_NAME, VECTORS_NAME, INDEX_NAME) or not other.is_file():
            continue
        meta = _artifact_metadata(other)
        if meta is None:
            continue  # not a model artifact of this package: it reads nothing of ours
        shared = [meta.get(key) for key in ("index", "vectors")
                  if isinstance(meta, dict) and meta.get(key) in (INDEX_NAME, VECTORS_NAME)]
        if shared:
            raise OutputError(f"{out.parent} already holds the learned model {name} (pinned in {REGISTRY_NAME}), "
                              f"which reads {' and '.join(shared)} beside it: training {out.name} there "
                              f"would replace them, and {name} would then score with {out.name}'s without "
                              f"a word; write {out.name} to a directory of its own, or retrain {name} itself",
                              path=out)


def _training_vectors(out: Path, onet, distill: bool, model_dir) -> StaticVectors:
    """Static word vectors for training: distilled afresh, pinned beside ``out``, or shipped.

    Raises
    ------
    exposure.errors.DataFormatError
        Without ``distill``, word vectors beside ``out`` that it would not use: a
        ``vectors-v1.npz`` that the ``registry.txt`` beside it does not pin, or with no
        ``registry.txt`` there (unless it is a copy of the shipped vectors), and a
        ``registry.txt`` pinning vectors other than the shipped ones that are not there.
        Before, the shipped vectors were trained on and written over that file (or
        re-pinned), without a word.
    """
    if distill:
        if onet is None:
            raise ExposureError("distilling the word vectors needs an O*NET release (its vocabulary)")
        return distill_vectors(onet, model_dir=model_dir)
    _check_own_vectors(out.parent)
    for folder in (out.parent, shipped_model_path().parent):
        registry = folder / REGISTRY_NAME
        if (folder / VECTORS_NAME).is_file() and registry.is_file():
            pins = read_registry(registry)
            if VECTORS_NAME not in pins:  # "is not listed in the model registry": which one?
                raise DataFormatError(f"{VECTORS_NAME} beside it is not pinned here: add its sha256, remove it "
                                      "(the shipped vectors are then used), or train with distill=True "
                                      "(exposure train --distill)", path=registry)
            return load_vectors(folder / VECTORS_NAME, pins)
    raise ExposureError(f"no pinned {VECTORS_NAME} beside {out} or in the package: train with "
                        "distill=True (exposure train --distill)")


def _check_own_vectors(folder: Path) -> None:
    """Refuse word vectors in ``folder`` that training on the shipped ones would replace or drop.

    A ``vectors-v1.npz`` with no ``registry.txt`` beside it (the user's own, distilled
    elsewhere and copied there), or a ``registry.txt`` pinning a ``vectors-v1.npz`` that is
    not there: the shipped vectors were trained on and written over the file (or pinned in
    place of the pin), without a word. A copy, or a pin, of the shipped vectors is accepted.
    """
    vectors, registry = folder / VECTORS_NAME, folder / REGISTRY_NAME
    shipped = read_registry().get(VECTORS_NAME)
    distill = "or train with distill=True (exposure train --distill)"
    if vectors.is_file() and not registry.is_file():
        if hashlib.sha256(vectors.read_bytes()).hexdigest() == shipped:
            return
        raise DataFormatError(f"not pinned (no {REGISTRY_NAME} beside it) and not the shipped word vectors: "
                              "training would write the shipped vectors over it and learn from them; pin it "
                              f"in a {REGISTRY_NAME} beside it (a line '{VECTORS_NAME} SHA256') to train on it, "
                              f"move it away to train on the shipped ones, {distill}", path=vectors)
    if not vectors.exists() and registry.is_file():
        pinned = read_registry(registry).get(VECTORS_NAME)
        if pinned is not None and pinned != shipped:
            raise DataFormatError(f"pins {VECTORS_NAME} (sha256 {pinned}), which is not beside it: training "
                                  f"would learn from the shipped vectors (sha256 {shipped}) and pin them in its "
                                  f"place; put the file back to train on it, remove its line to train on the "
                                  f"shipped ones, {distill}", path=registry)
