"""Pandera models of the Eloundou et al. (2023) "GPTs are GPTs" label tables.

Read by :mod:`exposure.measures.eloundou` from the authors' published files
(``full_labelset.tsv`` and ``occ_level.csv``; the mirror holds the training split only).
Labels are the rubric classes ``E0`` (no exposure), ``E1`` (direct exposure: an LLM alone
halves the task time at equal quality) and ``E2`` (exposure through LLM-powered software).
"""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from exposure._measures import LABELS
from exposure.schemas._fields import TASK_TYPES, fraction_field, onetsoc_code_field, task_id_field

__all__ = ["EloundouTaskLabels", "EloundouOccupationScores"]

_LABELS = list(LABELS)


class EloundouTaskLabels(pa.DataFrameModel):
    """Task-level exposure labels of Eloundou et al. (2023), one row per O*NET task."""

    onetsoc_code: Series[str] = onetsoc_code_field(
        "O*NET-SOC code of the occupation (``O*NET-SOC Code``)."
    )
    task_id: Series[int] = task_id_field("O*NET task ID (``Task ID``, published as a float).", ge=0)
    task: Series[str] = pa.Field(str_length={"min_value": 1}, description="O*NET task statement (``Task``).")
    task_type: Series[str] = pa.Field(
        nullable=True, isin=TASK_TYPES, description="O*NET task type; missing when not rated."
    )
    title: Series[str] = pa.Field(description="O*NET occupation title (``Title``).")
    human_exposure_agg: Series[str] = pa.Field(
        isin=_LABELS, description="Aggregated label of the human annotators (E0/E1/E2)."
    )
    gpt4_exposure: Series[str] = pa.Field(isin=_LABELS, description="GPT-4's label with the paper's rubric.")
    gpt4_exposure_alt_rubric: Series[str] = pa.Field(
        nullable=True, isin=_LABELS, description="GPT-4's label with the paper's alternative rubric."
    )
    gpt_3_relevant: Series[pd.BooleanDtype] = pa.Field(
        nullable=True, description="Whether the task was flagged as relevant to GPT-3 (published flag)."
    )
    gpt4_automation: Series[str] = pa.Field(
        nullable=True, description="GPT-4's automation label (T0-T4) from the paper's automation rubric."
    )

    class Config:
        strict = True
        coerce = True
        unique = ["onetsoc_code", "task_id"]


class EloundouOccupationScores(pa.DataFrameModel):
    """Occupation-level alpha, beta, gamma of Eloundou et al. (2023) (``occ_level.csv``).

    Core tasks weigh 2 and supplemental (or unrated) tasks 1; E0, E1, E2 count as
    (0, 0, 0), (1, 1, 1) and (0, 0.5, 1) for (alpha, beta, gamma).
    """

    onetsoc_code: Series[str] = onetsoc_code_field("O*NET-SOC code of the occupation.", unique=True)
    title: Series[str] = pa.Field(description="O*NET occupation title.")
    gpt4_alpha: Series[float] = fraction_field("Alpha from GPT-4's labels (``dv_rating_alpha``).")
    gpt4_beta: Series[float] = fraction_field("Beta from GPT-4's labels (``dv_rating_beta``).")
    gpt4_gamma: Series[float] = fraction_field("Gamma from GPT-4's labels (``dv_rating_gamma``).")
    human_alpha: Series[float] = fraction_field("Alpha from the human labels (``human_rating_alpha``).")
    human_beta: Series[float] = fraction_field("Beta from the human labels (``human_rating_beta``).")
    human_gamma: Series[float] = fraction_field("Gamma from the human labels (``human_rating_gamma``).")

    class Config:
        strict = True
        coerce = True
