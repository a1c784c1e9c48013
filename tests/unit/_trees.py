"""The listings of a folder that the tests compare before and after a command (what it wrote, or left behind).

:func:`tree` lists files and folders; :func:`files_under` files only (the download tests' caches).
"""

from __future__ import annotations

from pathlib import Path


def tree(top: Path) -> list[str]:
    """Every file and folder below ``top`` (hidden ones too), as sorted posix paths relative to it.

    Folders are listed too, so an empty folder left behind shows; ``[]`` for an empty ``top``.
    """
    return sorted(p.relative_to(top).as_posix() for p in top.rglob("*"))


def files_under(root: Path) -> list[str]:
    """Every file below root (including hidden temporaries), as sorted posix paths; [] if root is absent."""
    if not root.exists():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
