"""Print the reference numbers that StatisticsTests compare against.

Run once with SciPy 1.17.1, NumPy 2.4.6, pandas 3.1.1 and statsmodels 0.15.0:

    python3 Tests/StatisticsTests/ReferenceScripts/reference_values.py

Its output is committed as reference_values.txt; the test files copy the numbers they
check and name the section that printed them.
"""
from types import SimpleNamespace

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.formula.api import ols
from statsmodels.stats.anova import anova_lm
from statsmodels.stats.multitest import multipletests

FIVE_RUNS = np.array([76.20, 75.80, 75.89, 75.85, 76.15])
PUBLISHED = 76.32
OTHER_RUNS = np.array([75.10, 75.62, 75.31, 75.48, 75.05, 75.70])
PAIRED_RUNS = np.array([75.92, 75.70, 75.60, 75.61, 75.98])
NINE = np.array([3.1, 2.4, 5.6, 4.4, 3.9, 7.2, 1.8, 4.1, 3.3])


def section(name):
    print(f"\n## {name}")


def show(name, value):
    print(f"{name} = {float(value)!r}")


section("describe five runs")
for name, data in [("five", FIVE_RUNS), ("nine", NINE)]:
    show(f"{name}.mean", np.mean(data))
    show(f"{name}.sd", np.std(data, ddof=1))
    show(f"{name}.median", np.median(data))
    show(f"{name}.iqr", stats.iqr(data))
    show(f"{name}.iqm", stats.trim_mean(data, 0.25))
    show(f"{name}.min", np.min(data))
    show(f"{name}.max", np.max(data))

section("intervals of the five runs")
n = len(FIVE_RUNS)
mean, sd = np.mean(FIVE_RUNS), np.std(FIVE_RUNS, ddof=1)
low, high = stats.t.interval(0.95, n - 1, loc=mean, scale=sd / np.sqrt(n))
show("t95.low", low)
show("t95.high", high)
low, high = stats.t.interval(0.99, n - 1, loc=mean, scale=sd / np.sqrt(n))
show("t99.low", low)
show("t99.high", high)
show("sd95.low", sd * np.sqrt((n - 1) / stats.chi2.ppf(0.975, n - 1)))
show("sd95.high", sd * np.sqrt((n - 1) / stats.chi2.ppf(0.025, n - 1)))

section("Wilson intervals")
for successes, trials in [(7620, 10000), (3, 10), (0, 20)]:
    ci = stats.binomtest(successes, trials).proportion_ci(0.95, method="wilson")
    show(f"wilson({successes},{trials}).low", ci.low)
    show(f"wilson({successes},{trials}).high", ci.high)

section("t tests")
result = stats.ttest_1samp(FIVE_RUNS, PUBLISHED)
show("oneSample.t", result.statistic)
show("oneSample.p", result.pvalue)
show("oneSample.less.p", stats.ttest_1samp(FIVE_RUNS, PUBLISHED, alternative="less").pvalue)
show("oneSample.greater.p", stats.ttest_1samp(FIVE_RUNS, PUBLISHED, alternative="greater").pvalue)
result = stats.ttest_ind(FIVE_RUNS, OTHER_RUNS, equal_var=False)
ci = result.confidence_interval(0.95)
show("welch.t", result.statistic)
show("welch.df", result.df)
show("welch.p", result.pvalue)
show("welch.low", ci.low)
show("welch.high", ci.high)
result = stats.ttest_rel(FIVE_RUNS, PAIRED_RUNS)
ci = result.confidence_interval(0.95)
show("paired.t", result.statistic)
show("paired.p", result.pvalue)
show("paired.low", ci.low)
show("paired.high", ci.high)

section("Wilcoxon signed-rank")
untied = np.array([0.8, -0.3, 1.2, 0.5, 1.9, -0.1, 0.7, 2.2, 1.4, 0.9])
for alternative in ["two-sided", "less", "greater"]:
    result = stats.wilcoxon(untied, method="exact", alternative=alternative)
    show(f"exact.{alternative}.statistic", result.statistic)
    show(f"exact.{alternative}.p", result.pvalue)
tied = np.array([1.0, 2.0, -2.0, 3.0, 3.0, 3.0, -1.0, 4.0, 0.0, 5.0])
result = stats.wilcoxon(tied, method="asymptotic", correction=False)
show("approx.statistic", result.statistic)
show("approx.p", result.pvalue)
# With ties and at most 13 non-zero differences, method="auto" runs a permutation test
# that enumerates every sign pattern: the exact distribution given the tied ranks.
for alternative in ["two-sided", "less", "greater"]:
    result = stats.wilcoxon(tied, alternative=alternative)
    show(f"tiedAuto.{alternative}.p", result.pvalue)


def enumerated_p(differences, alternative):
    """Returns W+ and the p-value over all 2^n sign patterns of the ranks, by brute force."""
    nonzero = differences[differences != 0]
    ranks = stats.rankdata(np.abs(nonzero))
    positive = ranks[nonzero > 0].sum()
    signs = (np.arange(2 ** len(ranks))[:, None] >> np.arange(len(ranks))) & 1
    sums = signs @ ranks
    at_most, at_least = np.mean(sums <= positive), np.mean(sums >= positive)
    return positive, {"two-sided": min(1.0, 2 * min(at_most, at_least)), "less": at_most,
                      "greater": at_least}[alternative]


# 16 tied differences: SciPy's "auto" falls back to the normal approximation here, so the
# exact reference comes from enumerating the 65,536 sign patterns.
tied16 = np.array([0.5, -0.5, 1.0, 1.0, 1.5, -1.5, 2.0, 2.0, 2.0, 2.5, 3.0, -3.0, 3.5, 4.0, 4.0, 4.5])
for alternative in ["two-sided", "less", "greater"]:
    positive, p = enumerated_p(tied16, alternative)
    show(f"tied16.{alternative}.positiveRankSum", positive)
    show(f"tied16.{alternative}.p", p)
# Above 50 differences both SciPy and atsbench use the normal approximation.
tied60 = np.array([((i % 7) + 1) * (-1.0 if i % 4 == 0 else 1.0) for i in range(60)])
result = stats.wilcoxon(tied60, method="asymptotic", correction=False)
show("tied60.statistic", result.statistic)
show("tied60.p", result.pvalue)
show("tied60.autoP", stats.wilcoxon(tied60, correction=False).pvalue)
result = stats.wilcoxon(FIVE_RUNS, PAIRED_RUNS, method="exact")
show("pairedRuns.statistic", result.statistic)
show("pairedRuns.p", result.pvalue)

section("Brown-Forsythe")
groups = [FIVE_RUNS, OTHER_RUNS, np.array([74.9, 76.4, 75.2, 76.8, 75.0])]
result = stats.levene(*groups, center="median")
show("brownForsythe.F", result.statistic)
show("brownForsythe.p", result.pvalue)

section("Holm")
p_values = [0.01, 0.04, 0.03, 0.005, 0.2]
print("holm =", [float(p) for p in multipletests(p_values, method="holm")[1]])

section("effect sizes")
na, nb = len(FIVE_RUNS), len(OTHER_RUNS)
pooled = np.sqrt(((na - 1) * np.var(FIVE_RUNS, ddof=1) + (nb - 1) * np.var(OTHER_RUNS, ddof=1)) / (na + nb - 2))
show("cohensD", (np.mean(FIVE_RUNS) - np.mean(OTHER_RUNS)) / pooled)
differences = FIVE_RUNS - PAIRED_RUNS
show("pairedD", np.mean(differences) / np.std(differences, ddof=1))
tied_a = np.array([1.0, 2.0, 3.0, 4.0])
tied_b = np.array([2.0, 2.0, 0.5])
show("superiority(five, other)", stats.mannwhitneyu(FIVE_RUNS, OTHER_RUNS).statistic / (na * nb))
show("superiority(tiedA, tiedB)", stats.mannwhitneyu(tied_a, tied_b).statistic / 12)

section("std claim of the five runs against 0.5 and 0.1")


def runs_to_distinguish(s, claim, level=0.95):
    tail = (1 - level) / 2
    for runs in range(2, 1001):
        df = runs - 1
        low = s * np.sqrt(df / stats.chi2.ppf(1 - tail, df))
        high = s * np.sqrt(df / stats.chi2.ppf(tail, df))
        if not (low <= claim <= high):
            return runs
    return None


show("runsToDistinguish(0.5)", runs_to_distinguish(sd, 0.5))
show("runsToDistinguish(0.1)", runs_to_distinguish(sd, 0.1))
p = np.mean(FIVE_RUNS) / 100
binomial = 100 * np.sqrt(p * (1 - p) / 10000)
show("binomialSD(10000)", binomial)
show("binomialShare(10000)", binomial**2 / sd**2)

section("bootstrap with SplitMix64, seed 42, 2000 resamples")
MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def index_below(self, bound):
        product = self.next() * bound
        if (product & MASK) < bound:
            threshold = ((1 << 64) - bound) % bound
            while (product & MASK) < threshold:
                product = self.next() * bound
        return product >> 64


BOOTSTRAP_SAMPLE = np.array([76.20, 75.80, 75.89, 75.85, 76.15, 75.10, 75.62, 75.31, 75.48, 76.90, 75.05, 75.70])


def sequential_mean(row):
    # Summed left to right as the Swift test does: NumPy's pairwise sum rounds differently,
    # and resamples whose mean ties the estimate up to rounding move BCa's bias correction.
    total = 0.0
    for value in row:
        total += value
    return total / len(row)


def sequential_sd(row):
    center = sequential_mean(row)
    total = 0.0
    for value in row:
        total += (value - center) * (value - center)
    return np.sqrt(total / (len(row) - 1))


def along_last_axis(function):
    return lambda x, axis=-1: np.apply_along_axis(function, -1, np.moveaxis(np.asarray(x), axis, -1))


for name, statistic in [("mean", along_last_axis(sequential_mean)), ("sd", along_last_axis(sequential_sd))]:
    generator = SplitMix64(42)
    size = len(BOOTSTRAP_SAMPLE)
    replicates = np.array([
        statistic(BOOTSTRAP_SAMPLE[[generator.index_below(size) for _ in range(size)]])
        for _ in range(2000)])
    show(f"{name}.replicates[0]", replicates[0])
    show(f"{name}.replicates[1999]", replicates[1999])
    for method in ["percentile", "BCa"]:
        result = stats.bootstrap((BOOTSTRAP_SAMPLE,), statistic, n_resamples=0, method=method,
                                 bootstrap_result=SimpleNamespace(bootstrap_distribution=replicates))
        show(f"{name}.{method}.low", result.confidence_interval.low)
        show(f"{name}.{method}.high", result.confidence_interval.high)

section("variance components, 3 x 3 x 3 crossed seeds")
rng = np.random.default_rng(6)
init_effect, order_effect, augment_effect = rng.normal(0, 0.4, 3), rng.normal(0, 0.1, 3), rng.normal(0, 0.02, 3)
rows = []
for i in range(3):
    for o in range(3):
        for a in range(3):
            value = 75 + init_effect[i] + order_effect[o] + augment_effect[a] + rng.normal(0, 0.15)
            rows.append({"init": f"i{i}", "order": f"o{o}", "augment": f"a{a}", "y": round(value, 3)})
frame = pd.DataFrame(rows)
print("values =", [float(v) for v in frame.y])
table = anova_lm(ols("y ~ C(init) + C(order) + C(augment)", data=frame).fit(), typ=1)
print(table.to_string(float_format=lambda v: repr(float(v))))
residual = table.loc["Residual", "mean_sq"]
components = [max(0.0, (table.loc[f"C({s})", "mean_sq"] - residual) / 9) for s in ["init", "order", "augment"]]
total = sum(components) + residual
print("shares =", [float(c / total) for c in components], "residualShare =", float(residual / total))

section("discriminability")
derived_average = np.array([0.0081, 0.0094, 0.0077, 0.0102, 0.0088, 0.0079])
derived_variance = np.array([0.021, 0.034, 0.018, 0.040, 0.027, 0.022])
for name, data in [("samples.e", derived_average), ("samples.sigma", derived_variance)]:
    low, high = stats.t.interval(0.95, len(data) - 1, loc=np.mean(data), scale=stats.sem(data))
    show(f"{name}.low", low)
    show(f"{name}.high", high)
seed_means = np.array([np.mean(derived_average[:3]), np.mean(derived_average[3:5]), np.mean(derived_average[5:])])
low, high = stats.t.interval(0.95, 2, loc=np.mean(seed_means), scale=stats.sem(seed_means))
show("seeds.e.low", low)
show("seeds.e.high", high)
