"""Measure the tone check's precision and recall over the table of short drafts.

Usage: .venv/bin/python bench/tone_precision.py [--misses]

The drafts are in tests/letters/tone_cases.py: CASES, which the tests hold to (so it measures
1.00 unless a test is failing), and HELD_OUT, written after the check and never tuned against,
the fairer figure. For each finding code, a case that must get it and
does is a true positive, one that must get it and does not is a false negative, and one whose
must-not set holds it (every judged code it neither must nor may get) and gets it anyway is a
false positive. Findings a case does not judge (its "may" codes, and the length findings) are
ignored. Precision is TP / (TP + FP), recall TP / (TP + FN); "-" when there is nothing to divide.
"""

import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()


def ratio(num, den):
    return f"{num / den:.2f}" if den else "-"


def report(title, cases, judged, tone_check, show_misses):
    """Print precision and recall per finding code and overall for these cases."""
    tp, fp, fn = Counter(), Counter(), Counter()
    misses = []
    for case in cases:
        found = {f.code for f in tone_check(case.kind, case.subject, case.body)}
        for code in case.must:
            (tp if code in found else fn)[code] += 1
            if code not in found:
                misses.append(f"  missed  {code:<13} {case.id}")
        for code in sorted(found & case.must_not):
            fp[code] += 1
            misses.append(f"  wrongly {code:<13} {case.id}")

    checks = sum(len(case.must_not) for case in cases)
    print(f"\n{title}: {len(cases)} drafts, {sum(tp.values()) + sum(fn.values())} expected")
    print(f"findings, {checks} must-not checks")
    print(f"{'code':<14}{'TP':>4}{'FP':>4}{'FN':>4}{'precision':>11}{'recall':>8}")
    for code in sorted(judged):
        print(
            f"{code:<14}{tp[code]:>4}{fp[code]:>4}{fn[code]:>4}"
            f"{ratio(tp[code], tp[code] + fp[code]):>11}{ratio(tp[code], tp[code] + fn[code]):>8}"
        )
    t, f, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(f"{'overall':<14}{t:>4}{f:>4}{n:>4}{ratio(t, t + f):>11}{ratio(t, t + n):>8}")
    if show_misses:
        print("\n".join(misses) or "  no misses")


def main(show_misses=False):
    setup_django()
    from interviews.letters.tone import tone_check
    from tests.letters.tone_cases import CASES, HELD_OUT, JUDGED

    report("The table (tests hold to it)", CASES, JUDGED, tone_check, show_misses)
    report("Held out (never tuned against)", HELD_OUT, JUDGED, tone_check, show_misses)


if __name__ == "__main__":
    main(show_misses="--misses" in sys.argv[1:])
