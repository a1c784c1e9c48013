"""Round 62 (output files): a failed run leaves no directory made for its output file.

:func:`exposure._outdir.check_output_file` probes, before any work, that an output file can
be written: it made the file's missing directories, and kept them. ``exposure train --out
new/dir/m.npz`` refused after the probe (the labels not in the mirror, say) left an empty
``new/dir`` behind. Now the probe removes the directories it made; the writer makes them
when it writes (:func:`exposure._io.atomic_path`).
"""

from __future__ import annotations

from test_faults_cli import cli, one_error_line

from exposure._outdir import check_output_file


def test_the_probe_leaves_no_directory(tmp_path):
    out = check_output_file(tmp_path / "new" / "dir" / "m.npz")
    assert out == tmp_path / "new" / "dir" / "m.npz"
    assert list(tmp_path.iterdir()) == []  # before: new/dir, empty


def test_the_probe_keeps_a_directory_that_was_there(tmp_path):
    (tmp_path / "models").mkdir()
    check_output_file(tmp_path / "models" / "m.npz")
    assert [p.name for p in tmp_path.iterdir()] == ["models"]


def test_a_failed_train_leaves_no_directory(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mirror").mkdir()
    code, _, err = cli(capsys, "train", "--mirror", "mirror", "--data-dir", "cache", "--out", "new/dir/m.npz")
    assert code == 2
    one_error_line(err, command="train")
    assert not (tmp_path / "new").exists()  # before: new/dir, empty
