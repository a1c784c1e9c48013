"""The made-up sources, data stores and file listings of the download tests (``test_fetch``, ``test_faults_fetch`` ...).

The demo files are those of the small mirror ``tests/data/fetch/mirror`` (``MIRROR``);
:func:`store_in_tmp` is a data store of the test's own, offline by default;
:func:`files_under` lives in ``_trees`` (imported here too).
"""

from __future__ import annotations

from pathlib import Path

from _trees import files_under  # noqa: F401 - the download tests import it from here

from exposure import fetch as F
from exposure.sources import Source

FIX = Path(__file__).resolve().parents[1] / "data" / "fetch"
MIRROR = FIX / "mirror"
OEWS = "oews/demo.csv"
OEWS_SHA = "fe46be165e33ed54da78e132d81e574218e00f71d03fbc4013ca14c50b16a02a"
#: O*NET's and BLS's sites sent to a port nobody listens on: no download can succeed.
NOWHERE = (("https://www.onetcenter.org", "http://127.0.0.1:9/onet"),
           ("https://www.bls.gov", "http://127.0.0.1:9/bls"))


def make_source(name: str = OEWS, sha256: str = OEWS_SHA, *, url: str = "https://example.org/x",
                size: int = 0, **kw) -> Source:
    """A made-up :class:`~exposure.sources.Source` of release ``demo`` (CC0).

    Parameters
    ----------
    name, sha256 : str
        Its name and pinned sha256; by default the mirror's demo OEWS file.
    url : str
        Where it is downloaded from.
    size : int
        Its pinned size in bytes (downloads are capped by it; 0: not pinned).
    **kw
        Other fields of ``Source`` (``archive_url``, ``member``, ``mirror_only``, ``notes`` ...).
    """
    return Source(name=name, release="demo", url=url, sha256=sha256, size=size,
                  licence="CC0", attribution="made-up fixture", **kw)


def store_in_tmp(tmp_path: Path, monkeypatch, url_map: tuple[tuple[str, str], ...] = NOWHERE, *,
                 retries: int | None = None) -> F.DataStore:
    """A :class:`~exposure.fetch.DataStore` of the test's own, and no mirror from the environment.

    ``$EXPOSURE_MIRROR`` and ``$EXPOSURE_REQUIRE_MIRROR`` are taken out for the test.

    Parameters
    ----------
    tmp_path : Path
        The cache is ``tmp_path / "data"``, the home ``tmp_path / "home"``.
    monkeypatch : pytest.MonkeyPatch
        Takes the variables out (and sets ``fetch.RETRIES``) for the test only.
    url_map : tuple of (str, str)
        The store's URL map: by default O*NET and BLS unreachable (:data:`NOWHERE`);
        ``()`` for none, or a local server's.
    retries : int, optional
        ``fetch.RETRIES`` for the test (``0``: one attempt per download); unchanged if None.
    """
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    monkeypatch.delenv("EXPOSURE_REQUIRE_MIRROR", raising=False)
    if retries is not None:
        monkeypatch.setattr(F, "RETRIES", retries)
    return F.DataStore(cache=tmp_path / "data", home=tmp_path / "home", url_map=url_map)

