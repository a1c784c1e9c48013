"""Agreement of a scoring method with the human labels of Eloundou et al. (2023): the report.

:func:`evaluate_method` builds the agreement table of one scorer (task accuracy and Cohen's
kappa, occupation-level Pearson r of alpha, beta, gamma, expected calibration error and
Brier score; the figures of :func:`exposure.scoring._evaluate.agreement`) next to GPT-4's
labels on the same rows and the figures published in the paper (:data:`PAPER_GPT4`).
``learned`` is evaluated under cross-validation grouped by SOC 6-digit code, with the
reliability table of its calibrated probabilities (:func:`reliability_table`).
:func:`write_agreement_report` writes them (``exposure report agreement`` and
``exposure evaluate`` run both).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from exposure._args import (
    check_choice,
    check_count,
    check_flag,
    check_path,
    choice_hint,
    is_number,
    shown,
)
from exposure._io import atomic_paths, write_csv
from exposure._measures import CATEGORIES, LABELS
from exposure._outdir import OutputPathError, refuse_spaces
from exposure._tables import check_pairs, task_id_numbers
from exposure.errors import DataFormatError, ExposureError, OutputError
from exposure.fetch import refuse_read_folders
from exposure.measures._crosswalk import check_once
from exposure.measures.eloundou import check_task_labels, labels_location
from exposure.reports.rubric import checked_labels
from exposure.schemas._fields import ONETSOC_PATTERN, code_hint
from exposure.scoring import PROBA_COLUMNS, _check_row_offset, _check_rows, score_tasks
from exposure.scoring._evaluate import (
    agreement,
    check_classes,
    check_proba,
    cohen_kappa,
    confidence_bins,
    onehot,
)
from exposure.scoring._inputs import DWA_TABLES, ONET_TABLES, check_onet
from exposure.scoring._train import (
    MODERN_TRAINING,
    TrainConfig,
    check_class_groups,
    check_fold_count,
    check_label_texts,
    checked_config,
    checked_task_labels,
    cross_validate,
    index_frame,
    modern_training_rows,
    spelt_otherwise,
    task_key,
    training_frame,
)
from exposure.scoring.categories import _warn_unread_keys
from exposure.scoring.learned import as_model
from exposure.scoring.retrieval import build_index
from exposure.scoring.rubric import rubric_scores

__all__ = [
    "PAPER_GPT4",
    "PROTOCOL_NAMES",
    "baseline_cv",
    "FreeTextReport",
    "check_paraphrases",
    "check_paraphrase_rows",
    "check_modern_tasks",
    "evaluate_free_text",
    "exposed_figures",
    "modern_report",
    "reliability_table",
    "evaluate_method",
    "report_name",
    "write_agreement_report",
]

logger = logging.getLogger(__name__)

#: GPT-4 vs human agreement published by Eloundou et al. (2023) on all their rows.
PAPER_GPT4 = {"accuracy": 0.656, "kappa": 0.437, "r_alpha": 0.435, "r_beta": 0.876, "r_gamma": 0.913}

#: Columns of the labels frame the agreement reports read (besides ``onetsoc_code``, ``task_id``).
_LABEL_COLUMNS = ["human_exposure_agg", "gpt4_exposure"]
_OTHER_COLUMNS = ["task", "task_type", "title"]


def _cv_args(n_folds, seed) -> tuple[int, int]:
    """``n_folds`` (2 or more) and ``seed`` (0 or more) as ints; ``"2"`` and True refused."""
    return check_count(n_folds, "n_folds", 2), check_count(seed, "seed", 0)


#: The methods the agreement report evaluates.
_METHODS = ("learned", "rubric", "reference")


def _check_method(method) -> None:
    """Refuse a ``method`` other than learned, rubric or reference, saying what to write.

    A method in another case (``"Rubric"``) was refused as ``unknown method 'Rubric';
    choose learned, rubric or reference``, where ``exposure report agreement --method
    Rubric`` says ``write 'rubric'`` (:func:`exposure._args.choice_hint`); :func:`report_name`
    checked the type only, and named the file ``agreement_Rubric.csv`` (``agreement_bogus.csv``).

    Examples
    --------
    >>> _check_method("Rubric")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: unknown method 'Rubric'; choose learned, rubric or reference: write 'rubric' (the choices are case-sensitive)
    """
    check_choice(method, "method", _METHODS)  # a Series: pandas' truth value error
    if method not in _METHODS:
        raise ExposureError(f"unknown method {method!r}; choose learned, rubric or reference"
                            f"{choice_hint(method, _METHODS)}")


def _needs_onet(onet, config, what: str) -> None:
    """Refuse ``onet=None`` where the grounded block needs the release's retrieval index."""
    sets = (config or TrainConfig()).sets
    if onet is None and any("grounded" in names for names in sets.values()):
        raise ExposureError(f"{what} needs onet, an O*NET release (e.g. exposure.load_onet('29.1')): its "
                            "work activities and the retrieval index of its tasks feed the learned model")


def _check_cv_groups(labels: pd.DataFrame, n_folds: int, where: str = "labels",
                     row_offset: int = 1, *, instead: str = "") -> None:
    """Refuse labels that no grouped cross-validation can evaluate, before the retrieval index is built.

    The cross-validation holds out whole occupation groups (SOC 6-digit codes, the first
    seven characters of ``onetsoc_code``: :func:`~exposure.scoring._train.grouped_folds`).
    Labels of one group were refused only after the index, with advice no ``n_folds`` can
    follow (``cannot deal 1 occupation groups into 5 folds: the folds must number from 2
    to 1``); a class whose tasks all sit in one group was refused with ``give fewer folds
    or another seed, or more E2 tasks``, though no number of folds and no seed can help
    (the model trained without that group's fold never sees the class). ``n_folds`` above
    the groups was refused without naming ``n_folds``. A class of one group is refused by
    :func:`~exposure.scoring._train.check_class_groups`, the check of ``exposure train``
    (one wording: they said it in two ways). A class that no task has is left to
    :func:`~exposure.scoring._train.check_fold_classes` (its message fits it).

    Parameters
    ----------
    labels : pandas.DataFrame
        Labels checked by :func:`exposure.reports.rubric.checked_labels` (fresh index).
    n_folds : int
        The folds asked for (checked: 2 or more).
    where, row_offset : str and int
        :func:`exposure.measures.eloundou.labels_location`: the labels file and the line of
        its first row, or ``"labels"`` and 1.
    instead : str, optional
        What else to run on labels of one group (``", or evaluate method 'rubric' ..."``).

    Raises
    ------
    exposure.errors.DataFormatError
        Labels of one occupation group, ``n_folds`` above the number of groups
        (:func:`~exposure.scoring._train.check_fold_count`, naming the labels and their
        column of codes), or a class (E0, E1, E2) whose tasks are all of one group
        (:func:`~exposure.scoring._train.check_class_groups`, naming the first such row and
        ``human_exposure_agg``).

    Examples
    --------
    >>> labels = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1041.00"],
    ...                        "human_exposure_agg": ["E0", "E1", "E2"]})
    >>> _check_cv_groups(labels, 2)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels, row 1, column 'human_exposure_agg': every E0 task is of one occupation group, 11-1011 (SOC 6-digit): the cross-validation holds out whole groups, so the model trained without that group's fold learns no E0, whatever the folds and seed; give E0 tasks of two occupation groups at least
    """
    groups = labels["onetsoc_code"].astype(str).str[:7].to_numpy()
    named = {} if where == "labels" else {"path": where}

    # the one check (and words) of exposure train and --folds: one group, or more folds than groups
    check_fold_count(groups, n_folds, path=named.get("path"),
                     column="O*NET-SOC Code" if named else "onetsoc_code", what="labels", instead=instead)
    # a class of one group: the check (and the words) of exposure train, in one place
    y = labels["human_exposure_agg"].map({label: k for k, label in enumerate(LABELS)}).to_numpy()
    check_class_groups(y, groups, path=named.get("path"), row_offset=row_offset)


def _proba(proba) -> np.ndarray:
    """``proba`` as an (n, 3) float array of probabilities (rows with NaN kept); refused, naming ``proba``.

    A row outside [0, 1] or not summing to 1 is refused (:func:`~exposure.scoring._evaluate.check_proba`).
    """
    return check_proba(proba, nan_rows=True)


def _classes(y, n: int) -> np.ndarray:
    """``y`` as an int array of ``n`` classes 0, 1 or 2; anything else refused, naming ``y``.

    A scalar was broadcast to every row, a text compared as not equal, another length
    raised numpy's "operands could not be broadcast".
    """
    return check_classes(y, n)


def _paired(proba, y) -> None:
    """Refuse a ``y`` Series holding the index labels of a ``proba`` frame in another order.

    The rows are paired by position: the scores of a frame sorted since (``score_tasks``
    keeps the frame's index) were compared with the classes of another row, without a word
    (accuracy 0.5 for a scorer right on every task). Rule of
    :func:`exposure._tables.check_pairs`.
    """
    check_pairs((proba, "proba"), (y, "y"))


def reliability_table(proba, y, n_bins: int = 10) -> pd.DataFrame:
    """Per confidence bin: number of tasks, mean top-class probability, accuracy.

    Parameters
    ----------
    proba : array-like, shape (n, 3)
        Class probabilities.
    y : array-like of int
        True class index of each row.
    n_bins : int, default 10
        Equal-width bins of the top-class probability.

    Returns
    -------
    pandas.DataFrame
        Columns ``bin_low, bin_high, n_tasks, mean_confidence, accuracy``; one row per
        non-empty bin. Rows of ``proba`` with NaN are left out, as
        :func:`~exposure.scoring._evaluate.agreement` leaves them out of the ECE (such a
        row made a bin at -9.2e17); with no row left, the table has the columns and no
        rows (it had no columns).

    Raises
    ------
    exposure.errors.DataFormatError
        ``proba`` is not an (n, 3) array of probabilities (a row outside [0, 1] or not
        summing to 1 gave a mean confidence of 1.5); ``y`` is not one class 0, 1 or 2 per
        row of ``proba``, or is a Series holding the index labels of a ``proba`` frame in
        another order (the rows are paired by position: a sorted frame gave an accuracy of
        0.5 for a scorer right on every task, without a word); ``n_bins`` is not a whole
        number of 1 or more (``True`` is not 1).

    Examples
    --------
    >>> reliability_table([[0.9, 0.1, 0.0], [0.6, 0.4, 0.0]], [0, 1], n_bins=2)
       bin_low  bin_high  n_tasks  mean_confidence  accuracy
    0      0.5       1.0        2             0.75       0.5
    """
    p = _proba(proba)
    classes = _classes(y, len(p))
    _paired(proba, y)  # a sorted proba frame was read against the classes of other rows
    n_bins = check_count(n_bins, "n_bins", 1)  # True was one bin; None a TypeError
    keep = ~np.isnan(p).any(axis=1)  # a NaN row was a bin at -9.2e17
    proba, y = p[keep], classes[keep]
    conf = proba.max(axis=1)
    correct = (proba.argmax(axis=1) == y).astype(float)
    bins = confidence_bins(conf, n_bins)  # 15/22 fell one bin below its lower edge
    rows = []
    for b in np.unique(bins):
        m = bins == b
        rows.append({"bin_low": b / n_bins, "bin_high": (b + 1) / n_bins, "n_tasks": int(m.sum()),
                     "mean_confidence": float(conf[m].mean()), "accuracy": float(correct[m].mean())})
    return pd.DataFrame(rows, columns=["bin_low", "bin_high", "n_tasks", "mean_confidence", "accuracy"])


def evaluate_method(method: str, labels: pd.DataFrame, onet=None, *, n_folds: int | None = None,
                    seed: int | None = None, control: bool = False, config=None,
                    labels_path=None) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Agreement table of ``method`` with the human labels, next to GPT-4's labels.

    Parameters
    ----------
    method : {"learned", "rubric", "reference"}
        ``learned`` is trained and evaluated under cross-validation grouped by SOC 6-digit
        code (its O*NET set with work activities and its text-only set); ``rubric`` has no
        training and is scored on every row; ``reference`` is the GPT-4 label itself.
    labels : pandas.DataFrame
        :func:`exposure.measures.eloundou.read_task_labels` output.
    onet : exposure.onet.OnetRelease, optional
        Needed for the work-activity features and by the rubric.
    n_folds, seed : int, optional
        Cross-validation folds and seed of ``learned`` (default 5 and 0); refused with
        ``rubric`` and ``reference``, which are scored on every row without training.
    control : bool, default False
        Add the shuffled-label negative control of ``learned`` (one more CV run).
    config : exposure.scoring._train.TrainConfig, optional
    labels_path : str or os.PathLike, optional
        The file ``labels`` was read from (``full_labelset_train.tsv``), named by the
        warnings.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame or None)
        The agreement table (one row per scorer: ``scorer, protocol, n_tasks,
        n_occupations, accuracy, kappa, r_alpha, r_beta, r_gamma, ece, brier``) and, for
        ``learned``, the reliability table of its calibrated O*NET-set probabilities.

    Raises
    ------
    exposure.errors.ExposureError
        Unknown method (or not a str; one in another case, ``"Rubric"``, is told to write
        ``'rubric'``); ``n_folds`` not a whole number of 2 or more, ``seed``
        not one of 0 or more, ``control`` not True or False, or True with a method other
        than ``learned``; ``n_folds`` or ``seed`` given to ``rubric`` or ``reference``
        (taken and ignored without a word, where ``exposure report agreement`` refuses
        ``--folds`` and ``--seed`` with them); ``learned`` without ``onet`` (with the default ``config``).
    exposure.errors.DataFormatError
        Before the labels are read: ``onet`` that is not an O*NET release (a release name
        ``"29.1"``, a path, one of its tables: :func:`exposure.scoring._inputs.check_onet`),
        ``config`` that is not a :class:`~exposure.scoring._train.TrainConfig` (a dict of
        settings). Both raised an ``AttributeError`` (``'str' object has no attribute
        'task_dwas'``) once the labels were checked. ``labels`` is not a frame, lacks
        ``onetsoc_code``, ``task_id``, ``task``, ``task_type``, ``title``,
        ``human_exposure_agg`` or ``gpt4_exposure``, has no rows,
        or a row has a label other than ``E0``, ``E1``, ``E2`` or none, a task twice, a
        missing code or task ID, or (``learned``) a code not of the form ``00-0000.00``
        (:func:`exposure.reports.rubric.checked_labels`, naming the row and the column). A GPT-4 label ``'e1'`` or missing was left out of the
        GPT-4 row without a word. For ``learned``, a task statement or title that is
        missing, blank or not text (scikit-learn's ``ValueError: np.nan is an invalid
        document`` before, after the retrieval index was built); labels of one occupation
        group (SOC 6-digit), ``n_folds`` above their groups, or tasks of one class all of one group
        (:func:`_check_cv_groups`: refused after the index, told to give other folds or a
        seed, which cannot help).

    Warns
    -----
    With ``onet`` (``learned``, ``rubric``), a warning (log) names the first row of the
    labels whose code the release lacks or whose task ID it does not list under that code
    (labels of another release, or the user's own tasks): those tasks get no work
    activities, so the figures of the rows that use them are not those of O*NET tasks.
    ``labels_path`` and its line are named as by
    :func:`exposure.reports.rubric.rubric_agreement`. Before, nothing was said.

    Examples
    --------
    >>> labels = pd.DataFrame({
    ...     "onetsoc_code": ["11-1011.00", "11-1011.00", "47-2031.00", "47-2031.00",
    ...                      "43-9061.00"],
    ...     "task_id": [1, 2, 3, 4, 5], "task_type": ["Core", "Core", "Core", None, "Core"],
    ...     "task": ["Write reports.", "Enter data into databases.", "Cut lumber with saws.",
    ...              "Nail boards using hammers.", "Answer telephones."],
    ...     "title": ["Chief Executives"] * 2 + ["Carpenters"] * 2 + ["Office Clerks"],
    ...     "human_exposure_agg": ["E1", "E2", "E0", "E0", "E1"],
    ...     "gpt4_exposure": ["E1", "E2", "E0", "E1", "E1"]})
    >>> table, reliability = evaluate_method("rubric", labels)
    >>> table["scorer"].tolist()
    ['rubric', 'GPT-4 labels (reference-gpt4), same rows', 'GPT-4 labels, published (Eloundou et al. 2023)']
    >>> float(table.loc[1, "accuracy"]), reliability is None
    (0.8, True)
    """
    _check_method(method)
    check_flag(control, "control")  # "no" ran the control
    if control and method != "learned":  # ignored without a word
        raise ExposureError(f"control (the shuffled-label control) is for method learned only, not {method}")
    given = [name for name, value in (("n_folds", n_folds), ("seed", seed)) if value is not None]
    if given and method != "learned":  # taken and ignored without a word
        named = " and ".join(given)
        raise ExposureError(f"{named} {'is' if len(given) == 1 else 'are'} for method learned only (its "
                            f"cross-validation): {method} is scored on every row without training; leave "
                            f"{named} out")
    n_folds, seed = _cv_args(5 if n_folds is None else n_folds, 0 if seed is None else seed)
    # a release name ("29.1") or a dict of settings: an AttributeError once the labels were checked
    check_onet(onet, ONET_TABLES if method == "learned" else DWA_TABLES)
    config = checked_config(config)
    where, row_offset = labels_location(labels, labels_path)  # before the index is reset
    # the folds group O*NET-SOC codes by SOC 6-digit; the rubric and GPT-4 rows only by code
    labels = checked_labels(labels, _LABEL_COLUMNS, _OTHER_COLUMNS, onet_codes=method == "learned")
    if method == "learned":
        _needs_onet(onet, config, "method 'learned'")
        check_label_texts(labels)  # scikit-learn's "np.nan is an invalid document", after the index
        # one occupation group, or a class in one: refused after the index, advising folds or a seed
        _check_cv_groups(labels, n_folds, where, row_offset,
                         instead=", or evaluate method 'rubric' or 'reference' (scored on every row, "
                                 "without training)")
    if method == "learned":  # tasks O*NET does not list got no work activities, without a word
        _warn_unread_keys(labels, onet, path=where, row_offset=row_offset)  # (the rubric's own says so)
    rows = training_frame(labels, onet)
    y = rows["y"].to_numpy()
    codes = rows["onetsoc_code"].to_numpy()
    w = rows["weight"].to_numpy()
    table = []
    reliability = None
    proto = f"grouped {n_folds}-fold CV by SOC 6-digit (seed {seed})"

    def add(name, protocol, proba):
        table.append({"scorer": name, "protocol": protocol, **agreement(proba, y, codes, w)})

    if method == "learned":
        index = index_rows = None
        if onet is not None:
            index, index_rows = build_index(onet), index_frame(onet)
        cv = cross_validate(rows, config, n_folds=n_folds, seed=seed, index=index, index_rows=index_rows)
        for which in cv["proba"]:
            add(PROTOCOL_NAMES.get(which, f"learned ({which})"), proto, cv["proba"][which])
            add(PROTOCOL_NAMES.get(which, f"learned ({which})") + ", uncalibrated", proto,
                cv["raw_proba"][which])
        main = "onet" if "onet" in cv["proba"] else next(iter(cv["proba"]))
        reliability = reliability_table(cv["proba"][main], y)
        add("baseline: scikit-learn TF-IDF (1-2 grams) + logistic regression, text alone", proto,
            baseline_cv(rows, cv["folds"]))
        if control:
            shuffled = cross_validate(rows, config, n_folds=n_folds, seed=seed, shuffle_labels=True,
                                      index=index, index_rows=index_rows)
            add("learned, shuffled training labels (control)", proto, shuffled["proba"][main])
    elif method == "rubric":
        frame = labels[["onetsoc_code", "task_id", "task", "title"]].reset_index(drop=True)
        scored = rubric_scores(frame, text_column="task", onet=onet, path=where, row_offset=row_offset)
        add("rubric", "all rows (no training)", scored[list(PROBA_COLUMNS)].to_numpy(float))
    add("GPT-4 labels (reference-gpt4), same rows", "all rows (no training)", onehot(labels["gpt4_exposure"]))
    paper = {"scorer": "GPT-4 labels, published (Eloundou et al. 2023)", "protocol": "paper, all rows",
             "n_tasks": np.nan, "n_occupations": np.nan, **PAPER_GPT4, "ece": np.nan, "brier": np.nan}
    table.append(paper)
    out = pd.DataFrame(table)
    out["n_tasks"] = out["n_tasks"].astype("Int64")
    out["n_occupations"] = out["n_occupations"].astype("Int64")
    return out, reliability


#: Scorer names of the cross-validation protocols of :func:`exposure.scoring._train.cross_validate`.
PROTOCOL_NAMES = {
    "onet": "learned, O*NET ids (work activities + text)",
    "text": ("learned, free text + title + O*NET-SOC code (grounded in retrieved tasks, and blended "
             "with them)"),
    "title": ("learned, text set given the occupation title without a code (for comparison: "
              "such rows are scored as text alone)"),
    "free": "learned, free text alone (words and word vectors, blended with its closest O*NET tasks)",
}

#: Name of the text-alone row before the blend with the closest O*NET tasks (trial G).
WORDS_ONLY_NAME = "learned, free text alone before the blend (words and word vectors only)"

#: Name of the row of text with code and title before the blend (trial H).
CODED_WORDS_NAME = "learned, free text + title + O*NET-SOC code before the blend"


def baseline_cv(rows: pd.DataFrame, folds, C: float = 1.0) -> np.ndarray:
    """Out-of-fold probabilities of a plain scikit-learn TF-IDF (1-2 grams) + logistic regression.

    The simplest text model, fitted on the task text alone of the training folds
    (``TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)``, ``LogisticRegression``
    with default settings): the baseline every text scorer must beat. Needs scikit-learn.

    Examples
    --------
    >>> rows = pd.DataFrame({"task": ["Type letters.", "Type memos.", "Lay bricks.", "Pour concrete.",
    ...                               "File records.", "Weld beams."], "y": [1, 1, 0, 0, 1, 0]})
    >>> baseline_cv(rows, np.array([0, 1, 0, 1, 0, 1])).shape
    (6, 3)
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    folds = np.asarray(folds)
    y = rows["y"].to_numpy()
    texts = np.asarray(rows["task"].tolist(), dtype=object)
    out = np.zeros((len(rows), 3))
    for k in np.unique(folds):
        tr, te = folds != k, folds == k
        vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(texts[tr])
        clf = LogisticRegression(C=C, max_iter=2000).fit(vec.transform(texts[tr]), y[tr])
        proba = np.zeros((int(te.sum()), 3))
        proba[:, clf.classes_] = clf.predict_proba(vec.transform(texts[te]))
        out[te] = proba
    return out


def exposed_figures(proba, y) -> dict:
    """Share right on "exposed or not" (E1 or E2 against E0), by two decision rules.

    ``exposed_right_label``: exposed when the most probable class (the ``label`` column)
    is E1 or E2. ``exposed_right_gamma``: exposed when ``gamma`` = p(E1) + p(E2) is at
    least one half, the rule that gets the most tasks right on the yes/no question when
    the probabilities are calibrated (a task at p = 0.45 / 0.30 / 0.25 is labelled E0 but
    is more likely exposed than not).

    Parameters
    ----------
    proba : array-like, shape (n, 3)
        Probabilities of E0, E1, E2.
    y : array-like of int
        Class of each task (0, 1, 2).

    Returns
    -------
    dict
        Over the rows of ``proba`` without NaN, as :func:`~exposure.scoring._evaluate.agreement`
        counts them (a NaN row, a task with no GPT-4 label, was counted as "not exposed"
        under both rules); NaN when no row is left.

    Raises
    ------
    exposure.errors.DataFormatError
        ``proba`` is not an (n, 3) array of probabilities; ``y`` is not one class 0, 1 or 2
        per row of ``proba`` (a single number was broadcast to every row), or is a Series
        holding the index labels of a ``proba`` frame in another order (paired by position:
        a sorted frame was compared with other rows' classes, without a word).

    Examples
    --------
    >>> exposed_figures([[0.45, 0.30, 0.25], [0.9, 0.05, 0.05]], [1, 0])
    {'exposed_right_label': 0.5, 'exposed_right_gamma': 1.0}
    """
    p = _proba(proba)
    truth = _classes(y, len(p)) > 0
    _paired(proba, y)  # a sorted proba frame was read against the classes of other rows
    keep = ~np.isnan(p).any(axis=1)  # argmax of a NaN row is 0: "not exposed"
    p, truth = p[keep], truth[keep]
    if not len(p):
        return {"exposed_right_label": float("nan"), "exposed_right_gamma": float("nan")}
    return {"exposed_right_label": float(((p.argmax(axis=1) > 0) == truth).mean()),
            "exposed_right_gamma": float(((p[:, 1] + p[:, 2] >= 0.5) == truth).mean())}


def report_name(method: str) -> str:
    """File name of the agreement report of ``method``.

    Examples
    --------
    >>> report_name("learned"), report_name("rubric")
    ('agreement.csv', 'agreement_rubric.csv')

    Raises
    ------
    exposure.errors.DataFormatError
        ``method`` is not a string (a Series raised pandas' truth value error).
    exposure.errors.ExposureError
        ``method`` is not learned, rubric or reference (``"Rubric"`` is told to write
        ``'rubric'``): ``agreement_Rubric.csv`` and ``agreement_bogus.csv`` were named.
    """
    _check_method(method)  # "Rubric", "bogus": agreement_Rubric.csv, agreement_bogus.csv
    return "agreement.csv" if method == "learned" else f"agreement_{method}.csv"


def write_agreement_report(table: pd.DataFrame, reliability: pd.DataFrame | None, out, *,
                           beside: dict | None = None) -> list[Path]:
    """Write the output of :func:`evaluate_method` (floats rounded to 4 decimals).

    Parameters
    ----------
    table, reliability : pandas.DataFrame
        :func:`evaluate_method` output; ``reliability`` may be None.
    out : str or os.PathLike
        CSV of the agreement table; the reliability table goes beside it as
        ``<stem>_calibration.csv``.
    beside : dict of str to pandas.DataFrame, optional
        More tables (file name -> table) written beside ``out`` in the same set (the
        paraphrase and modern-task tables of ``exposure evaluate``): all files are renamed
        into place at the end, or none is.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    exposure.errors.OutputError
        Before anything is written: a ``beside`` name that is ``out``'s own or its
        calibration's (``out`` ``freetext_modern.csv`` with a ``freetext_modern.csv``
        table: the later table was written over the earlier, and one was lost), a name
        that differs from those, or from another ``beside`` name, only in case
        (``Agreement.csv`` beside ``agreement.csv``: one file on a case-insensitive file
        system, macOS or Windows, where one table was lost), or that is not a plain file
        name (``./agreement.csv`` was written over the report; ``sub/x.csv`` raised
        pathlib's ``ValueError``).
    exposure.errors.DataFormatError
        ``table``, ``reliability`` (when not None) or a ``beside`` table is not a frame,
        ``beside`` is not a dict, or ``out`` is not a path (an ``AttributeError`` or
        ``TypeError`` before).
    exposure.errors.ExposureError
        ``out`` or a ``beside`` name not ending in ``.csv`` (CSV text was written under
        ``a.xlsx``).
    exposure._outdir.OutputPathError
        ``out`` inside the mirror, the download cache's folders or the installed package
        (:func:`exposure.fetch.refuse_read_folders`); ``out`` with surrounding spaces or a
        line end (``" agreement.csv"`` was written under that name, ``"agreement.csv\\r"``
        told to give a name ending in ``.csv``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "agreement.csv"
    >>> table = pd.DataFrame({"scorer": ["x"], "kappa": [0.123456]})
    >>> [p.name for p in write_agreement_report(table, table, out)]
    ['agreement.csv', 'agreement_calibration.csv']
    >>> out.read_text().splitlines()
    ['scorer,kappa', 'x,0.1235']
    """
    out = check_path(out, "out")  # None: a TypeError
    # " a.csv" was written under that name, "a.csv\r" told to give a name ending in .csv (the one given)
    refuse_spaces(str(out), "output path", error=OutputPathError, file=True)
    refuse_read_folders(out, file=True)  # the mirror, the cache, the package: as the CLI
    if out.suffix.lower() != ".csv":  # CSV text was written under a.xlsx
        raise ExposureError(f"{out}: the report is written as CSV; give a file name ending in .csv")
    if beside is not None and not isinstance(beside, dict):
        raise DataFormatError(f"beside must be a dict of file name to table, got {shown(beside)}")
    for what, frame in (("table", table), ("reliability", reliability), *((f"beside[{k!r}]", v)
                                                                           for k, v in (beside or {}).items())):
        if not isinstance(frame, pd.DataFrame) and not (what == "reliability" and frame is None):
            raise DataFormatError(f"{what} must be a pandas DataFrame, got {shown(frame)}")  # an AttributeError

    def rounded(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        num = frame.select_dtypes("float").columns
        frame[num] = frame[num].round(4)
        return frame

    frames = [rounded(table)] if reliability is None else [rounded(table), reliability.round(4)]
    written = [out, out.with_name(out.stem + "_calibration.csv")][:len(frames)]
    own = list(written)  # the report and its calibration
    for name, extra in (beside or {}).items():
        if not isinstance(name, str) or name in ("", ".", "..") or Path(name).name != name:  # "./x.csv"
            raise OutputError(f"the name {name!r} given in beside must be a plain file name (no directory): "
                              f"the tables are written beside {out.name}", path=out)
        # the later table replaced the earlier: one was lost; names that differ only in case
        # are one file on a case-insensitive file system (macOS, Windows)
        clash = next((path for path in written if path.name.casefold() == name.casefold()), None)
        if clash is not None and clash not in own:  # (dict keys: another beside name in another case)
            raise OutputError(f"the tables {clash.name!r} and {name!r} given in beside differ only in case: they "
                              "are one file on a case-insensitive file system (macOS, Windows), and the later "
                              "would be written over the earlier; give them names that differ otherwise",
                              path=out.with_name(name))
        if clash is not None:
            case = "" if clash.name == name else (" (the names differ only in case: one file on a case-insensitive "
                                                  "file system, macOS or Windows)")
            raise OutputError(f"the table {name!r} given in beside would be written over "
                              f"{'the report' if clash == out else 'its calibration'}{case}: "
                              "give out another name", path=out.with_name(name))
        if Path(name).suffix.lower() != ".csv":  # CSV text was written under t.xlsx
            raise ExposureError(f"{out.with_name(name)}: the table {name!r} given in beside is written as CSV; "
                                "give a file name ending in .csv")
        frames.append(rounded(extra))
        written.append(out.with_name(name))
    with atomic_paths(written) as paths:  # the table and its calibration: one set
        for frame, path in zip(frames, paths, strict=True):
            write_csv(frame, path)
    logger.info("wrote %s", ", ".join(str(p) for p in written))
    return written


@dataclass(frozen=True)
class FreeTextReport:
    """What :func:`evaluate_free_text` measured.

    Attributes
    ----------
    agreement : pandas.DataFrame
        One row per scorer (the columns of :func:`evaluate_method`, and those of
        :func:`exposed_figures`): the ``learned``
        protocols under grouped CV (O*NET ids, text + title + code, text + title, text
        alone), the scikit-learn baseline and GPT-4's labels.
    reliability : pandas.DataFrame
        :func:`reliability_table` of the text-alone protocol.
    paraphrases : pandas.DataFrame or None
        Per fold (and ``all``): kappa of the text-alone protocol on the original
        statements and on their paraphrases, same rows, and the share of equal labels.
        ``kappa_paraphrase`` retrieves a paraphrase in the whole index (it may find the task
        it rewords; the fold's model never saw that task's label),
        ``kappa_paraphrase_unlisted`` in the fold's index (as a rewording of a task O*NET
        does not list) and ``kappa_paraphrase_words`` is before the blend with the closest
        O*NET tasks (words and word vectors only). ``kappa_original_coded`` and
        ``kappa_paraphrase_coded`` score the same rows with their O*NET-SOC code and title
        (the ``text`` set, blended; the paraphrase retrieved in the whole index).
    modern : pandas.DataFrame or None
        Modern tasks scored by the shipped model: share right on exposed-vs-not (by the
        label, and by ``gamma >= 0.5``: :func:`exposed_figures`), on the label, and
        agreement of each category flag, with mean confidence.
    """

    agreement: pd.DataFrame
    reliability: pd.DataFrame
    paraphrases: pd.DataFrame | None
    modern: pd.DataFrame | None


_YES = frozenset({"true", "1", "yes"})
_NO = frozenset({"false", "0", "no"})
#: The text of a flag written as a double (``1.0``, ``0.00``): read as ``1`` or ``0``.
_WHOLE_FLAG = re.compile(r"^([01])\.0+$")


#: The columns each free-text file must have (a file given as the other is named so).
_PARAPHRASE_COLUMNS = ("onetsoc_code", "task_id", "paraphrase")
_MODERN_COLUMNS = ("task", "label", "exposed")


def _need(frame, columns, what: str, path, other: tuple[str, tuple]) -> pd.DataFrame:
    """``frame`` reset, refused when not a frame, without ``columns`` (each once) or rows.

    ``other`` is the name and the columns of the other free-text file: a file that has
    them is named as that file (the two files given the other way round).
    """
    if not isinstance(frame, pd.DataFrame):
        raise DataFormatError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}", path=path)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        name, others = other
        swapped = (f": these are the columns of the {name} file ({', '.join(others)}), not of the {what}"
                   if all(c in frame.columns for c in others) else "")  # the two files given the other way
        # O*NET's headers (O*NET-SOC Code, Task ID): refused without a word of the renaming
        hint = "" if swapped else spelt_otherwise(frame.columns, missing, what, path)
        raise DataFormatError(f"{what} lack column(s) {missing} (columns: {list(frame.columns)}){swapped}{hint}",
                              path=path)
    # frame["task_id"] was a frame: "'DataFrame' object has no attribute 'dtype'"
    check_once(frame, columns, path if path is not None else what)
    if frame.empty:
        raise DataFormatError(f"no {what}: the table has no rows", path=path)
    return frame.reset_index(drop=True)


def check_paraphrases(paraphrases: pd.DataFrame, labelled: pd.DataFrame, *, path=None,
                      row_offset: int = 1) -> pd.DataFrame:
    """Check paraphrases given to :func:`evaluate_free_text`; return them with integer task IDs.

    Every row must reword one labelled task, once: ``onetsoc_code`` an O*NET-SOC code,
    ``task_id`` an integer, the pair among ``labelled`` (the tasks with a human label,
    :func:`~exposure.scoring._train.training_frame`) and on no other row, and
    ``paraphrase`` a non-empty text. A paraphrase of a task without a label used to be left
    out silently, and an empty one was scored as the text ``'<NA>'``. When ``labelled``
    has the statements (``task``, as :func:`~exposure.scoring._train.training_frame`
    gives), a paraphrase may not be a copy of its task's statement (compared without case,
    runs of spaces or final marks ``. ! ? ; : ,``: it measured nothing), nor the text of another row
    whose task's statement differs (a row pasted twice: one of the two was scored against
    the wrong label); tasks of one statement (O*NET lists some in several occupations) may
    share a paraphrase; quotes around a whole text do not count. A paraphrase that shares
    clearly more words with another labelled task of its occupation than with its own, or
    is word for word its statement (filed under the wrong task ID: it is scored against
    the label of the task it is filed under), is kept, with one warning naming the first
    row and both task IDs (:func:`_warn_misfiled`; none of the 1,540 rows of the
    committed sets is so named). A row whose own column ``task`` (the statement it
    rewords, in a file that carries it) is not its task's statement is refused, naming the
    task whose statement it is (:func:`_check_filed_statements`: the column was not read,
    and a row filed under a shifted task ID was scored against the wrong label).
    A frame that has the modern-task columns instead is named so.
    Failures name ``path``, the row (position + ``row_offset``) and the column. The rules
    that need no labels (:func:`check_paraphrase_rows`) are checked first, ``labelled``
    after (a malformed code was named only after a bad ``labelled`` frame).

    Raises
    ------
    exposure.errors.DataFormatError
        Also for a ``labelled`` frame that is not one, lacks ``onetsoc_code`` or
        ``task_id`` or breaks the rules of
        :func:`exposure.measures.eloundou.check_task_labels` (a ``TypeError``, ``KeyError``
        or ``ValueError`` before), a ``row_offset`` that is not a whole number of 0 or
        more, and a ``path`` neither None nor a str or os.PathLike.

    Examples
    --------
    >>> labelled = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [8823]})
    >>> para = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [8823, 8824],
    ...                      "paraphrase": ["You will run the budget.", "You will meet the board."]})
    >>> check_paraphrases(para, labelled)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task_id': task (11-1011.00, 8824) has no human label: a paraphrase must reword a labelled task
    """
    frame = check_paraphrase_rows(paraphrases, path=path, row_offset=row_offset)  # before the labels
    row_offset = _check_row_offset(row_offset)
    checked = check_task_labels(labelled, [], name="labelled")  # None: "not subscriptable" before
    statements = labelled["task"].tolist() if "task" in labelled.columns else None  # training_frame's
    labelled = checked
    keys = list(zip(frame["onetsoc_code"].tolist(), frame["task_id"].tolist(), strict=True))
    known_keys = list(zip(labelled["onetsoc_code"].astype(str), labelled["task_id"].tolist(), strict=True))
    known = set(known_keys)
    for pos, key in enumerate(keys):
        if key not in known:
            raise DataFormatError(f"task ({key[0]}, {key[1]}) has no human label: a paraphrase must reword "
                                  "a labelled task", path=path, row=pos + row_offset, column="task_id")
    if statements is not None:  # the statements reworded: a copy, or one text for two of them
        by_key = dict(zip(known_keys, statements, strict=True))
        _check_filed_statements(frame, keys, by_key, path, row_offset)  # its own column task: not read
        _check_rewordings(frame, keys, by_key, path, row_offset)
        if not _checked_before(paraphrases, keys):  # the CLI's checked frame, given to evaluate_free_text
            _warn_misfiled(frame, keys, by_key, path, row_offset)
    frame.attrs[_CHECKED] = (id(frame), _fingerprint(frame, keys))
    return frame


def check_paraphrase_rows(paraphrases: pd.DataFrame, *, path=None, row_offset: int = 1) -> pd.DataFrame:
    """Check what :func:`check_paraphrases` checks without the labels; return the rows with integer task IDs.

    The columns ``onetsoc_code``, ``task_id`` and ``paraphrase``, each once, and at least
    one row; on every row an O*NET-SOC code, an integer task ID and a non-empty
    paraphrase that :func:`~exposure.scoring.score_tasks` would take as a task text (one
    holding a letter or digit only inside HTML character references, ``&nbsp;``, an empty
    cell of a scraped page, was scored as a blank text, without a word); no task
    paraphrased twice. ``exposure evaluate --paraphrases`` can run
    these before the labels and O*NET are loaded (downloaded when not cached):
    a malformed code, a task ID that is not an integer, a blank paraphrase or a task given
    twice were refused only after them, and :func:`evaluate_free_text` refused them only
    after the labels were checked and their rows built. Matching the rows to the labelled
    tasks is :func:`check_paraphrases`' (which calls this first).

    Parameters
    ----------
    paraphrases : pandas.DataFrame
        ``onetsoc_code, task_id, paraphrase``.
    path : str or os.PathLike, optional
        The file the frame was read from, named by the errors.
    row_offset : int, default 1
        Row number of the frame's first row (2 for a file with a header).

    Returns
    -------
    pandas.DataFrame
        ``paraphrases`` with a fresh index, codes stripped of spaces and task IDs as ints.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming ``path``, the row (position + ``row_offset``) and the column; a code not of
        the form 00-0000.00 is told the code to write where it looks like one
        (:func:`~exposure.schemas._fields.code_hint`: ``15-1252``, ``15-1252.1``, a dash
        pasted from a document; no advice before), a missing code is named missing
        (``np.float64(nan)`` before); a frame of the
        modern-task columns is named so, one holding ``onetsoc_code`` or ``task_id`` twice
        too (an ``AttributeError`` before); a ``row_offset`` that is not a whole number of 0
        or more, a ``path`` neither None nor a str or os.PathLike.

    Examples
    --------
    >>> para = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011"], "task_id": [8823, 8824],
    ...                      "paraphrase": ["You will run the budget.", "You will meet the board."]})
    >>> check_paraphrase_rows(para, path="p.csv", row_offset=2)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: p.csv, row 3, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): '11-1011': a SOC code? an O*NET-SOC code has a two-digit suffix: write '11-1011.00' (the SOC occupation itself) or the O*NET-SOC code meant
    """
    row_offset = _check_row_offset(row_offset)
    if path is not None:
        check_path(path, "path")  # 5 was taken (as check_modern_tasks refuses it)
    frame = _need(paraphrases, _PARAPHRASE_COLUMNS, "paraphrases", path, ("modern-task", _MODERN_COLUMNS))
    codes = frame["onetsoc_code"].astype("string").str.strip()
    bad = ~codes.str.fullmatch(ONETSOC_PATTERN).to_numpy(dtype=bool, na_value=False)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        value = frame["onetsoc_code"].iloc[pos]
        value = value.item() if isinstance(value, np.generic) else value  # 15125200, not np.int64(15125200)
        if pd.isna(codes.iloc[pos]) or not codes.iloc[pos]:  # "...: np.float64(nan)", "...: ''"
            raise DataFormatError("O*NET-SOC code missing", path=path, row=pos + row_offset, column="onetsoc_code")
        # '15-1252', '15-1252.1' (a lost zero), '15–1252.00': what to write, as the other readers say
        raise DataFormatError(f"not an O*NET-SOC code (like 11-1011.00): {value!r}"
                              f"{code_hint(codes.iloc[pos], ONETSOC_PATTERN)}",
                              path=path, row=pos + row_offset, column="onetsoc_code")
    ids = task_id_numbers(frame["task_id"], path=path, row_offset=row_offset)
    if ids.isna().any():
        pos = int(np.flatnonzero(ids.isna().to_numpy(dtype=bool))[0])
        raise DataFormatError("task ID missing", path=path, row=pos + row_offset, column="task_id")
    # the text checks of score_tasks: '&nbsp;' (a scraped empty cell) was scored as a blank text
    _check_rows(frame[["paraphrase"]], "paraphrase", path=path, row_offset=row_offset)
    keys = list(zip(codes.tolist(), (int(i) for i in ids.tolist()), strict=True))
    seen: dict = {}
    for pos, key in enumerate(keys):
        if key in seen:
            raise DataFormatError(f"task ({key[0]}, {key[1]}) is paraphrased twice (rows {seen[key] + row_offset} "
                                  f"and {pos + row_offset})", path=path, row=pos + row_offset, column="task_id")
        seen[key] = pos
    return frame.assign(onetsoc_code=codes.astype(str), task_id=[k[1] for k in keys])


#: Key of ``DataFrame.attrs`` under which :func:`check_paraphrases` and
#: :func:`check_modern_tasks` mark the frames they return (the frame's ``id``, its rows,
#: and for the modern tasks the file and first row they named): a frame the caller edited
#: since, or a copy (pandas copies ``attrs``), no longer matches its mark. It was module
#: state (the last frame checked), which a second frame checked in between, or another
#: thread, replaced.
_CHECKED = "exposure.reports.agreement.checked"


def _fingerprint(frame: pd.DataFrame, keys: list) -> tuple:
    """The keys and texts of the paraphrases ``frame``, to tell a frame changed since."""
    return tuple(keys), tuple(str(t) for t in frame["paraphrase"].tolist())


def _checked_before(paraphrases: pd.DataFrame, keys: list) -> bool:
    """True when ``paraphrases`` is a frame :func:`check_paraphrases` returned, unchanged.

    ``exposure evaluate`` checks the file (naming it) and gives the checked frame to
    :func:`evaluate_free_text`, which checks it again: its warnings were said twice, the
    second time without the file's name.
    """
    mark = paraphrases.attrs.get(_CHECKED) if isinstance(paraphrases, pd.DataFrame) else None
    return (isinstance(mark, tuple) and len(mark) == 2 and mark[0] == id(paraphrases)
            and _fingerprint(paraphrases.reset_index(drop=True), keys) == mark[1])


def _check_filed_statements(frame: pd.DataFrame, keys: list, statement: dict, path, row_offset: int) -> None:
    """Refuse a paraphrase whose own column ``task`` holds another statement than its task's.

    A paraphrase file may carry the statement each row rewords beside its keys
    (``onetsoc_code, task_id, task, paraphrase``, in any case: ``Task``); the column was not
    read, so a row whose task ID was shifted (one column sorted alone in a spreadsheet) was
    scored against the label of the task its ID named, without a word, though its own
    ``task`` said which task it rewords. Statements are compared as the paraphrases are
    (:func:`~exposure.scoring._train.task_key`: case, spaces, final marks and quotes aside); an empty cell is not
    compared. A file with two such columns is left as it was.
    """
    named = [c for c in frame.columns if _column_key(c) == "task"]
    if len(named) != 1:
        return
    column = named[0]
    for pos, (key, text) in enumerate(zip(keys, frame[column].tolist(), strict=True)):
        if text is None or (not isinstance(text, str) and np.ndim(text) == 0 and bool(pd.isna(text))):
            continue
        if not str(text).strip() or task_key(text) == task_key(statement[key]):
            continue
        other = next((k for k, v in statement.items() if k[0] == key[0] and task_key(v) == task_key(text)), None)
        which = (f"; it is the statement of task ({other[0]}, {other[1]})" if other is not None else "")
        raise DataFormatError(f"{text!r} is not the statement of task ({key[0]}, {key[1]}) of the labels, "
                              f"{statement[key]!r}{which}: a paraphrase is paired with its label by onetsoc_code "
                              f"and task_id alone; correct the task ID, or remove the column {column!r} if it holds "
                              "another wording of the same task", path=path, row=pos + row_offset, column=column)


def _check_rewordings(frame: pd.DataFrame, keys: list, statement: dict, path, row_offset: int) -> None:
    """Refuse a paraphrase that copies its task's statement, or that rewords two different statements.

    One that is word for word the statement of another labelled task of its occupation
    (filed under the wrong task ID?) is not refused here: :func:`_warn_misfiled` names it.
    """
    first: dict = {}
    for pos, (key, text) in enumerate(zip(keys, frame["paraphrase"].tolist(), strict=True)):
        original = str(statement[key])
        if task_key(text) == task_key(original):  # scored as the task itself: it measured nothing
            raise DataFormatError(f"the paraphrase of task ({key[0]}, {key[1]}) is a copy of its statement "
                                  f"{original!r}: a paraphrase must reword it", path=path, row=pos + row_offset,
                                  column="paraphrase")
        before = first.setdefault(task_key(text), pos)
        other = keys[before]
        if before != pos and task_key(str(statement[other])) != task_key(original):  # a row pasted twice
            raise DataFormatError(f"the paraphrase {text!r} is also given to task ({other[0]}, {other[1]}) on row "
                                  f"{before + row_offset}, whose statement differs: one text cannot reword both",
                                  path=path, row=pos + row_offset, column="paraphrase")


#: Words a paraphrase adds or drops at will: not counted by :func:`_warn_misfiled`.
_FILLER = frozenset("a an the and or of to in on for with by from at as is are be will you your our their its it "
                    "this that these those into about through so which who he she they we his her them has have "
                    "all any other such".split())
#: A paraphrase is read as filed under the wrong task ID when it shares at least this many
#: words with another labelled task of its occupation, at least twice the share of its own
#: task's words and :data:`_MISFILED_MARGIN` more (shares of the words of both, words cut
#: to their first 5 letters: "analysis" is "analyze").
_MISFILED_SHARED = 4
_MISFILED_MARGIN = 0.2
_WORD = re.compile(r"[^\W_]+")


def _stems(text) -> frozenset:
    """The words of ``text`` other than :data:`_FILLER`, lower-cased and cut to 5 letters."""
    return frozenset(w[:5] for w in _WORD.findall(str(text).casefold()) if w not in _FILLER)


def _share(a: frozenset, b: frozenset) -> float:
    """Share of the words of ``a`` and ``b`` that both have (0 when neither has any)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _warn_misfiled(frame: pd.DataFrame, keys: list, statement: dict, path, row_offset: int) -> None:
    """Warn once when paraphrases read as rewordings of another labelled task of their occupation.

    A paraphrase is paired with its label by key alone: one filed under the wrong task ID
    was scored against the label of that task, without a word. Paraphrases reword on
    purpose (they keep a median 0.24 of the words of their own task, against 0.09 for the
    closest other task of the occupation), so a copy test cannot decide; a paraphrase is
    flagged when it shares clearly more words with another labelled task of the same
    O*NET-SOC code than with its own (:data:`_MISFILED_SHARED`, :data:`_MISFILED_MARGIN`).
    On the committed sets ``paraphrases.csv`` to ``paraphrases_v6.csv`` (1,540 rows) none
    is flagged; of their paraphrases filed under another task of the occupation drawn at
    random, 58% are. The rows are kept as given (it is a warning: the other task may be
    a near twin of the right one).
    """
    tasks: dict = {}
    for key, text in statement.items():
        tasks.setdefault(key[0], []).append((key[1], _stems(text)))
    found = []
    for pos, (key, text) in enumerate(zip(keys, frame["paraphrase"].tolist(), strict=True)):
        words = _stems(text)
        own = _share(words, _stems(statement[key]))
        for task_id, other in tasks.get(key[0], []):
            share = _share(words, other)
            if task_id != key[1] and ((len(words & other) >= _MISFILED_SHARED and share >= 2 * own
                                       and share >= own + _MISFILED_MARGIN)
                                      or task_key(text) == task_key(statement[(key[0], task_id)])):
                found.append((pos, task_id, share, own))
                break
    if found:
        pos, task_id, share, own = found[0]
        code, filed = keys[pos]
        where = f"{path}: " if path is not None else ""
        logger.warning("%s%d paraphrase(s) share clearly more words with another labelled task of their "
                       "occupation than with their own (first: row %d, column 'task_id': filed under task "
                       "(%s, %d), it shares %.2f of its words with task (%s, %d) and %.2f with its own): "
                       "each is scored against the label of the task it is filed under; check the task IDs",
                       where, len(found), pos + row_offset, code, filed, share, code, task_id, own)


def _yes_no(frame: pd.DataFrame, column: str, path, row_offset: int) -> np.ndarray:
    """``frame[column]`` as a bool array: true / false, yes / no or 1 / 0 (any case), else refused.

    A number 1.0 or 0.0 is 1 or 0: a flag column of doubles (R's numbers, a Stata
    ``float``, a Parquet ``double``) was refused as ``must be true or false, got 1.0``. So is
    the text ``1.0`` or ``0.0`` of a CSV file (a flag column of doubles saved by pandas'
    ``to_csv``, read as text by ``exposure evaluate --modern``): it was refused as
    ``got '1.0'``, where the same file read with ``pd.read_csv`` was taken.
    """
    cells = pd.Series([int(v) if is_number(v) and v in (0, 1) else v for v in frame[column].tolist()],
                      index=frame.index, dtype=object)
    text = cells.astype("string").str.strip().str.lower().str.replace(_WHOLE_FLAG, r"\1", regex=True)
    ok = text.isin(_YES | _NO).to_numpy(dtype=bool, na_value=False)
    if not ok.all():
        pos = int(np.flatnonzero(~ok)[0])
        value = frame[column].iloc[pos]
        value = value.item() if isinstance(value, np.generic) else value  # 2, not np.int64(2)
        got = "it is missing" if pd.isna(value) or not str(value).strip() else f"got {value!r}"  # was "got nan"
        raise DataFormatError(f"must be true or false, {got}", path=path, row=pos + row_offset,
                              column=column)
    return text.isin(_YES).to_numpy(dtype=bool)


def _column_key(name) -> str:
    """A column name without case, spaces, hyphens or underscores (``Entry-Creative``: ``entrycreative``)."""
    return "".join(ch for ch in str(name).casefold() if ch not in " -_\t")


def check_modern_tasks(modern: pd.DataFrame, *, path=None, row_offset: int = 1) -> pd.DataFrame:
    """Check hand-labelled modern tasks given to :func:`modern_report`; return them typed.

    ``task`` a text :func:`~exposure.scoring.score_tasks` takes (its text checks: ``&nbsp;``
    passed here and was refused by :func:`modern_report`'s scoring, after the
    cross-validation of ``exposure evaluate``), ``label`` E0, E1 or E2, ``exposed`` and the optional
    category flags true or false (``True``, ``false``, ``1``, ``no``...; the numbers ``1.0``
    and ``0.0`` of a column of doubles too, refused before), and ``exposed``
    agreeing with the label (E1 and E2 are exposed), and each task once (compared without
    case, runs of spaces and final marks ``. ! ? ; : ,``: ``" draft  Emails!"`` is ``"Draft emails."``;
    the full stop was compared, so one task was taken twice, under two labels). A missing
    label is named missing (``got None``, ``got np.float64(nan)`` before). An unknown
    label or flag used to count silently as a miss (or as false), a task listed twice
    twice in every share. A column named like one of these but in another case or
    spacing (``Admin``, ``routine coding``, ``Entry-Creative``) is refused: a category
    column so named was left out of the report without a word (and still was when the
    column ``admin`` was there too, whatever the two said). Other columns (``domain``,
    ``note``) are not read. Failures name ``path``, the row and the column. Given (without
    ``path`` and ``row_offset``) the very frame it returned before, unchanged, it names
    the file and rows that check named (:func:`modern_report`'s warning names the file of
    ``exposure evaluate --modern``).

    Raises
    ------
    exposure.errors.DataFormatError
        Also for a ``row_offset`` that is not a whole number of 0 or more, or a ``path``
        neither None nor a str or os.PathLike (both were accepted when the frame was
        valid, being used in messages only); a category column given twice (a frame of
        ``pd.concat(..., axis=1)``: an ``AttributeError`` before).

    Examples
    --------
    >>> check_modern_tasks(pd.DataFrame({"task": ["Triage tickets."], "label": ["E1"], "exposed": ["no"]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 1, column 'exposed': exposed is False but the label E1 is exposed (E1 and E2 are)
    """
    row_offset = _check_row_offset(row_offset)
    if path is not None:
        check_path(path, "path")
    elif row_offset == 1 and _modern_source(modern) is not None:  # checked before, naming its file
        path, row_offset = _modern_source(modern)
    if isinstance(modern, pd.DataFrame):  # "Admin", "routine coding": left out of the report silently
        known = {_column_key(c): c for c in ("task", "label", "exposed", *CATEGORIES)}
        for column in modern.columns:
            want = known.get(_column_key(column))
            if want is not None and column != want:
                # beside the column so named, it was not read at all: admin "no", Admin "yes"
                fix = (f"there is a column {want!r} too: keep one of them" if want in modern.columns
                       else f"rename it {want}")
                raise DataFormatError(f"modern tasks: column {column!r} is read as {want!r} only when named so "
                                      f"(the names are {', '.join(known.values())}): {fix}",
                                      path=path, row=row_offset - 1 if path is not None and row_offset > 1 else None,
                                      column=str(column))
    frame = _need(modern, _MODERN_COLUMNS, "modern tasks", path, ("paraphrase", _PARAPHRASE_COLUMNS))
    # frame["admin"] was a frame: "'DataFrame' object has no attribute 'tolist'"
    check_once(frame, CATEGORIES, path if path is not None else "modern tasks")
    # the text checks of the score_tasks call of modern_report: '&nbsp;' passed here and was
    # refused there, after the cross-validation of exposure evaluate (minutes)
    _check_rows(frame[["task"]], "task", path=path, row_offset=row_offset)
    first: dict = {}
    for pos, text in enumerate(frame["task"].tolist()):
        key = task_key(text)  # "Draft emails." and "draft  emails": one task
        if key in first:
            raise DataFormatError(f"the task {frame['task'].iloc[first[key]]!r} is listed twice (rows "
                                  f"{first[key] + row_offset} and {pos + row_offset}): give each task once",
                                  path=path, row=pos + row_offset, column="task")
        first[key] = pos
    # the rule of modern_training_rows ("got None" before; ' E1 ' was refused there)
    labels = checked_task_labels(frame["label"], path=path, row_offset=row_offset)
    out = frame.assign(label=labels)
    for column in ("exposed", *[c for c in CATEGORIES if c in frame.columns]):
        out[column] = _yes_no(frame, column, path, row_offset)
    wrong = out["exposed"].to_numpy() != (out["label"] != "E0").to_numpy()
    if wrong.any():
        pos = int(np.flatnonzero(wrong)[0])
        raise DataFormatError(f"exposed is {bool(out['exposed'].iloc[pos])} but the label {out['label'].iloc[pos]} "
                              f"is {'not ' if out['label'].iloc[pos] == 'E0' else ''}exposed (E1 and E2 are)",
                              path=path, row=pos + row_offset, column="exposed")
    out.attrs[_CHECKED] = (id(out), tuple(out["task"].tolist()), path, row_offset)
    return out


def _modern_source(frame) -> tuple | None:
    """``(path, row_offset)`` of ``frame`` when it is a frame :func:`check_modern_tasks` returned, unchanged.

    ``exposure evaluate --modern m.csv`` checks the file (naming it) and gives the checked
    frame to :func:`evaluate_free_text`, which checks it again and hands it to
    :func:`modern_report`: the report's warning names ``m.csv`` and its lines.
    """
    mark = frame.attrs.get(_CHECKED) if isinstance(frame, pd.DataFrame) else None
    if not isinstance(mark, tuple) or len(mark) != 4 or mark[0] != id(frame) or mark[2] is None:
        return None
    if "task" not in frame.columns or tuple(frame["task"].tolist()) != mark[1]:
        return None
    return mark[2], mark[3]


def _warn_seen_modern(truth: pd.DataFrame, model, path, row_offset: int) -> None:
    """Warn (one line) when modern tasks are among the statements ``model`` was trained on.

    The ``free`` set of a model trained with :attr:`TrainConfig.modern
    <exposure.scoring._train.TrainConfig.modern>` (the shipped one: its metadata records
    ``n_modern``) learns from the package's hand-labelled modern statements
    (:func:`~exposure.scoring._train.modern_training_rows`); such a task given to
    :func:`modern_report` is scored by a model that saw its label. Compared as
    :func:`check_modern_tasks` compares tasks (case, spaces and final marks aside).
    """
    if not (getattr(model, "metadata", None) or {}).get("n_modern"):
        return
    seen = modern_training_rows()
    sets = dict(zip(seen["task"].map(task_key), seen["set"] if "set" in seen.columns else [""] * len(seen)))
    hits = [(pos, sets[key]) for pos, key in enumerate(truth["task"].map(task_key)) if key in sets]
    if not hits:
        return
    names = sorted({name for _, name in hits if name})
    pos = hits[0][0]
    where = f"{path}: " if path is not None else ""
    logger.warning("%s%d of the %d modern task(s) are among the hand-labelled statements the learned model "
                   "was trained on (%s%s; first: row %d, column 'task': %r): the model has seen their labels, so "
                   "their shares right are not a test of it; leave them out, or use tasks written apart from "
                   "that file", where, len(hits), len(truth), "/".join(("exposure", *MODERN_TRAINING)),
                   f", set {', '.join(names)}" if names else "", pos + row_offset, truth["task"].iloc[pos])


def evaluate_free_text(labels: pd.DataFrame, onet, *, paraphrases: pd.DataFrame | None = None,
                       modern: pd.DataFrame | None = None, n_folds: int = 5, seed: int = 0,
                       config=None, model=None, labels_path=None) -> FreeTextReport:
    """Honest figures of the free-text path: grouped CV with retrieval limited to training folds.

    Parameters
    ----------
    labels : pandas.DataFrame
        :func:`exposure.measures.eloundou.read_task_labels` output.
    onet : exposure.onet.OnetRelease
        Release of the work activities and of the retrieval index.
    paraphrases : pandas.DataFrame, optional
        ``onetsoc_code, task_id, paraphrase``: rewordings of labelled tasks, each scored as
        text alone by the fold model of its task.
    modern : pandas.DataFrame, optional
        ``task, label, exposed`` (and category flags): scored by ``model``.
    n_folds, seed : int
    config : exposure.scoring._train.TrainConfig, optional
    model : exposure.scoring.learned.LearnedModel, optional
        For the modern tasks; default the shipped model.
    labels_path : str or os.PathLike, optional
        The file ``labels`` was read from, named by the warnings.

    Returns
    -------
    FreeTextReport

    Raises
    ------
    exposure.errors.ExposureError
        Before the cross-validation: ``n_folds`` or ``seed`` as :func:`evaluate_method`
        refuses them, and ``onet`` or ``config`` of another kind (a release name ``"29.1"``,
        a dict of settings: an ``AttributeError`` before, once the labels' rows were built),
        ``labels`` that :func:`exposure.reports.rubric.checked_labels`
        refuses, ``onet`` None (with the default ``config``), a task statement or title
        that is missing, blank or not text (scikit-learn's ``ValueError`` before), labels
        of one occupation group or whose tasks of one class are all of one group
        (:func:`_check_cv_groups`), ``n_folds`` above the groups, and
        the paraphrases and modern tasks that :func:`check_paraphrases` and
        :func:`check_modern_tasks` refuse. The modern tasks and what
        :func:`check_paraphrase_rows` checks of the paraphrases are checked before the
        labels (they were refused only after the labels' rows were built, and after
        ``onet`` None).

    Warns
    -----
    As :func:`evaluate_method` (labelled tasks the release does not list), and as
    :func:`modern_report` (modern tasks the model was trained on).
    """
    n_folds, seed = _cv_args(n_folds, seed)
    check_onet(onet)  # "29.1": an AttributeError once the labels were checked and their rows built
    config = checked_config(config)
    if modern is not None:  # before the labels: they need nothing else
        modern = check_modern_tasks(modern)
    if paraphrases is not None:  # a bad code, ID or text was refused after the labels' rows were built
        check_paraphrase_rows(paraphrases)
    where, row_offset = labels_location(labels, labels_path)
    labels = checked_labels(labels, _LABEL_COLUMNS, _OTHER_COLUMNS)
    _needs_onet(onet, config, "the free-text report")
    check_label_texts(labels)
    _check_cv_groups(labels, n_folds, where, row_offset)  # as evaluate_method
    _warn_unread_keys(labels, onet, path=where, row_offset=row_offset)
    rows = training_frame(labels, onet)
    if paraphrases is not None:  # matched to the labelled tasks, before the long cross-validation
        paraphrases = check_paraphrases(paraphrases, rows)
    y = rows["y"].to_numpy()
    codes = rows["onetsoc_code"].to_numpy()
    w = rows["weight"].to_numpy()
    extra = {}
    if paraphrases is not None:
        para = {(str(c), int(t)): str(p) for c, t, p in zip(paraphrases["onetsoc_code"],
                                                           paraphrases["task_id"], paraphrases["paraphrase"])}
        extra["paraphrase"] = [para.get((c, int(t))) for c, t in zip(rows["onetsoc_code"], rows["task_id"])]
    index, index_rows = build_index(onet), index_frame(onet)
    cv = cross_validate(rows, config, n_folds=n_folds, seed=seed, index=index, index_rows=index_rows,
                        extra=extra)
    proto = f"grouped {n_folds}-fold CV by SOC 6-digit (seed {seed}), retrieval sees training folds only"
    table = []
    for which in ("onet", "text", "title", "free"):
        if which in cv["proba"]:
            table.append({"scorer": PROTOCOL_NAMES[which], "protocol": proto,
                          **agreement(cv["proba"][which], y, codes, w),
                          **exposed_figures(cv["proba"][which], y)})
    for which, name in (("text", CODED_WORDS_NAME), ("free", WORDS_ONLY_NAME)):
        if which in cv["words_proba"]:
            words = cv["words_proba"][which]
            table.append({"scorer": name, "protocol": proto, **agreement(words, y, codes, w),
                          **exposed_figures(words, y)})
    base = baseline_cv(rows, cv["folds"])
    table.append({"scorer": "baseline: scikit-learn TF-IDF (1-2 grams) + logistic regression, text alone",
                  "protocol": proto, **agreement(base, y, codes, w), **exposed_figures(base, y)})
    gpt4 = onehot(labels["gpt4_exposure"])
    table.append({"scorer": "GPT-4 labels (reference-gpt4), same rows", "protocol": "all rows (no training)",
                  **agreement(gpt4, y, codes, w), **exposed_figures(gpt4, y)})
    out = pd.DataFrame(table)
    para_table = None
    if paraphrases is not None:
        p = cv["extra"]["paraphrase"]
        have = ~np.isnan(p).any(axis=1)
        folds = cv["folds"]
        base = cv["proba"]["free"]
        rows_out = []
        for k in [*range(n_folds), "all"]:
            m = have & ((folds == k) if k != "all" else True)
            if not m.any():
                continue
            rows_out.append({
                "fold": str(k), "n_tasks": int(m.sum()),
                "kappa_original": cohen_kappa(y[m], base[m].argmax(axis=1)),
                "kappa_paraphrase": cohen_kappa(y[m], p[m].argmax(axis=1)),
                **({"kappa_paraphrase_unlisted": cohen_kappa(
                        y[m], cv["extra_unlisted"]["paraphrase"][m].argmax(axis=1)),
                    "kappa_paraphrase_words": cohen_kappa(
                        y[m], cv["extra_words"]["paraphrase"][m].argmax(axis=1))}
                   if "paraphrase" in cv["extra_words"] else {}),
                **({"kappa_original_coded": cohen_kappa(y[m], cv["proba"]["text"][m].argmax(axis=1)),
                    "kappa_paraphrase_coded": cohen_kappa(
                        y[m], cv["extra_coded"]["paraphrase"][m].argmax(axis=1))}
                   if "paraphrase" in cv["extra_coded"] else {}),
                "same_label": float((base[m].argmax(axis=1) == p[m].argmax(axis=1)).mean()),
                "accuracy_original": float((base[m].argmax(axis=1) == y[m]).mean()),
                "accuracy_paraphrase": float((p[m].argmax(axis=1) == y[m]).mean()),
            })
        para_table = pd.DataFrame(rows_out)
    modern_table = modern_report(modern, model) if modern is not None else None
    return FreeTextReport(out, reliability_table(cv["proba"]["free"], y), para_table, modern_table)


def modern_report(modern: pd.DataFrame, model=None) -> pd.DataFrame:
    """Share of modern tasks the shipped model gets right (exposed or not, label, categories).

    Parameters
    ----------
    modern : pandas.DataFrame
        ``task``, ``label`` (E0/E1/E2), ``exposed`` (bool), optional category flags.
    model : exposure.scoring.learned.LearnedModel, optional
        Default the shipped model.

    Returns
    -------
    pandas.DataFrame
        ``measure, n_tasks, share_right`` rows, and ``mean_confidence``; for each category
        flag given, also ``n_labelled`` (tasks labelled with it), ``n_tagged`` (tasks the
        tagger flags), ``precision`` and ``recall`` (NaN on the other rows, and where the
        share is of nothing: no task tagged, or none labelled). The share right alone hides
        a tagger that never fires: with 27 of 187 tasks labelled, tagging none is 85.6%
        right.

    Warns
    -----
    When tasks of ``modern`` are among the hand-labelled modern statements ``model`` was
    trained on (the package's ``exposure/data/training/modern_tasks.csv``, which the
    shipped model's text-alone set learns from; its metadata records ``n_modern``), one
    warning names how many, their sets and the first row (of the file
    :func:`check_modern_tasks` named, when ``modern`` is the frame it returned): their
    shares right are not a test. Before, they were reported without a word
    (``tests/data/scoring/freetext/modern_tasks_v10.csv``, all 240 of them training rows of
    the shipped model: 95.8% right on the three-way label, against 89.6% on
    ``modern_tasks_v12.csv``, of which one task is). The warnings of the scoring itself
    (:func:`~exposure.scoring.score_tasks`: texts that do not read as work tasks) name that
    file and its rows too; they named the frame's rows (row 2 for the file's row 3) and no
    file.

    Examples
    --------
    >>> modern = pd.DataFrame({"task": ["Draft replies to routine customer emails."],
    ...                        "label": ["E1"], "exposed": [True]})
    >>> modern_report(modern)["measure"].tolist()
    ['exposed vs not', 'exposed vs not (gamma >= 0.5)', 'label (E0/E1/E2)']
    >>> out = modern_report(modern.assign(admin=[True], entry_creative=[False]))
    >>> out.iloc[3:][["measure", "n_labelled", "n_tagged", "precision", "recall"]]
                       measure  n_labelled  n_tagged  precision  recall
    3           category admin           1         1        1.0     1.0
    4  category entry_creative           0         0        NaN     NaN
    """
    truth = check_modern_tasks(modern)
    model = as_model(model)  # the shipped one by default: its metadata says what it was trained on
    path, row_offset = _modern_source(truth) or (None, 1)
    _warn_seen_modern(truth, model, path, row_offset)
    # its warnings (texts that do not read as work tasks) name the file's rows too: they
    # named the frame's rows, one above the file's, and no file
    scored = score_tasks(truth[["task"]], model=model, path=path, row_offset=row_offset)
    exposed = truth["exposed"].to_numpy(dtype=bool)
    pred_exposed = (scored["label"] != "E0").to_numpy(bool)
    by_gamma = (scored["gamma"] >= 0.5).to_numpy(bool)  # see exposed_figures
    conf = float(scored["confidence"].mean())
    out = [{"measure": "exposed vs not", "n_tasks": len(truth),
            "share_right": float((pred_exposed == exposed).mean()), "mean_confidence": conf},
           {"measure": "exposed vs not (gamma >= 0.5)", "n_tasks": len(truth),
            "share_right": float((by_gamma == exposed).mean()), "mean_confidence": conf},
           {"measure": "label (E0/E1/E2)", "n_tasks": len(truth),
            "share_right": float((scored["label"].astype(str) == truth["label"].astype(str)).mean()),
            "mean_confidence": conf}]
    for cat in CATEGORIES:
        if cat in truth.columns:
            want = truth[cat].to_numpy(dtype=bool)
            got = scored[cat].fillna(False).to_numpy(bool)
            both = int((want & got).sum())
            out.append({"measure": f"category {cat}", "n_tasks": len(truth),
                        "share_right": float((got == want).mean()), "mean_confidence": conf,
                        "n_labelled": int(want.sum()), "n_tagged": int(got.sum()),
                        "precision": both / got.sum() if got.any() else np.nan,
                        "recall": both / want.sum() if want.any() else np.nan})
    table = pd.DataFrame(out)
    if "n_labelled" in table.columns:  # counts of the category rows only: NaN elsewhere
        table[["n_labelled", "n_tagged"]] = table[["n_labelled", "n_tagged"]].astype("Int64")
    return table
