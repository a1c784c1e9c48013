"""Release-wide look-ups are built once per release, and rebuilt for another release."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from exposure.scoring._inputs import job_zone_lookup, task_dwa_links


def _release(dwa: str, zone: int) -> SimpleNamespace:
    return SimpleNamespace(
        task_dwas=pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "dwa_id": [dwa]}),
        dwas=pd.DataFrame({"dwa_id": [dwa], "iwa_id": [dwa[:-4]]}),
        job_zones=pd.DataFrame({"onetsoc_code": ["11-1011.00"], "job_zone": [zone]}),
        occupations=None)


def test_same_release_frames_reuse_the_lookups():
    a = _release("4.A.1.a.1.I01.D01", 3)
    assert task_dwa_links(a) is task_dwa_links(a)
    assert job_zone_lookup(a) is job_zone_lookup(a)


def test_other_frames_rebuild_the_lookups():
    a, b = _release("4.A.1.a.1.I01.D01", 3), _release("4.A.1.a.1.I01.D02", 4)
    assert task_dwa_links(a)[0] == {("11-1011.00", "1"): ["4.A.1.a.1.I01.D01"]}
    assert task_dwa_links(b)[0] == {("11-1011.00", "1"): ["4.A.1.a.1.I01.D02"]}
    assert job_zone_lookup(a) == {"11-1011.00": 3} and job_zone_lookup(b) == {"11-1011.00": 4}
    # a frame replaced on the release object (not edited in place) is a new release
    a.task_dwas = b.task_dwas
    assert task_dwa_links(a)[0] == {("11-1011.00", "1"): ["4.A.1.a.1.I01.D02"]}
