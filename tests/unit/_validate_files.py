"""The made-up mirror of ``exposure validate``'s tests (``test_cli_validate``, ``test_faults_round40_validate``)."""

from __future__ import annotations

from pathlib import Path

from _frames import write_xlsx

import exposure.crosswalks
import exposure.fetch
import exposure.oews
import exposure.onet


def fake_mirror(tmp_path: Path, fixtures: Path, monkeypatch, folder: str = "crosswalks") -> tuple[dict, dict]:
    """Registry names -> small files in the real formats, served by a fake ``fetch`` (the pinned files cannot be faked).

    Stands in for the download or the mirror only (their checksums pin the real files);
    the readers, the validation and the reports are the real ones. ``$EXPOSURE_MIRROR`` is
    ``tmp_path``: the files a mirror holds (the May 2025 by-industry extract among them),
    whatever the caller's environment says (without a mirror, OEWS 2025 would be BLS's
    three files).

    Parameters
    ----------
    tmp_path, fixtures : Path
        The test's folder (the mirror) and the folder of the hand-written fixtures.
    monkeypatch : pytest.MonkeyPatch
        Replaces ``fetch`` for the test.
    folder : str
        The folder of ``tmp_path`` where the crosswalk workbooks are written.

    Returns
    -------
    files, onet : dict
        The crosswalks by registry name (a key ``"oews"`` put there serves every OEWS
        file) and the O*NET 29.1 files by file name: the test may change both.
    """
    xw = tmp_path / folder
    xw.mkdir()
    files = {
        "crosswalks/2019_to_SOC_Crosswalk.xlsx": write_xlsx(xw, "a.xlsx", [
            ["O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title", "2018 SOC Code", "2018 SOC Title"],
            ["11-1011.00", "Chief Executives", "11-1011", "Chief Executives"],
            ["11-1011.03", "Chief Sustainability Officers", "11-1011", "Chief Executives"],
        ]),
        "crosswalks/SOC_Structure.xlsx": write_xlsx(xw, "b.xlsx", [
            ["Major Group", "Minor Group", "Broad Occupation", "Detailed Occupation",
             "Detailed O*NET-SOC", "SOC or O*NET-SOC 2019 Title"],
            ["11-0000", None, None, None, None, "Management Occupations"],
        ]),
        "crosswalks/2010_to_2018_SOC_Crosswalk.xlsx": write_xlsx(xw, "c.xlsx", [
            ["O*NET-SOC 2010 Code", "O*NET-SOC 2010 Title", "2018 SOC Code", "2018 SOC Title"],
            ["11-1011.00", "Chief Executives", "11-1011", "Chief Executives"],
        ]),
        "crosswalks/2-6 digit_2022_Codes.xlsx": write_xlsx(xw, "d.xlsx", [
            ["Seq. No.", "2022 NAICS US   Code", "2022 NAICS US Title"], [1, "11", "Agriculture"],
        ]),
        "crosswalks/soc10_isco08.csv": fixtures / "crosswalks" / "soc10_isco08_tiny.csv",
        "crosswalks/ISCOGroups_en.csv": fixtures / "crosswalks" / "ISCOGroups_tiny.csv",
        "crosswalks/onet_to_census_occ2018.csv": fixtures / "outcomes" / "census_crosswalk.csv",
    }
    onet = {path.name: path for path in (fixtures / "onet").glob("*.txt")}

    def fetch(name, *, mirror=None, data_dir=None):
        if name in files:
            return files[name]
        if name.startswith("onet/29.1/"):
            return onet[name.split("/")[-1]]
        if name.startswith("oews/"):
            return files.get("oews", fixtures / "oews" / "national_M2099_dl.csv")
        raise AssertionError(name)

    monkeypatch.setenv("EXPOSURE_MIRROR", str(tmp_path))
    real = exposure.fetch.fetch
    monkeypatch.setattr(exposure.fetch, "fetch", fetch)
    for module in (exposure.onet, exposure.oews, exposure.crosswalks):
        if getattr(module, "fetch", None) is real:  # imported by name: patch it there too
            monkeypatch.setattr(module, "fetch", fetch)
    return files, onet
