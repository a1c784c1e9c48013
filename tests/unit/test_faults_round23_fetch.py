"""Fault round 23: the lock file's sources by name, and where the diff reports go.

``exposure fetch``/``sources`` and the lock file; the output directories of ``exposure
diff`` and ``exposure recompute --compare``.

1. A custom source pinned in ``exposure.lock`` by :func:`~exposure.fetch.fetch_table`
   (``onet/29.1/Skills.txt``, a file of a release the package pins that the registry
   lacks, or ``demo/a.csv``, of no release layout) could not be named: ``exposure sources
   onet/29.1/Skills.txt``, ``exposure fetch demo/a.csv`` and ``fetch("demo/a.csv")`` said
   ``unknown source ...; did you mean ...`` although the lock pins the file
   (``exposure sources --releases`` lists it). Now the lock's source is used: its sha256,
   size, URL and archive member (the layout's URL was used for a layout name, not the one
   the bytes came from). A hand-written lock line of an unsafe name (``..``) under a prefix
   is named with its row (it was an "unknown source ...; did you mean").
2. An unpinned :class:`~exposure.sources.Source` (``sha256=""``) given again to
   ``fetch_table`` after the lock pinned it: fetched without verification and pinned
   again, so a changed file was accepted without a word and the lock overwritten. Now it
   is verified against the lock's pin.
3. ``cache_status(name)`` of a file the lock pins (``onet/31.0/Job Zones.txt``): the lock
   was not read, so a good file was a ``"mismatch"`` and, with ``drop=True``, removed. A
   cached file that nothing pins was a "mismatch" too; it is refused now, and kept.
4. A sha256 mismatch of a file the lock pins named two digests only: now it says the
   expected one is the lock file's pin, and how to pin a changed file again.
5. ``exposure diff OLD NEW --reports OLD`` (or ``NEW``, or a directory holding both): the
   reports replaced the input directory (or the whole tree holding both, its files
   hard-linked into a new one) with exit 0; the ``diff_*.csv`` among OLD's tables. Refused
   now before anything is read.
6. ``exposure recompute --compare OLD`` without ``--out`` when OLD is the default output
   of the releases asked for: the recompute replaced OLD (17.8 s on the real mirror), then
   the diff refused "the same directory". Refused before the recompute now. So are
   ``--reports`` equal to, or holding, ``--compare`` or ``--out``.
7. ``exposure diff "" NEW`` (``"$OLD"`` of an unset variable) run inside an output
   directory compared the current directory without a word (exit 0); elsewhere it said
   ``processed table 'task_digests' not found at task_digests.parquet``, naming no
   directory. ``recompute --compare ""`` ran the recompute first. Refused now, naming the
   argument.
8. ``fetch_many(["onet/31.0"], store=store)``: the names were looked for in the lock file
   of ``$EXPOSURE_HOME``, not the store's, so a release the store's lock pins was "no file
   of O*NET 31.0 is pinned yet by the package or the lock file <$EXPOSURE_HOME>/exposure.lock".

Tiny made-up files written by the tests; nothing is downloaded.
"""

from __future__ import annotations

import pytest
from _frames import recompute_outputs

from exposure import fetch as F
from exposure.cli import main
from exposure.errors import ChecksumMismatchError, ExposureError
from exposure.releases import Lock
from exposure.sources import Source

SKILLS = "onet/29.1/Skills.txt"
DEMO = "demo/a.csv"
NEW = "onet/31.0/Job Zones.txt"
BODY = b"a\tb\n1\t2\n"
JOB_ZONES = b"O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n11-1011.00\t5\t08/2026\tAnalyst\n"


pytestmark = pytest.mark.usefixtures("bare_env")


def _custom(name, url="https://example.org/db_29_1_text.zip"):
    return Source(name=name, release="29.1", url=url, sha256="", size=0, licence="CC BY 4.0",
                  attribution="made up", kind="onet")


def _put(mirror, name, body):
    (mirror / name).parent.mkdir(parents=True, exist_ok=True)
    (mirror / name).write_bytes(body)


def _pin(tmp_path, name, body=BODY, url="https://example.org/db_29_1_text.zip"):
    """Pin ``name`` in the lock file as ``fetch_table`` of a custom source does."""
    mirror = tmp_path / "m"
    _put(mirror, name, body)
    F.fetch_table(_custom(name, url), lambda p: p.read_bytes(), mirror=mirror, data_dir=tmp_path / "c")
    assert name in Lock(tmp_path / "home" / "exposure.lock").entries()
    return mirror


# 1. a custom source the lock pins, named on the command line


@pytest.mark.parametrize("name", [SKILLS, DEMO])
def test_sources_lists_a_custom_pin_by_its_name(tmp_path, capsys, name):
    _pin(tmp_path, name)
    assert main(["sources", name, "--data-dir", str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out
    assert name in out and "1 file in" in out and "1 verified" in out


@pytest.mark.parametrize("name", [SKILLS, DEMO])
def test_fetch_fetches_a_custom_pin_by_its_name(tmp_path, capsys, name):
    mirror = _pin(tmp_path, name)
    cache = tmp_path / "c2"
    assert main(["fetch", name, "--mirror", str(mirror), "--data-dir", str(cache)]) == 0
    assert "1 of 1 file verified" in capsys.readouterr().out
    assert (cache / name).read_bytes() == BODY


def test_fetch_by_a_prefix_of_a_custom_pin(tmp_path, capsys):
    mirror = _pin(tmp_path, DEMO)
    assert main(["fetch", "demo", "--mirror", str(mirror), "--data-dir", str(tmp_path / "c2")]) == 0
    assert "1 of 1 file verified" in capsys.readouterr().out


def test_fetch_api_verifies_a_custom_pin_against_the_lock(tmp_path):
    mirror = _pin(tmp_path, SKILLS)
    assert F.fetch(SKILLS, mirror=mirror, data_dir=tmp_path / "c2").read_bytes() == BODY
    _put(mirror, SKILLS, b"a\tb\n9\t9\n")
    with pytest.raises(ChecksumMismatchError):
        F.fetch(SKILLS, mirror=mirror, data_dir=tmp_path / "c3")
    assert not (tmp_path / "c3" / SKILLS).exists()


def test_the_lock_url_of_a_custom_pin_is_kept(tmp_path):
    """A custom ``onet/31.0/Skills.txt`` from example.org is not looked for in O*NET's archive."""
    name = "onet/31.0/Skills.txt"
    _pin(tmp_path, name, url="https://example.org/skills.txt")
    src = F.DataStore.default(data_dir=tmp_path / "c").source(name)
    assert (src.pinned, src.download_url, src.member) == (True, "https://example.org/skills.txt", None)


def test_an_unsafe_lock_line_is_named_with_its_row(tmp_path, capsys):
    mirror = tmp_path / "m"
    _put(mirror, NEW, JOB_ZONES)
    F.fetch_table(NEW, lambda p: p.read_bytes(), mirror=mirror, data_dir=tmp_path / "c")
    lock = tmp_path / "home" / "exposure.lock"
    with lock.open("a") as f:  # written by hand
        f.write(f"onet/31.0/../Job Zones.txt\t3\t{'a' * 64}\thttps://example.org/x.zip\t\n")
    row = len(lock.read_text().splitlines())
    for command in ("fetch", "sources"):
        assert main([command, "onet/31.0", "--data-dir", str(tmp_path / "c2")]) == 2
        err = capsys.readouterr().err
        assert f"{lock}, row {row}, column 'name': the name 'onet/31.0/../Job Zones.txt' is absolute" in err
        assert len(err.strip().splitlines()) == 1
    # refused when the lock file is read (round 42), as a line with a bad size is: a fetch of
    # another file of the lock names it too
    assert main(["fetch", NEW, "--mirror", str(mirror), "--data-dir", str(tmp_path / "c2")]) == 2
    assert f"{lock}, row {row}, column 'name'" in capsys.readouterr().err


# 2. an unpinned Source the lock pins


def test_an_unpinned_source_the_lock_pins_is_verified(tmp_path):
    mirror = _pin(tmp_path, DEMO)
    lock = tmp_path / "home" / "exposure.lock"
    before = lock.read_text()
    _put(mirror, DEMO, b"a,b\n9,9\n")  # the file changed upstream
    # the cached copy is the pinned one, but the mirror's changed file is refused there too
    # (round 51: it was silently ignored while a fresh cache refused it)
    with pytest.raises(ChecksumMismatchError, match="exposure.lock"):
        F.fetch_table(_custom(DEMO), lambda p: p.read_bytes(), mirror=mirror, data_dir=tmp_path / "c")
    with pytest.raises(ChecksumMismatchError, match="exposure.lock"):
        F.fetch_table(_custom(DEMO), lambda p: p.read_bytes(), mirror=mirror, data_dir=tmp_path / "c2")
    assert lock.read_text() == before and not (tmp_path / "c2" / DEMO).exists()


# 3. cache_status of a file the lock pins


def test_cache_status_of_a_lock_pin_reads_the_lock(tmp_path):
    mirror = tmp_path / "m"
    _put(mirror, NEW, JOB_ZONES)
    F.fetch_table(NEW, lambda p: p.read_bytes(), mirror=mirror, data_dir=tmp_path / "c")
    cached = tmp_path / "c" / NEW
    assert F.cache_status(NEW, data_dir=tmp_path / "c") == "verified"
    assert F.cache_status(NEW, data_dir=tmp_path / "c", rehash=True, drop=True) == "verified"
    assert cached.read_bytes() == JOB_ZONES
    cached.write_bytes(b"edited\n")
    assert F.cache_status(NEW, data_dir=tmp_path / "c", rehash=True, drop=True) == "removed"


def test_cache_status_of_an_unpinned_file_is_refused_and_kept(tmp_path):
    name = "onet/32.0/Job Zones.txt"
    cached = tmp_path / "c" / name
    cached.parent.mkdir(parents=True)
    cached.write_bytes(JOB_ZONES)
    with pytest.raises(ExposureError, match=r"onet/32.0/Job Zones.txt: cannot check .*neither the package "
                                            r"nor the lock file .*exposure.lock pins its sha256"):
        F.cache_status(name, data_dir=tmp_path / "c", rehash=True, drop=True)
    assert cached.read_bytes() == JOB_ZONES


# 4. a mismatch of a lock pin names the lock


def test_a_mismatch_of_a_lock_pin_names_the_lock(tmp_path, capsys):
    mirror = tmp_path / "m"
    _put(mirror, NEW, JOB_ZONES)
    F.fetch_table(NEW, lambda p: p.read_bytes(), mirror=mirror, data_dir=tmp_path / "c")
    _put(mirror, NEW, JOB_ZONES.replace(b"\t5\t", b"\t4\t"))
    assert main(["fetch", NEW, "--mirror", str(mirror), "--data-dir", str(tmp_path / "c2")]) == 2
    err = capsys.readouterr().err
    lock = tmp_path / "home" / "exposure.lock"
    assert f"sha256 mismatch for {NEW}" in err
    assert f"the expected sha256 is the pin of {NEW} in the lock file {lock}" in err
    assert "delete that line to pin the new one" in err and len(err.strip().splitlines()) == 1


def test_a_registry_mismatch_says_nothing_of_the_lock(tmp_path, capsys):
    name = "onet/29.1/Task Categories.txt"
    mirror = tmp_path / "m"
    _put(mirror, name, b"made up\n")
    assert main(["fetch", name, "--mirror", str(mirror), "--data-dir", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert f"sha256 mismatch for {name}" in err and "lock file" not in err


# 5. exposure diff --reports among its inputs


def _tree(root):
    return sorted((p.relative_to(root).as_posix(), p.stat().st_ino) for p in root.rglob("*"))


@pytest.fixture
def runs(tmp_path):
    runs = tmp_path / "runs"
    runs.mkdir()
    recompute_outputs(runs / "old", "29.1")
    recompute_outputs(runs / "new", "30.1")
    return runs


@pytest.mark.parametrize("reports, said", [
    ("old", "is the OLD_DIR directory, which the diff reads"),
    ("new", "is the NEW_DIR directory, which the diff reads"),
    (".", "holds the OLD_DIR directory"),
])
def test_diff_reports_among_its_inputs_are_refused(runs, capsys, reports, said):
    before = _tree(runs.parent)
    argv = ["diff", str(runs / "old"), str(runs / "new"), "--reports", str(runs / reports)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1
    assert _tree(runs.parent) == before


def test_diff_reports_elsewhere_or_inside_an_input_are_written(runs, tmp_path):
    assert main(["diff", str(runs / "old"), str(runs / "new"), "-q", "--reports", str(tmp_path / "r")]) == 0
    assert (tmp_path / "r" / "diff_summary.csv").is_file()
    assert main(["diff", str(runs / "old"), str(runs / "new"), "-q"]) == 0
    assert (runs / "new" / "reports" / "diff_summary.csv").is_file()


# 6. exposure recompute --compare of its own output


def test_recompute_compare_of_the_default_out_is_refused_first(tmp_path, capsys):
    old = recompute_outputs(_default_out(tmp_path), "29.1")
    before = _tree(old)
    argv = ["recompute", "-q", "--compare", str(old), "--mirror", str(_empty(tmp_path)),
            "--data-dir", str(tmp_path / "c")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "is where this recompute writes (the default --out of these releases)" in err
    assert "stage" not in err and _tree(old) == before


@pytest.mark.parametrize("reports, said", [
    ("old", "is the --compare directory"),
    ("out", "is the --out directory"),
    (".", "holds the --compare directory"),
])
def test_recompute_reports_among_the_compared_are_refused_first(tmp_path, capsys, reports, said):
    runs = tmp_path / "runs"
    runs.mkdir()
    old = recompute_outputs(runs / "old", "29.1")
    argv = ["recompute", "-q", "--compare", str(old), "--out", str(runs / "out"), "--reports",
            str(runs / reports), "--mirror", str(_empty(tmp_path)), "--data-dir", str(tmp_path / "c")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err and "stage" not in err
    assert not (runs / "out").exists()


def _default_out(tmp_path):
    out = tmp_path / "home" / "processed" / "onet-29.1_oews-2025"
    out.parent.mkdir(parents=True)
    return out


def _empty(tmp_path):
    mirror = tmp_path / "empty-mirror"
    mirror.mkdir(exist_ok=True)
    return mirror



# 7. a directory to compare given as "" (an unset shell variable)


@pytest.mark.parametrize("argv, said", [
    (["diff", "", "NEW"], "OLD_DIR is empty"),
    (["diff", "OLD", ""], "NEW_DIR is empty"),
    (["recompute", "-q", "--compare", ""], "--compare is empty"),
])
def test_an_empty_directory_to_compare_is_refused(runs, tmp_path, monkeypatch, capsys, argv, said):
    monkeypatch.chdir(runs / "old")  # inside an output directory: "" was this one
    names = {"NEW": str(runs / "new"), "OLD": str(runs / "old")}
    argv = [names.get(a, a) for a in argv]
    if argv[0] == "recompute":
        argv += ["--out", str(tmp_path / "out"), "--mirror", str(_empty(tmp_path)), "--data-dir",
                 str(tmp_path / "c")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"{said}: give the directory of an earlier recompute (an empty path would be read as the " \
           "current directory)" in err
    assert not (runs / "new" / "reports").exists() and not (runs / "old" / "reports").exists()


# 8. fetch_many(names, store=...) chose the names with $EXPOSURE_HOME's lock file


def test_fetch_many_chooses_names_with_the_stores_lock(tmp_path):
    mirror = tmp_path / "m"
    _put(mirror, NEW, JOB_ZONES)
    store = F.DataStore(cache=tmp_path / "c", home=tmp_path / "other-home", mirror=mirror)
    F.fetch_table(NEW, lambda p: p.read_bytes(), store=store)
    fetched, errors = F.fetch_many(["onet/31.0"], store=store)
    assert (list(fetched), errors) == ([NEW], {})
    assert fetched[NEW].read_bytes() == JOB_ZONES
