"""Fault round 61 (diff): comparing two recompute outputs or two O*NET releases, and the lock file.

Faults found and fixed:

1. ``diff_tasks(old, new)`` of two ``task_digests`` tables read back with categorical
   columns (``pd.read_csv(..., dtype="category")`` or a Parquet file saved from such a
   frame, to save memory) raised pandas' errors from inside the comparison: ``TypeError:
   Categoricals can only be compared if 'categories' are the same`` (the digests of the
   two releases are two sets of categories), ``TypeError: boolean value of NA is
   ambiguous`` (a categorical digest against a text one) and, for a categorical
   ``task_id`` in both, ``AssertionError: Something has gone wrong, please report a bug
   at https://github.com/pandas-dev/pandas/issues``. The keys and digests, once checked,
   are now compared as plain values (ids as int64, codes and digests as Python strings):
   the same classification as of the frames without categories.
2. ``exposure diff OLD NEW`` (``diff_outputs``) where a sector or subsector is in one
   release only (an OEWS release that adds, drops or renumbers a NAICS subsector) counted
   it nowhere: ``sectors_beta_missing`` counts the industries of both releases only,
   ``diff_sectors.csv`` holds the sectors only, and the summary printed 22 counts of
   0 (with no "no change" line either, since the outputs differ): the change was
   reported nowhere on the command line. The summary now counts them, as it counts the
   occupations: ``sectors_added`` and ``sectors_removed`` (sectors and subsectors together,
   as ``sectors_beta_moved_gt_0.01``), before the two ``sectors_beta_...`` rows.
3. ``Lock.pin(src, path, sha256=...)`` with a ``sha256`` that is no hexadecimal digest:
   ``hashlib.sha256(data).digest()`` (bytes), a digest with spaces around it, or one cut
   short, was refused as ``... changed while it was read (another run replaced it?) ...;
   nothing was pinned: run again``, a wrong diagnosis that running again cannot cure; a
   number or a ``hashlib`` object raised ``AttributeError: ... has no attribute
   'lower'``. ``replace="no"`` (or any text) was read as True, so a pin the caller meant
   to keep was replaced without a word. Both are now refused naming the argument:
   ``sha256 must be 64 hexadecimal digits (hashlib's hexdigest()), got bytes b'...'``,
   ``replace must be True or False, got str 'no'``, before the lock file is touched.
4. A lock line copied from a web page or a chat, whose name holds a no-break space or a
   full-width letter inside the file name (``onet/31.0/Job\\u00a0Zones.txt``), was read as
   the pin of a file of O*NET 31.0 that no release reads: ``exposure sources --releases``
   listed it as a pinned file, and the pin was never used (a no-break space around a
   part of the name was refused since round 36, not one inside it). A name, URL or
   archive member holding an invisible character (a zero-width space U+200B, U+FEFF, a
   direction mark) was read likewise: the name as a custom source nobody asks for (left
   out of the release list), the URL and member as ones a download fails on, naming
   neither the lock file nor its line. Now refused when the lock file is read (and by
   ``Lock.pin``), on the row and column: ``the name 'onet/31.0/Job\\xa0Zones.txt' is of a
   release file written with a no-break space or a full-width character in its file
   name, which no release has: write 'onet/31.0/Job Zones.txt'``, ``the URL '...\\u200b'
   of onet/31.0/Job Zones.txt holds an invisible character (U+200B, copied with the
   text?), which no name or URL of a release has: remove it``.
"""

from __future__ import annotations

import dataclasses
import hashlib

import pandas as pd
import pytest
from _frames import DIFF_TASKS, recompute_outputs
from test_faults_cli import cli

from exposure.errors import DataFormatError
from exposure.pipeline import task_digests
from exposure.releases import Lock, layout_source
from exposure.reports.diff import diff_outputs, diff_tasks

# ------------------------------------------------------------ 1. categorical task_digests in diff_tasks


def _digests():
    """Digests of DIFF_TASKS and of a later release: task 2 reworded, 1 moved, 10 removed, 11 added."""
    new = pd.DataFrame({
        "onetsoc_code": ["13-2011.00", "11-1011.00", "13-2011.00"],
        "task_id": [1, 2, 11],
        "task": ["Direct operations.", "Confer with the board.", "Use AI assistants."],
        "task_type": ["Core", "Core", "Core"],
    })
    return task_digests(DIFF_TASKS), task_digests(new)


EXPECTED = {"onetsoc_code": ["11-1011.00", "13-2011.00", "13-2011.00", "13-2011.00"], "task_id": [2, 1, 10, 11],
            "change": ["reworded", "moved", "removed", "added"]}


@pytest.mark.parametrize("columns", [["text_digest"], ["task_id"], ["onetsoc_code", "task_id", "text_digest"]],
                         ids=["digest", "task_id", "all"])
def test_diff_tasks_of_categorical_digests(columns):
    old, new = _digests()
    assert diff_tasks(old, new).to_dict("list") == EXPECTED
    cat = {c: "category" for c in columns}
    # before: TypeError (categories differ) or pandas' AssertionError for task_id
    assert diff_tasks(old.astype(cat), new.astype(cat)).to_dict("list") == EXPECTED
    # a bad cell of a categorical column is still named
    bad = old.astype({"task_id": "float64"})
    bad.loc[1, "task_id"] = 2.5
    with pytest.raises(DataFormatError, match=r"^old, row 2, column 'task_id': not a task id"):
        diff_tasks(bad.astype(cat), new.astype(cat))


@pytest.mark.parametrize("other", ["string", "string[pyarrow]"])
def test_diff_tasks_of_a_categorical_digest_against_text(other):
    old, new = _digests()
    # before: TypeError: boolean value of NA is ambiguous
    got = diff_tasks(old.astype({"text_digest": "category"}), new.astype({"text_digest": other}))
    assert got.to_dict("list") == EXPECTED
    got = diff_tasks(old.astype({"text_digest": other}), new.astype({"text_digest": "category"}))
    assert got.to_dict("list") == EXPECTED


# ------------------------------------------------------------ 2. an industry of one release only


def _counts(diff):
    return dict(zip(diff.summary["item"], diff.summary["count"], strict=True))


def test_a_subsector_of_one_release_only_is_counted(tmp_path):
    old = recompute_outputs(tmp_path / "old", "29.1", subsector="522")
    new = recompute_outputs(tmp_path / "new", "30.1", subsector="523")
    diff = diff_outputs(old, new)
    counts = _counts(diff)
    # before: in no count (sectors_beta_missing counts the industries of both releases only)
    assert counts["sectors_added"] == 1 and counts["sectors_removed"] == 1
    assert counts["sectors_beta_missing"] == 0 and not diff.unchanged
    # the two sectors_beta_ rows stay last
    assert list(counts)[-4:] == ["sectors_added", "sectors_removed", "sectors_beta_moved_gt_0.01",
                                 "sectors_beta_missing"]


def test_the_same_industries_count_none(tmp_path):
    old = recompute_outputs(tmp_path / "old", "29.1")
    new = recompute_outputs(tmp_path / "new", "30.1")
    counts = _counts(diff_outputs(old, new))
    assert counts["sectors_added"] == 0 and counts["sectors_removed"] == 0


def test_the_cli_summary_shows_a_subsector_of_one_release(tmp_path, capsys):
    old = recompute_outputs(tmp_path / "old", "29.1", subsector="522")
    new = recompute_outputs(tmp_path / "new", "30.1", subsector="523")
    code, out, err = cli(capsys, "diff", str(old), str(new), "--reports", str(tmp_path / "reports"))
    assert code == 0, err
    assert "sectors_added" in out and "sectors_removed" in out
    summary = pd.read_csv(tmp_path / "reports" / "diff_summary.csv", dtype=str)
    assert dict(zip(summary["item"], summary["count"], strict=True))["sectors_added"] == "1"


# ------------------------------------------------------------ 3. Lock.pin's sha256 and replace


def _pin_setup(tmp_path):
    data = tmp_path / "Job Zones.txt"
    data.write_bytes(b"abc")
    return Lock(tmp_path / "exposure.lock"), layout_source("onet/31.0/Job Zones.txt"), data


@pytest.mark.parametrize("sha256", [hashlib.sha256(b"abc").digest(), " " + hashlib.sha256(b"abc").hexdigest(),
                                    hashlib.sha256(b"abc").hexdigest()[:12], 12345, hashlib.sha256(b"abc")],
                         ids=["bytes", "padded", "short", "int", "hash-object"])
def test_pin_refuses_a_sha256_that_is_no_hex_digest(tmp_path, sha256):
    lock, src, data = _pin_setup(tmp_path)
    # before: "changed while it was read (another run replaced it?)", or an AttributeError
    with pytest.raises(DataFormatError, match=r"^sha256 must be 64 hexadecimal digits \(hashlib's hexdigest\(\)\), "
                                              r"got "):
        lock.pin(src, data, sha256=sha256)
    assert not lock.path.exists()
    # a hexadecimal digest is read in either case; one of other bytes is still "changed while it was read"
    digest = hashlib.sha256(b"abc").hexdigest()
    with pytest.raises(DataFormatError, match="changed while it was read"):
        lock.pin(src, data, sha256=hashlib.sha256(b"abd").hexdigest())
    assert lock.pin(src, data, sha256=digest.upper())["sha256"] == digest


@pytest.mark.parametrize("replace", ["no", "False"])
def test_pin_refuses_a_replace_that_is_no_bool(tmp_path, replace):
    lock, src, data = _pin_setup(tmp_path)
    lock.pin(src, data)
    data.write_bytes(b"abcd")  # another version of the file
    before = lock.path.read_text()
    # before: "no" was read as True: the pin was replaced without a word
    with pytest.raises(DataFormatError, match=r"^replace must be True or False, got "):
        lock.pin(src, data, replace=replace)
    assert lock.path.read_text() == before
    with pytest.raises(DataFormatError, match="already pinned"):  # False still keeps the pin
        lock.pin(src, data, replace=False)
    assert lock.entries()["onet/31.0/Job Zones.txt"]["size"] == "3"


# ------------------------------------------------------------ 4. invisible and look-alike characters in a lock line

ONET_31 = "https://www.onetcenter.org/dl_files/database/db_31_0_text.zip"
HEADER = "name\tsize\tsha256\turl\tmember\n"


def _lock_with(tmp_path, name, url=ONET_31, member=""):
    path = tmp_path / "exposure.lock"
    path.write_text(HEADER + f"{name}\t3\t{hashlib.sha256(b'abc').hexdigest()}\t{url}\t{member}\n", "utf-8")
    return Lock(path)


@pytest.mark.parametrize("name", ["onet/31.0/Job\u00a0Zones.txt", "onet/31.0/\uff2aob Zones.txt"],
                         ids=["nbsp", "full-width"])
def test_a_release_name_with_a_look_alike_character_inside_is_refused(tmp_path, name):
    lock = _lock_with(tmp_path, name)
    # before: listed as a pinned file of O*NET 31.0 that no release reads
    with pytest.raises(DataFormatError, match=r"exposure\.lock, row 2, column 'name': the name .* is of a release "
                                              r"file written with a no-break space or a full-width character in its "
                                              r"file name, which no release has: write 'onet/31\.0/Job Zones\.txt'"):
        lock.entries()


@pytest.mark.parametrize(("name", "url", "member", "column"), [
    ("onet/31.0/Job Zones.txt\u200b", ONET_31, "", "name"),
    ("\ufeffonet/31.0/Job Zones.txt", ONET_31, "", "name"),
    ("demo/mine\u200b.csv", "", "", "name"),
    ("onet/31.0/Job Zones.txt", ONET_31 + "\u200b", "", "url"),
    ("onet/31.0/Job Zones.txt", ONET_31, "db_31_0_text/Job Zones.txt\u200e", "member"),
], ids=["name-zwsp", "name-bom", "custom-name", "url", "member"])
def test_an_invisible_character_in_a_lock_line_is_refused(tmp_path, name, url, member, column):
    lock = _lock_with(tmp_path, name, url, member)
    # before: read as a pin nobody asks for, or a URL / member a download fails on
    with pytest.raises(DataFormatError, match=rf"exposure\.lock, row 2, column '{column}': .* holds an invisible "
                                              r"character \(U\+[0-9A-F]{4}, copied with the text\?\)"):
        lock.entries()
    # the same line without the character is read
    clean = _lock_with(tmp_path, *(v.replace("\u200b", "").replace("\ufeff", "").replace("\u200e", "")
                                   for v in (name, url, member)))
    assert len(clean.entries()) == 1


def test_pin_refuses_a_name_or_url_with_an_invisible_character(tmp_path):
    lock, src, data = _pin_setup(tmp_path)
    for bad in (dataclasses.replace(src, name=src.name + "\u200b"), dataclasses.replace(src, archive_url=ONET_31 + "\u200b")):
        with pytest.raises(DataFormatError, match="invisible character"):
            lock.pin(bad, data)
    assert not lock.path.exists()

