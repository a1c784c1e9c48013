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

import difflib
import re

import pandera.pandas as pa

from exposure.schemas import _base
from exposure.schemas._base import validate
from exposure.schemas._catalog import ALIASES, TABLES
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


def _model_what(model) -> str:
    """What a row of ``model`` is, in a few words: its docstring's first line up to `` (`` or ``,``.

    Examples
    --------
    >>> from exposure.schemas._onet import Tasks
    >>> _model_what(Tasks)
    'O*NET task statements'
    """
    first = (model.__doc__ or model.__name__).strip().splitlines()[0]
    return re.split(r" \(|,", first, maxsplit=1)[0].strip().rstrip(".")


#: Model name -> the name (without ``_``) of its table in ``exposure validate --file`` where
#: that is not the model's own (``tasks`` is ``Tasks``, ``oews`` is ``Employment``).
_SOURCE_TABLES = {"Employment": "oews", "OnetToCensus": "censuscrosswalk"}


def _model_hint(name: str) -> str:
    """The advice for a model given by its name (:func:`exposure.schemas._base.check_model`): the class(es) it names.

    ``all_models()[name]`` was advised for any name: a ``KeyError`` for every name but a
    class's own (``"tasks"``, ``"task_scores"``, ``"job_zones"``). A name is now read as:

    - a model class's name: ``all_models()['Tasks']``, as before;
    - a table name (or short name) of :func:`exposure.load` (``"task_scores"``,
      ``"soc"``): the model of that table;
    - a class's name written in another case or with underscores (``"job_zones"``,
      ``"tasks"``), or the name of its table in ``exposure validate --file`` (``"oews"``):
      that class.

    Both can hold: ``"tasks"`` is :func:`exposure.load`'s short name of the task scores
    (``TaskScores``) and the name of O*NET's task statements (``Tasks``): both are named,
    each with what it is. A name of neither is told the close model names, else where the
    names are listed.

    Examples
    --------
    >>> _model_hint("job_zones")
    ": give the class, exposure.schemas.all_models()['JobZones']"
    >>> _model_hint("soc_scores")
    ": give the class, exposure.schemas.all_models()['SocScores'] (the model of the table 'soc_scores')"
    """
    models = all_models()
    if name in models:
        return f": give the class, exposure.schemas.all_models()[{name!r}]"
    meant = {}  # model name -> what it is
    table = ALIASES.get(name, name)
    if table in TABLES:
        meant[TABLES[table].model.__name__] = f"the model of the table {table!r}" + (
            f", which exposure.load({name!r}) reads" if table != name else "")
    plain = re.sub(r"[\s_-]+", "", name).casefold()
    for model_name, model in models.items():
        if plain in (model_name.casefold(), _SOURCE_TABLES.get(model_name)) and model_name not in meant:
            meant[model_name] = _model_what(model)
    if len(meant) == 1:
        (model_name, what), = meant.items()
        return f": give the class, exposure.schemas.all_models()[{model_name!r}]" + (
            f" ({what})" if table in TABLES else "")
    if meant:
        listed = " or ".join(f"exposure.schemas.all_models()[{m!r}] ({what})" for m, what in meant.items())
        return f": give the class, {listed}"
    close = difflib.get_close_matches(plain, [m.casefold() for m in models], n=1, cutoff=0.7)
    if close:
        found = next(m for m in models if m.casefold() == close[0])
        return f": give the class (did you mean exposure.schemas.all_models()[{found!r}]?)"
    return ": give the class; exposure.schemas.all_models() holds every model by its name"


_base.MODEL_HINT = _model_hint  # check_model's advice names every model and table
