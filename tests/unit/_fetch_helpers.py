"""The made-up sources and file listings of the download tests (``test_fetch``, ``test_faults_fetch``).

The demo files are those of the small mirror ``tests/data/fetch/mirror`` (``MIRROR``).
"""

from __future__ import annotations

from pathlib import Path

from exposure.sources import Source

FIX = Path(__file__).resolve().parents[1] / "data" / "fetch"
MIRROR = FIX / "mirror"
OEWS = "oews/demo.csv"
OEWS_SHA = "fe46be165e33ed54da78e132d81e574218e00f71d03fbc4013ca14c50b16a02a"


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


def files_under(root: Path) -> list[str]:
    """Every file below root (including hidden temporaries), as sorted posix paths; [] if root is absent."""
    if not root.exists():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
