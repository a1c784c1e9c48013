"""Pandera models of every table that crosses a module boundary.

Models are declared once, in the private modules of this package, one per stage, and
re-exported here:

- ``_onet``: O*NET tables (occupations, tasks, task ratings, DWAs, IWAs, job zones, ...);
- ``_oews``: OEWS employment and wages;
- ``_crosswalks``: SOC/NAICS/ISCO crosswalks;
- ``_labels``: Eloundou et al. human and GPT-4 labels;
- ``_scores``: task scores;
- ``_rollup``: occupation, SOC, sector and workforce tables;
- ``_measures``: published reference measures;
- ``_pipeline``: the recompute manifest tables;
- ``_outcomes``: the OEWS 2021-2025 panel, event study, exposure groups and the Census OCC
  crosswalk.

Their columns are built from ``_fields``, where each shared code pattern (O*NET-SOC, SOC,
NAICS, ISCO-08), unit and field is declared once. Each field carries a ``description``
(and a unit in ``metadata={"unit": ...}`` where it applies); the docs' table pages are
generated from them. :func:`validate` runs a model and raises
:class:`exposure.errors.SchemaError` naming the file, row and column.
"""

from __future__ import annotations

import pandera.pandas as pa

from exposure.schemas._base import validate
from exposure.schemas._crosswalks import (
    IscoGroups,
    NaicsTitles,
    OnetToSoc,
    Soc10Isco08,
    Soc2010To2018,
    SocStructure,
)
from exposure.schemas._labels import EloundouOccupationScores, EloundouTaskLabels
from exposure.schemas._measures import (
    AnthropicTaskCollaboration,
    AnthropicTaskUsage,
    FeltenIndustryScores,
    FeltenOccupationScores,
    IloScores,
    MeasureCoverage,
    MeasureScores,
    MicrosoftApplicability,
    WebbScores,
)
from exposure.schemas._oews import Employment
from exposure.schemas._onet import (
    Dwas,
    EmergingTasks,
    Iwas,
    JobZones,
    Occupations,
    TaskDwas,
    TaskRatings,
    Tasks,
)
from exposure.schemas._outcomes import (
    CensusScores,
    EventStudyCoefficients,
    GroupGrowth,
    OccupationPanel,
    OnetToCensus,
)
from exposure.schemas._pipeline import (
    DiffOccupations,
    DiffSectors,
    DiffSummary,
    DiffTasks,
    TaskDigests,
)
from exposure.schemas._rollup import (
    OccupationScores,
    SectorScores,
    SocScores,
    WorkforceStats,
    WorkingTime,
)
from exposure.schemas._scores import TaskScores

#: Every model, grouped by stage in the order of the module list above (the docs' order).
_MODELS: tuple[type[pa.DataFrameModel], ...] = (
    # _onet
    Occupations,
    Tasks,
    TaskRatings,
    TaskDwas,
    Dwas,
    Iwas,
    JobZones,
    EmergingTasks,
    # _oews
    Employment,
    # _crosswalks
    OnetToSoc,
    SocStructure,
    Soc2010To2018,
    Soc10Isco08,
    IscoGroups,
    NaicsTitles,
    # _labels
    EloundouTaskLabels,
    EloundouOccupationScores,
    # _scores
    TaskScores,
    # _rollup
    OccupationScores,
    SocScores,
    SectorScores,
    WorkforceStats,
    WorkingTime,
    # _measures
    FeltenOccupationScores,
    FeltenIndustryScores,
    WebbScores,
    MicrosoftApplicability,
    AnthropicTaskUsage,
    AnthropicTaskCollaboration,
    IloScores,
    MeasureScores,
    MeasureCoverage,
    # _pipeline
    TaskDigests,
    DiffSummary,
    DiffTasks,
    DiffOccupations,
    DiffSectors,
    # _outcomes
    OccupationPanel,
    EventStudyCoefficients,
    GroupGrowth,
    OnetToCensus,
    CensusScores,
)

__all__ = [
    "validate",
    "all_models",
    "Occupations",
    "Tasks",
    "TaskRatings",
    "TaskDwas",
    "Dwas",
    "Iwas",
    "JobZones",
    "EmergingTasks",
    "Employment",
    "OnetToSoc",
    "SocStructure",
    "Soc2010To2018",
    "Soc10Isco08",
    "IscoGroups",
    "NaicsTitles",
    "EloundouTaskLabels",
    "EloundouOccupationScores",
    "TaskScores",
    "OccupationScores",
    "SocScores",
    "SectorScores",
    "WorkforceStats",
    "WorkingTime",
    "FeltenOccupationScores",
    "FeltenIndustryScores",
    "WebbScores",
    "MicrosoftApplicability",
    "AnthropicTaskUsage",
    "AnthropicTaskCollaboration",
    "IloScores",
    "MeasureScores",
    "MeasureCoverage",
    "TaskDigests",
    "DiffSummary",
    "DiffTasks",
    "DiffOccupations",
    "DiffSectors",
    "OccupationPanel",
    "EventStudyCoefficients",
    "GroupGrowth",
    "OnetToCensus",
    "CensusScores",
]


def all_models() -> dict[str, type[pa.DataFrameModel]]:
    """Every schema model of the package, by class name, in declaration order.

    Returns
    -------
    dict of str to pandera DataFrameModel subclass

    Examples
    --------
    >>> models = all_models()
    >>> list(models)[:3]
    ['Occupations', 'Tasks', 'TaskRatings']
    >>> models["SocScores"].__module__
    'exposure.schemas._rollup'
    """
    return {model.__name__: model for model in _MODELS}
