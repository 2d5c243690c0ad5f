"""Print the statistics that ReportsTests expects in the sample report's sentences.

Run once with SciPy 1.17.1 and NumPy:

    python3 Tests/ReportsTests/ReferenceScripts/reference_values.py

The final accuracies are those of SampleReport.swift, in percent. Its output is committed
as reference_values.txt; the tests copy the formatted fragments they check.
"""
import numpy as np
from scipy import stats

SMALL_TS = [71.05, 70.81, 71.22]
SMALL_ATS = [71.50, 71.13, 71.61]
LARGE_TS = [70.32, 70.10, 70.68]
LARGE_ATS = [71.40, 71.26]  # seed 3 diverged
LARGE_ATS_2_1 = [70.85, 70.97]
TEACHER_SMALL = [70.12, 69.87, 70.43]
TEACHER_LARGE = [74.21, 73.98, 74.55]
STUDENT_CE = [68.01, 68.25, 67.90]
TEST_SET_SIZE = 10000
CLAIM = 0.5


def fmt(x):
    text = f"{abs(x):.2f}"
    return ("\u2212" if x < 0 and text.strip("0.") else "") + text


def fmt_p(p):
    return "< 0.001" if p < 0.001 else "= " + f"{p:.2g}"


def paired(name, a, b):
    d = np.array(a) - np.array(b)
    res = stats.ttest_rel(a, b)
    ci = res.confidence_interval(0.95)
    print(f"{name}: diff={d.mean()!r} ci=({ci.low!r}, {ci.high!r}) p={res.pvalue!r}")
    print(f"  fragment: {fmt(abs(d.mean()))} pp (95 % CI {fmt(ci.low)} to {fmt(ci.high)} pp, paired t p {fmt_p(res.pvalue)}")
    return res.pvalue


def welch(name, a, b):
    res = stats.ttest_ind(a, b, equal_var=False)
    ci = res.confidence_interval(0.95)
    diff = np.mean(a) - np.mean(b)
    print(f"{name}: diff={diff!r} ci=({ci.low!r}, {ci.high!r}) p={res.pvalue!r}")
    print(f"  fragment: {fmt(diff)} pp (95 % CI {fmt(ci.low)} to {fmt(ci.high)} pp, Welch t p {fmt_p(res.pvalue)}")
    return res.pvalue


def holm(ps):
    order = np.argsort(ps)
    m = len(ps)
    adjusted = np.empty(m)
    running = 0.0
    for step, index in enumerate(order):
        running = max(running, min(1.0, (m - step) * ps[index]))
        adjusted[index] = running
    return adjusted


def sd_interval(s, df):
    return s * np.sqrt(df / stats.chi2.ppf(0.975, df)), s * np.sqrt(df / stats.chi2.ppf(0.025, df))


def runs_to_distinguish(s, claim):
    for n in range(2, 1001):
        low, high = sd_interval(s, n - 1)
        if not (low <= claim <= high):
            return n
    return None


print("## comparisons")
ps = [
    paired("ats-ts small", SMALL_ATS, SMALL_TS),
    paired("ats-ts large (seeds 1, 2)", LARGE_ATS, LARGE_TS[:2]),
    paired("large-small TS", LARGE_TS, SMALL_TS),
    welch("large-small ATS", LARGE_ATS, SMALL_ATS),
]
print("holm:", [float(x) for x in holm(np.array(ps))])

print("## pooled std claim")
groups = [TEACHER_SMALL, TEACHER_LARGE, STUDENT_CE, SMALL_TS, SMALL_ATS, LARGE_TS, LARGE_ATS, LARGE_ATS_2_1]
n_total = sum(len(g) for g in groups)
df = n_total - len(groups)
pooled = np.sqrt(sum((len(g) - 1) * np.var(g, ddof=1) for g in groups) / df)
low, high = sd_interval(pooled, df)
runs = runs_to_distinguish(pooled, CLAIM)
mean = np.mean(np.concatenate(groups))
binomial = np.sqrt(mean / 100 * (1 - mean / 100) / TEST_SET_SIZE) * 100
print(f"n={n_total} df={df} s={pooled!r} ci=({low!r}, {high!r}) runs={runs - 1 + len(groups) if runs else None}")
print(f"mean={mean!r} binomial={binomial!r} share={(binomial / pooled) ** 2!r}")
print(f"  fragment: s = {fmt(pooled)} pp (95 % CI {fmt(low)} to {fmt(high)} pp)")
print(f"  fragment: accuracy of {fmt(mean)} % measured on {TEST_SET_SIZE} test images, is {fmt(binomial)} pp, "
      f"{(binomial / pooled) ** 2 * 100:.0f} % of s²")

print("## std claim of small TS")
s = np.std(SMALL_TS, ddof=1)
low, high = sd_interval(s, len(SMALL_TS) - 1)
print(f"s={s!r} ci=({low!r}, {high!r}) runs={runs_to_distinguish(s, CLAIM)}")
