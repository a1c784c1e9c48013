"""Round 9: an output named as a compressed file says to write Parquet; mirror= shown in one line.

``exposure score tasks.csv -o scored.csv.gz`` said ``unsupported output file type '.gz'``
and listed the types, but not that Parquet is the compressed output. No mirror, no network.
"""

from __future__ import annotations

import pandas as pd
import pytest

from exposure._tables import table_kind
from exposure.cli import main
from exposure.errors import ExposureError
from exposure.fetch import check_location
from exposure.scoring._files import file_kind

HINT = r"for compressed output write {} \(Parquet compresses its columns\)$"


@pytest.mark.parametrize("name, what, parquet", [
    ("out.csv.gz", "gzip-compressed files", "out.parquet"), ("out.gz", "gzip-compressed files", "out.parquet"),
    ("out.parquet.zst", "zstd-compressed files", "out.parquet"), ("out.dta.BZ2", "bzip2-compressed files", "out.parquet"),
    ("out.xlsx.zip", "zip archives", "out.parquet"), ("run.2024.xz", "xz-compressed files", "run.2024.parquet"),
])
def test_compressed_output_names_the_parquet_file(name, what, parquet):
    suffix = name.rsplit(".", 1)[1].lower()
    start = rf"^{name}: unsupported output file type '\.{suffix}' \({what} are not written\); use "
    with pytest.raises(ExposureError, match=start + r"\.csv, \.tsv, \.parquet, \.xlsx or \.dta: " + HINT.format(parquet)):  # round 81: .tsv
        file_kind(name, "output")
    with pytest.raises(ExposureError, match=start + r"\.csv, \.tsv, \.parquet, \.pq, \.xlsx or \.dta: "
                       + HINT.format(parquet)):
        table_kind(name, "output")


def test_compressed_names_are_unchanged_for_inputs_and_other_suffixes():
    with pytest.raises(ExposureError, match=r"decompress it first \(gunzip -k t\.csv\.gz writes t\.csv\)"):
        file_kind("t.csv.gz", "input")
    with pytest.raises(ExposureError, match=r"^out\.json: unsupported output file type '\.json'; use "
                       r"\.csv, \.tsv, \.parquet, \.xlsx or \.dta$"):  # round 81: .tsv is written
        file_kind("out.json", "output")
    assert file_kind("out.parquet", "output") == "parquet"


def test_cli_score_to_a_compressed_name_suggests_parquet(tmp_path, capsys):
    """``exposure score tasks.csv -o scored.csv.gz``: the message named no compressed output."""
    (tmp_path / "tasks.csv").write_text("task\nWeld pipes.\n")
    out = tmp_path / "sub" / "scored.csv.gz"
    assert main(["score", str(tmp_path / "tasks.csv"), "-o", str(out), "--method", "rubric"]) == 2
    err = capsys.readouterr().err
    assert (f"{out}: unsupported output file type '.gz' (gzip-compressed files are not written); use "
            f".csv, .tsv, .parquet, .xlsx or .dta: for compressed output write {tmp_path / 'sub' / 'scored.parquet'}") in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tasks.csv"]


@pytest.mark.parametrize("value, shown", [(pd.Series(["/data"]), "Series"), (pd.DataFrame(), "DataFrame"),
                                          ({}, "dict"), (5, "int 5")])
def test_check_location_shows_a_frame_in_one_line(value, shown):
    """A Series was printed whole: ``got Series 0    /data\\ndtype: object``."""
    with pytest.raises(ExposureError, match=rf"^mirror must be a directory path \(str or os.PathLike\), got {shown}$"):
        check_location(value, "mirror")
