"""Speed of task-category tagging and of the rubric scorer.

Prints (1) the time of ``tag_categories``, ``explain_categories`` and ``score_rubric`` on
every task of O*NET 29.1, with the release's work activities (``onet=``) and text-only,
and of ``tag_categories`` on the task texts with their occupation titles (free text),
(2) the time of the shared rule matcher (``exposure.scoring._rules.RuleSet``) on every
task text, with RE2 and with :mod:`re` only, and (3) throughput in texts per second of
``tag_categories`` and ``score_rubric`` on a large text-only input: the O*NET task texts
repeated to ``--large`` rows, each with a suffix `` [<row number>]`` so that every text is
distinct (the functions match each distinct text once, so plain repeats would flatter
them). Best of ``--repeat`` runs.
Needs the data mirror (``--mirror`` or ``$EXPOSURE_MIRROR``, default ``../shared/data``).

Run: ``python benchmarks/categories.py [--mirror DIR] [--large 200000] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import pandas as pd

from exposure.onet import load_onet
from exposure.scoring._rules import RuleSet
from exposure.scoring.categories import TEXT_RULES, explain_categories, tag_categories
from exposure.scoring.rubric import KEYWORD_RULES, score_rubric


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", default=os.environ.get("EXPOSURE_MIRROR")
                        or str(Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    parser.add_argument("--large", type=int, default=200_000, help="rows of the throughput input")
    parser.add_argument("--repeat", type=int, default=3, help="best of N timings")
    args = parser.parse_args(argv)

    onet = load_onet("29.1", mirror=args.mirror)
    tasks = onet.tasks
    print(f"O*NET 29.1 tasks: {len(tasks):,}; rule matcher: RE2 for printable ASCII texts, re otherwise")

    def best(fn):
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return min(times)

    for name, fn in (("tag_categories", tag_categories), ("explain_categories", explain_categories),
                     ("score_rubric", score_rubric)):
        t_onet = best(lambda fn=fn: fn(tasks, onet=onet))
        t_text = best(lambda fn=fn: fn(tasks))
        print(f"{name:18s} all tasks, with onet: {t_onet:6.3f} s ({len(tasks) / t_onet:9,.0f} texts/s); "
              f"text-only: {t_text:6.3f} s ({len(tasks) / t_text:9,.0f} texts/s)")

    titled = tasks[["task"]].assign(
        title=tasks["onetsoc_code"].map(onet.occupations.set_index("onetsoc_code")["title"]))
    t_free = best(lambda: tag_categories(titled, onet=onet))
    print(f"tag_categories     free text with occupation titles (nearest O*NET title), with onet: "
          f"{t_free:6.3f} s ({len(titled) / t_free:9,.0f} texts/s)")

    texts = tasks["task"].tolist()
    for name, rules in (("TEXT_RULES", TEXT_RULES), ("KEYWORD_RULES", KEYWORD_RULES)):
        patterns = [r.pattern for r in rules]
        t_re2 = best(lambda p=patterns: RuleSet(p).match(texts))
        t_re = best(lambda p=patterns: RuleSet(p, use_re2=False).match(texts))
        print(f"RuleSet({name}) on all task texts: RE2 {t_re2:6.3f} s, re only {t_re:6.3f} s")

    big = pd.DataFrame({"task": [f"{texts[i % len(texts)]} [{i}]" for i in range(args.large)]})
    assert big["task"].is_unique
    for name, fn in (("tag_categories", tag_categories), ("score_rubric", score_rubric)):
        t_big = best(lambda fn=fn: fn(big))
        print(f"{name:18s} {len(big):,} distinct texts, text-only: {t_big:6.3f} s = "
              f"{len(big) / t_big:,.0f} texts/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
