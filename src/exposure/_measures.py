"""The facts every stage shares: labels, their scores, task weights, measures, categories.

One home for each; every module imports them from here (ground floor: no domain, no
package-root imports).

Examples
--------
>>> from exposure._measures import CORE_WEIGHT, LABEL_SCORES, LABELS, OTHER_WEIGHT
>>> LABELS
('E0', 'E1', 'E2')
>>> LABEL_SCORES["E2"]
(0.0, 0.5, 1.0)
>>> CORE_WEIGHT, OTHER_WEIGHT
(2.0, 1.0)
"""

from __future__ import annotations

import numpy as np

from exposure._args import is_number, padded_choice_hint

__all__ = [
    "LABELS",
    "PROBA_COLUMNS",
    "LABEL_SCORES",
    "LABEL_LEVELS",
    "EXPOSURE_MEASURES",
    "CORE_WEIGHT",
    "OTHER_WEIGHT",
    "MEASURES",
    "CATEGORIES",
    "CATEGORY_SHARES",
    "label_hint",
]

#: The exposure rubric's classes (Eloundou et al. 2023), in probability-column order
#: (``p_e0, p_e1, p_e2``): E0 no exposure, E1 direct exposure to an LLM, E2 exposure to an
#: LLM with additional tools (agents).
LABELS = ("E0", "E1", "E2")

#: The probability column of each label, in :data:`LABELS` order.
PROBA_COLUMNS = tuple(f"p_{label.lower()}" for label in LABELS)

#: The three task-level exposure measures, in order.
EXPOSURE_MEASURES = ("alpha", "beta", "gamma")

#: (alpha, beta, gamma) of each label, as in Eloundou et al. (2023): alpha counts E1 only,
#: beta adds half of E2, gamma counts E1 and E2 fully.
LABEL_SCORES = {"E0": (0.0, 0.0, 0.0), "E1": (1.0, 1.0, 1.0), "E2": (0.0, 0.5, 1.0)}

#: :data:`LABEL_SCORES` as a (3, 3) array, rows in :data:`LABELS` order, columns alpha,
#: beta, gamma: ``proba @ LABEL_LEVELS`` turns class probabilities into expected measures.
LABEL_LEVELS = np.array([LABEL_SCORES[k] for k in LABELS], dtype=float)
LABEL_LEVELS.setflags(write=False)

#: Task weight of a Core task under the ``core`` weighting (Eloundou et al.'s occupation
#: level: Core = 2, Supplemental or missing task type = 1).
CORE_WEIGHT = 2.0
#: Task weight of a Supplemental or untyped task under the ``core`` weighting.
OTHER_WEIGHT = 1.0

#: Measures computed at every level (occupation, SOC code, sector), in output order.
MEASURES = (
    "alpha",
    "beta",
    "gamma",
    "share_e1",
    "share_exposed",
    "share_admin",
    "share_routine_coding",
    "share_entry_creative",
)

#: Task category flags of TaskScores, in order.
CATEGORIES = ("admin", "routine_coding", "entry_creative")

#: Task category flag -> the share column it becomes at the occupation level and above.
CATEGORY_SHARES = {c: f"share_{c}" for c in CATEGORIES}


def label_hint(value) -> str:
    """What to write for a label given as ``value``: another case, spaces, or its class; else ``""``.

    The one advice of the checks of labels E0, E1, E2: the label files
    (:func:`exposure.measures.eloundou.read_task_labels`,
    :func:`~exposure.measures.eloundou.check_task_labels`), the one-hot rows of a rater's
    labels (:func:`exposure.scoring._evaluate.onehot`) and the hand-labelled tasks
    (:func:`exposure.scoring._train.checked_task_labels`). A label in another case
    (``"e1"``), with spaces around it (``" E1"``, a
    space left by a spreadsheet) or a class written for its label (``1``, ``"1"``,
    ``"1.0"``: a file of classes, or of labels saved as numbers) was refused with no word
    of the label to write (case and spaces: :func:`exposure._args.padded_choice_hint`). The
    value is still refused.

    Examples
    --------
    >>> label_hint(" e1"), label_hint("E1 ")
    (": write 'E1' (the choices are case-sensitive)", ": write 'E1' (without the spaces around it)")
    >>> label_hint("2"), label_hint(1.0), label_hint("E5")
    (": a class? write its label, 'E2'", ": a class? write its label, 'E1'", '')
    """
    if isinstance(value, str):
        hint = padded_choice_hint(value, LABELS)  # " E1": without the spaces; "e1", " e1": the case
        if hint:
            return hint
        try:
            value = float(value.strip())
        except ValueError:
            return ""
    if is_number(value) and value in range(len(LABELS)):  # 1, "1", "1.0": a class given for its label
        return f": a class? write its label, {LABELS[int(value)]!r}"
    return ""
