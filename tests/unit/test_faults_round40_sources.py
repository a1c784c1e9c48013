"""Fault round 40: the source registry (``exposure.sources``) and its Markdown table.

1. ``sources_markdown`` (``exposure sources --format markdown``) wrote the O*NET
   attributions as they are: the two stars of ``O*NET 29.1 Database ... O*NET®`` were read
   as emphasis (``O<em>NET 29.1 Database ... O</em>NET``). Markdown's characters (``*``,
   ``_``, backticks, brackets, ``<>``) are now escaped in the text cells.
2. The registry's URLs of the Felten et al. files held spaces
   (``.../adca5fc2/Image Generation AIOE and AIIE.xlsx``): no URL, and the table's
   ``<...>`` autolink was printed as text. File names are now percent-encoded in the
   registry's URLs, and ``sources_markdown`` encodes a space or ``<>`` of any URL.
3. A backtick in a name or archive member (``x/a`b.csv``) ended its code span: the rest
   of the name was read as Markdown. The code span now takes a longer fence.
4. A CR in a text (an attribution pasted with CRLF line ends) was kept (only LF was
   replaced): the table row was split in two. Every line break is now a space.
5. ``Source(name=5, ...)`` was accepted (an ``AttributeError`` at ``.filename``),
   ``Source(mirror_only="no")`` read as a mirror-only file, ``Source(kind="OEWS")`` (a
   kind of the registry in another case) left out of the release listing without a word:
   refused now, naming the source. A custom kind (``"other"``) is still accepted.
6. Nothing checked a registry entry's own consistency: an O*NET file pinned under the
   group of another release, an OEWS ``national_M2024`` file released ``May 2023``, a
   licence or attribution ``TODO`` or a URL with spaces were listed, attributed and
   downloaded as they were. Every entry is now checked when the registry is built.
7. ``write_source_reports(counts, loaded, "counts.csv")`` (``exposure validate
   --report-dir counts.csv``) made a directory named ``counts.csv`` holding the two
   reports; refused now (a directory already of that name is still written into).

Made-up sources built by the tests; no file of the mirror is read.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from markdown_it import MarkdownIt

from exposure import sources as S
from exposure.errors import DataFormatError, OutputError
from exposure.reports.sources import write_source_reports
from exposure.sources import SOURCES, Source

FELTEN = "reference/felten_aioe/Image Generation AIOE and AIIE.xlsx"


def _source(**changes) -> Source:
    fields = dict(name="x/a.csv", release="1", url="https://e.org/a.csv", sha256="0" * 64, size=1,
                  licence="CC0", attribution="made up")
    return Source(**{**fields, **changes})


def _cells(markdown: str) -> list[list[str]]:
    """The rendered table: one list of cell HTML per body row."""
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)[1:]
    return [re.findall(r"<td>(.*?)</td>", r, flags=re.S) for r in rows]


# 1. O*NET's stars --------------------------------------------------------------------

def test_onet_attribution_is_not_read_as_emphasis():
    md = S.sources_markdown([SOURCES["onet/29.1/Task Categories.txt"]])
    [row] = _cells(md)
    assert "<em>" not in row[3]
    assert row[3].startswith("O*NET 29.1 Database by the U.S. Department of Labor")
    assert "O*NET® is a trademark" in row[3]


def test_markdown_specials_in_text_stay_text():
    odd = _source(licence="CC_BY_4.0 [x](y)", attribution="**A** <b>B</b> `c`")
    [row] = _cells(S.sources_markdown([odd]))
    assert row[2] == "CC_BY_4.0 [x](y)"
    assert row[3] == "**A** &lt;b&gt;B&lt;/b&gt; `c`"


# 2. URLs with spaces --------------------------------------------------------------------

def test_registry_urls_hold_no_spaces():
    assert [n for n, s in SOURCES.items() if re.search(r"\s", s.url + (s.archive_url or ""))] == []
    assert SOURCES[FELTEN].url == ("https://raw.githubusercontent.com/AIOE-Data/AIOE/adca5fc2/"
                                   "Image%20Generation%20AIOE%20and%20AIIE.xlsx")


def test_a_url_with_spaces_is_still_a_link():
    [row] = _cells(S.sources_markdown([_source(url="https://e.org/a b <c>.csv")]))
    assert row[4].startswith('<a href="https://e.org/a%20b%20%3Cc%3E.csv">')


# 3. a backtick in a name or member ------------------------------------------------------

def test_a_backtick_in_a_name_or_member_stays_in_its_code_span():
    odd = _source(name="x/a`b*c_d.csv", archive_url="https://e.org/a.zip", url="https://e.org/a.zip",
                  member="z/`m`.csv")
    [row] = _cells(S.sources_markdown([odd]))
    assert row[0] == "<code>x/a`b*c_d.csv</code>"
    assert "(member <code>`m`.csv</code>)" not in row[4]
    assert "(member <code>z/`m`.csv</code>)" in row[4]


def test_a_pipe_in_a_name_is_still_one_cell():
    [row] = _cells(S.sources_markdown([_source(name="x/a|b.csv", attribution="A | B")]))
    assert len(row) == 5 and row[0] == "<code>x/a|b.csv</code>" and row[3] == "A | B"


# 4. line breaks -----------------------------------------------------------------------

@pytest.mark.parametrize("text", ["A\r\nB", "A\rB", "A\u2028B"])
def test_a_line_break_in_a_text_keeps_the_row_whole(text):
    md = S.sources_markdown([_source(attribution=text, release=text)])
    assert len(md.splitlines()) == 3
    [row] = _cells(md)
    assert len(row) == 5 and row[3] == "A B"


# 5. Source fields of the wrong kind --------------------------------------------------------

@pytest.mark.parametrize("changes, message", [
    (dict(name=5), "name must be a path relative to the mirror root (a non-empty str), got int 5"),
    (dict(name=" "), "name must be a path relative to the mirror root (a non-empty str), got str ' '"),
    (dict(mirror_only="no"), "x/a.csv: mirror_only must be True or False, got str 'no'"),
    (dict(kind="OEWS"), "x/a.csv: kind must be a str, written as the registry's kinds (onet, crosswalk, "
     "oews, reference) are, got 'OEWS'"),
    (dict(kind=None), "x/a.csv: kind must be a str, written as the registry's kinds (onet, crosswalk, "
     "oews, reference) are, got None"),
])
def test_a_source_with_a_field_of_the_wrong_kind_is_refused(changes, message):
    with pytest.raises(DataFormatError) as info:
        _source(**changes)
    assert str(info.value) == message


def test_a_custom_source_of_no_kind_or_its_own_kind_is_still_accepted():
    assert _source(kind="", mirror_only=True).kind == ""
    assert _source(kind="other").kind == "other"


# 6. registry entries checked for consistency --------------------------------------------

@pytest.mark.parametrize("changes, column, said", [
    (dict(name="onet/29.1/x.txt", release="30.1"), "release",
     "the release is '30.1' but the file is in onet/29.1/: the release of its directory is 29.1"),
    (dict(name="oews/national_M2024_dl.xlsx", release="May 2023"), "release",
     "the release is 'May 2023' but the file is of 2024: the release of its name is May 2024"),
    (dict(licence="TODO"), "licence", "the licence must be written out, got 'TODO'"),
    (dict(attribution=" ? "), "attribution", "the attribution must be written out, got ' ? '"),
    (dict(release=""), "release", "the release must be written out, got ''"),
    (dict(url="https://e.org/a b.csv"), "url", "the url must be an https:// URL without spaces"),
    (dict(url="http://e.org/a.csv"), "url", "the url must be an https:// URL without spaces"),
    (dict(archive_url="https://e.org/a.zip"), "member", "an archive member needs both archive_url and member"),
])
def test_an_inconsistent_registry_entry_is_named(changes, column, said):
    src = _source(**changes)
    with pytest.raises(DataFormatError) as info:
        S._check_entry(src)
    assert str(info.value).startswith(f"exposure/data/registry.tsv, column '{column}': {src.name}: {said}")


def test_every_registry_entry_is_consistent():
    assert all(S._check_entry(s) is s for s in SOURCES.values())


# 7. a report directory named like a file ----------------------------------------------

def test_source_reports_refuse_a_directory_named_like_a_file(tmp_path):
    counts = pd.DataFrame({"source": ["oews"], "release": ["2025"], "table": ["national"],
                           "rows": pd.array([1400], dtype="Int64")})
    with pytest.raises(OutputError) as info:
        write_source_reports(counts, {}, tmp_path / "counts.csv")
    assert str(info.value) == (f"{tmp_path / 'counts.csv'}: cannot write: report_dir is the directory that "
                               "gets validate_row_counts.csv and data_coverage.csv, but 'counts.csv' is named "
                               "like a .csv file: give a directory")
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "old.csv").mkdir()  # a directory already of that name is written into
    assert [p.name for p in write_source_reports(counts, {}, tmp_path / "old.csv")] == [
        "validate_row_counts.csv", "data_coverage.csv"]
