"""Round 79 (paths3): output folders that cannot be entered or written, a name too long, ``url2pathname``.

Folders this user may not enter (no ``x``) or not write (no ``w``) are tested as root
without the capabilities that bypass permissions (``setpriv
--bounding-set=-dac_override,-dac_read_search``, as ``test_faults_round79_cli2.py``);
skipped when not root or without ``setpriv``.

1. ``exposure train --out locked/m.npz`` (``locked`` a folder that cannot be entered) said
   ``exposure train: error: /abs/locked/m.npz: Permission denied``: ``Path.is_dir`` in
   ``exposure.cli._evaluate.check_artifact_name`` (then ``check_artifact_place``) raised
   before ``check_output_file`` named the folder. Now ``output path locked/m.npz:
   Permission denied: the folder locked cannot be entered (no x permission for this
   user), so nothing can be written in it; ask its owner for access, or write the file
   elsewhere`` (the words of ``exposure._io.closed_folder``, as ``train_and_save``).
2. ``exposure train --out xxx...x.npz`` (a name of 300 bytes) said ``exposure train: error:
   /abs/xxx...x.npz: File name too long`` (from ``check_artifact_place``). Now ``output
   file name 'xxx...x.npz' is 304 bytes long, and the file system of /abs allows names of
   255 bytes; give the file a name of at most 255 bytes`` (``exposure._io.long_name``);
   a folder name too long (``xxx...x/m.npz``) likewise (``output folder name ...``).
3. ``exposure evaluate --out locked/sub/a.csv`` said ``output path locked/sub: Permission
   denied: the folder locked cannot be entered (...); ask its owner for access, or choose
   another output directory``, naming a folder for a file. Now ``locked/sub/a.csv: cannot
   write: Permission denied: the folder locked cannot be entered (no x permission for this
   user), so nothing can be written in it; ask its owner for access, or write the file
   elsewhere`` (the words of ``exposure score -o``).
4. A folder that can be entered but not written (``ro``, mode 0555):
   ``exposure._io.check_output_path("ro/a.csv")`` (``write_csv`` and the other writers,
   ``exposure score -o``) said ``ro/a.csv: cannot write: directory ro is not writable``,
   with no advice; ``exposure evaluate --out ro/a.csv`` said ``ro: cannot write to the
   output directory: Permission denied``; ``exposure report agreement --out-dir ro`` and
   ``report rubric --out-dir ro/x`` said ``ro: cannot write to the output directory:
   Permission denied``; ``exposure train --out ro/m.npz`` said ``cannot write ro/m.npz:
   Permission denied (ro)``; a write that failed there (``exposure._io.output_error``)
   said ``permission denied (is the directory writable?)``. Now, in the words of
   ``closed_folder`` (``exposure._io.unwritable_folder``): ``Permission denied: the
   folder ro is not writable (no w permission for this user), so nothing can be written
   in it; ask its owner for access, or write the file elsewhere`` (``..., or choose another
   output directory`` for an ``--out-dir``, named ``output path ro: ...``).
5. ``exposure._io`` imported ``urllib.request`` for ``url2pathname`` alone, which loaded
   ``http.client``, ``ssl`` and ``email`` (about 12 ms at each command's start). Now
   ``urllib.parse.unquote``, which ``urllib.request.url2pathname`` is on POSIX (Python 3.11,
   3.12; ``nturl2path`` on Windows): ``file_url_path`` gives the same paths.
"""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from tests.unit._nonroot import ADVICE_DIR, ADVICE_FILE, ENTERED, WRITTEN, without_root_powers

from exposure._io import file_url_path


def _without_root_powers(args, cwd):
    """Run ``args`` in ``cwd`` as root without the capabilities that bypass file permissions."""
    # an empty mirror: every output is refused before reading
    return without_root_powers(args, cwd, EXPOSURE_MIRROR=str(cwd / "mirror"), EXPOSURE_DATA_DIR=str(cwd / "cache"),
                               EXPOSURE_HOME=str(cwd / "home"))


def _cli(args, cwd):
    done = _without_root_powers([sys.executable, "-m", "exposure.cli", *args], cwd)
    return done.returncode, done.stderr.strip()


@pytest.fixture
def folders(tmp_path):
    """``locked`` (mode 0, with ``sub`` inside) and ``ro`` (mode 0555) in ``tmp_path``, an empty mirror beside them."""
    (tmp_path / "mirror").mkdir()
    (tmp_path / "locked" / "sub").mkdir(parents=True)
    (tmp_path / "ro").mkdir()
    (tmp_path / "locked").chmod(0o000)
    (tmp_path / "ro").chmod(0o555)
    yield tmp_path
    (tmp_path / "locked").chmod(0o755)
    (tmp_path / "ro").chmod(0o755)


# 1. train --out under a folder that cannot be entered -----------------------------------------------


@pytest.mark.parametrize("out", ["locked/m.npz", "locked/sub/m.npz"])
def test_train_out_under_a_folder_that_cannot_be_entered_names_it(folders, out):
    """It said ``/abs/locked/m.npz: Permission denied`` (``Path.is_dir`` in ``check_artifact_name``)."""
    assert _cli(["train", "--out", out], folders) == (
        2, f"exposure train: error: output path {out}: " + ENTERED.format(folder="locked", advice=ADVICE_FILE))


# 2. train --out with a name too long ------------------------------------------------------------------


@pytest.mark.parametrize("what, out", [("file", "x" * 300 + ".npz"), ("folder", "x" * 300 + "/m.npz")])
def test_train_out_with_a_name_too_long_says_so(tmp_path, monkeypatch, capsys, no_env, what, out):
    """It said ``/abs/xxx...x.npz: File name too long`` (from ``check_artifact_place``)."""
    from exposure.cli import main

    (tmp_path / "mirror").mkdir()
    (tmp_path / "w").mkdir()
    monkeypatch.chdir(tmp_path / "w")
    monkeypatch.setenv("EXPOSURE_MIRROR", str(tmp_path / "mirror"))
    limit = os.pathconf(tmp_path, "PC_NAME_MAX")
    code = main(["train", "--out", out])
    name = out if what == "file" else out.split("/")[0]
    size = len(name)
    assert code == 2
    assert capsys.readouterr().err.strip() == (
        f"exposure train: error: output {what} name {name!r} is {size} bytes long, and the file system of "
        f"{tmp_path / 'w'} allows names of {limit} bytes; give the {what} a name of at most {limit} bytes")
    assert list((tmp_path / "w").iterdir()) == []


# 3. evaluate --out under a folder that cannot be entered ----------------------------------------------


@pytest.mark.parametrize("argv, out", [
    (["evaluate", "--out", "locked/sub/a.csv"], "locked/sub/a.csv"),
    (["evaluate", "--method", "rubric", "--out", "locked/a.csv"], "locked/a.csv"),
])
def test_evaluate_out_under_a_folder_that_cannot_be_entered_names_the_file(folders, argv, out):
    """It said ``output path locked/sub: ...; ... or choose another output directory`` (checked as its folder)."""
    assert _cli(argv, folders) == (
        2, f"exposure evaluate: error: {out}: cannot write: " + ENTERED.format(folder="locked", advice=ADVICE_FILE))


# 4. a folder that can be entered but not written ------------------------------------------------------


@pytest.mark.parametrize("argv, line", [
    (["evaluate", "--out", "ro/a.csv"],
     "exposure evaluate: error: ro/a.csv: cannot write: " + WRITTEN.format(folder="ro", advice=ADVICE_FILE)),
    (["evaluate", "--method", "rubric", "--out", "ro/new/a.csv"],
     "exposure evaluate: error: ro/new/a.csv: cannot write: " + WRITTEN.format(folder="ro", advice=ADVICE_FILE)),
    (["report", "agreement", "--out-dir", "ro"],
     "exposure report agreement: error: output path ro: " + WRITTEN.format(folder="ro", advice=ADVICE_DIR)),
    (["report", "rubric", "--out-dir", "ro/x"],
     "exposure report rubric: error: output path ro/x: " + WRITTEN.format(folder="ro", advice=ADVICE_DIR)),
    (["train", "--out", "ro/m.npz"],
     "exposure train: error: output path ro/m.npz: " + WRITTEN.format(folder="ro", advice=ADVICE_FILE)),
    (["train", "--out", "ro/new/m.npz"],
     "exposure train: error: output path ro/new/m.npz: " + WRITTEN.format(folder="ro", advice=ADVICE_FILE)),
])
def test_an_output_in_a_folder_that_cannot_be_written_says_what_to_do(folders, argv, line):
    """``ro: cannot write to the output directory: Permission denied``, ``cannot write ro/m.npz: Permission denied (ro)``."""
    assert _cli(argv, folders) == (2, line)
    assert sorted(p.name for p in (folders / "ro").iterdir()) == []


def test_the_library_says_what_to_do_in_a_folder_that_cannot_be_written(folders):
    """``check_output_path``: ``directory ro is not writable``; ``output_error``: ``permission denied (is ...)``."""
    code = ("import sys\nfrom exposure._io import check_output_path, output_error\n"
            "try:\n    check_output_path('ro/a.csv')\nexcept OSError as exc:\n    print(exc, file=sys.stderr)\n"
            "try:\n    open('ro/a.csv', 'w')\nexcept OSError as exc:\n"
            "    print(output_error(exc, 'ro/a.csv'), file=sys.stderr)\n")
    done = _without_root_powers([sys.executable, "-c", code], folders)
    line = "ro/a.csv: cannot write: " + WRITTEN.format(folder="ro", advice=ADVICE_FILE)
    assert done.stderr.strip().splitlines() == [line, line]


# 5. url2pathname without urllib.request ---------------------------------------------------------------


TRICKY = [
    "file:///data/my%20mirror", "file:///data/a+b/m.npz", "file:///data/%2B%25/m.npz",
    "file:///data/caf%C3%A9/m.npz", "file:///data/café/m.npz", "file:///data/%E9/m.npz",
    "file:////host/share/m.npz", "file://localhost//host/share", "file:///C:/models/m.npz",
    "file:///C|/models/m.npz", "file:///a%2Fb/m.npz", "file:///a%00b", "file:///%", "file:///%zz/%4",
    "file:///a b/?q=1#frag", "FILE://LOCALHOST/x%3Ay", "file:///data/dir/", "file://",
]


@pytest.mark.parametrize("url", TRICKY)
def test_file_url_path_is_what_url2pathname_gives(url):
    """The same paths as ``urllib.request.url2pathname`` (on this system) of the URL's path."""
    from urllib.request import url2pathname

    assert file_url_path(url) == url2pathname(urlsplit(url).path)


def test_exposure_io_does_not_import_urllib_request():
    """``urllib.request`` (and with it ``http.client``, ``ssl``, ``email``) was imported at each start."""
    code = ("import sys, exposure._io, exposure.cli._score\n"
            "print(sorted(m for m in ('urllib.request', 'http.client') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "[]", done.stderr
