"""Reports on the real data: they rebuild the shipped report files byte for byte.

The shipped files in ``data/processed/reports/`` are the regression test: the reproduction
of Eloundou et al. and the source coverage figures must come out identical, and the
results page's lists must respect the employment floor on the shipped tables.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exposure.reports import figures
from exposure.reports.reproduction import write_reproduction_reports
from exposure.reports.sources import validate_sources, write_source_reports

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "data" / "processed"


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


def test_reproduction_reports_are_the_shipped_ones(shared_data, cache, tmp_path):
    reports = write_reproduction_reports(tmp_path, mirror=shared_data, data_dir=cache)
    assert list(reports) == ["reproduction_occ_level", "workforce_2021",
                             "workforce_2021_bootstrap", "reproduction_coverage"]
    occ = reports["reproduction_occ_level"]
    assert (occ["n_occupations"] == 693).all() and (occ["n_matched"] == 693).all()
    assert occ["max_abs_diff"].max() < 1e-12
    for name in reports:
        got = (tmp_path / f"{name}.csv").read_bytes()
        assert got == (SHIPPED / "reports" / f"{name}.csv").read_bytes(), name


@pytest.mark.slow
def test_source_reports_are_the_shipped_ones(shared_data, cache, tmp_path):
    failed = []
    counts, loaded = validate_sources(mirror=shared_data, data_dir=cache,
                                      on_error=lambda label, exc: failed.append(label))
    assert failed == []
    for path in write_source_reports(counts, loaded, tmp_path):
        assert path.read_bytes() == (SHIPPED / "reports" / path.name).read_bytes(), path.name


def test_results_lists_respect_the_employment_floor():
    tables = figures.results_tables(SHIPPED)
    soc = figures.read_results(SHIPPED)["soc_scores"]
    small = soc[soc["tot_emp"] < figures.MIN_EMPLOYMENT]
    # the floor matters on the real data: without it a tiny occupation leads the list
    top_all, _ = figures.ranked(soc[~soc["soc_code"].str.endswith("-0000")], n=15)
    assert top_all["soc_code"].iloc[0] in set(small["soc_code"])
    for name in ("most_exposed", "least_exposed"):
        table = tables[name]
        assert len(table) == 15
        assert (table["employment"] >= figures.MIN_EMPLOYMENT).all(), name
        assert not set(table["SOC code"]) & set(small["soc_code"])
    fig = figures.plot_ranked_occupations(soc)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 15 and all(label.endswith(")") for label in labels)
    first = tables["most_exposed"].iloc[0]
    assert labels[0] == f"{first['occupation']} ({figures.format_workers(first['employment'])})"
