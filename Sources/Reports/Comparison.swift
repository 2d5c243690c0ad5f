import Statistics

/// One verdict: a sentence that states what the data show, and the test behind it when
/// there was enough data for one.
struct Comparison {
    /// The name of the comparison, such as "ATS − TS, large (ResNet110)".
    let title: String
    /// A plain-text sentence; the page escapes it.
    let sentence: String
    let test: ComparisonTest?
}

/// The numbers of a two-group comparison, in percentage points.
struct ComparisonTest {
    enum Kind: String {
        case paired = "paired t"
        case welch = "Welch t"
    }

    let kind: Kind
    /// The first group's mean minus the second's, or the mean paired difference.
    let difference: Double
    let interval: ConfidenceInterval
    let pValue: Double
    /// The Wilcoxon signed-rank p-value of a paired test with enough pairs to reach p < 0.05.
    let wilcoxonPValue: Double?
    /// "5 pairs" or "3 and 2 runs".
    let sizeText: String
    /// The p-value after Holm's correction over every test of the report; set by `Verdicts`.
    var holmPValue: Double?
}

/// The words of one comparison. Each closure receives the formatted amount, such as "0.80 pp".
struct ComparisonPhrasing {
    /// The sentence start when the first group scored detectably higher.
    let higher: (String) -> String
    /// The sentence start when the first group scored detectably lower.
    let lower: (String) -> String
    /// The sentence start when the interval contains zero.
    let noDifference: String
    /// The difference's name in formulas, such as "ATS − TS".
    let differenceName: String
    /// The first and second group's names in sentences that list their sizes.
    let firstName: String
    let secondName: String
}

extension Comparison {
    /// The minimum number of pairs whose exact two-sided Wilcoxon p-value can fall below
    /// 0.05. The minimum p-value is 2 / 2^n, which is 0.0625 for 5 pairs and 0.03125 for 6.
    static let minimumWilcoxonPairs = 6

    /// Compares the final accuracies of two groups of finished runs.
    ///
    /// Runs pair when their seeds are equal. When every run has a partner the test is
    /// paired. Otherwise `allowWelch` picks Welch's test on all runs. Without it, the paired
    /// test uses the runs that pair, and the sentence states how many were left out.
    static func compare(
        title: String, first: [ReportRun], second: [ReportRun], allowWelch: Bool, phrasing: ComparisonPhrasing
    ) -> Comparison {
        let pairs = seedPairs(first, second)
        let everyRunPairs = pairs.count == first.count && pairs.count == second.count
        if everyRunPairs || !allowWelch {
            let leftOut = first.count + second.count - 2 * pairs.count
            return paired(title: title, pairs: pairs, leftOut: leftOut, phrasing: phrasing)
        }
        return welch(title: title, first: first, second: second, phrasing: phrasing)
    }

    private static func paired(
        title: String, pairs: [(Double, Double)], leftOut: Int, phrasing: ComparisonPhrasing
    ) -> Comparison {
        let leftOutNote = leftOut > 0
            ? " \(NumberFormat.count(leftOut, "run")) without a seed partner \(leftOut == 1 ? "is" : "are") left out."
            : ""
        guard pairs.count >= 2,
              let first = try? Sample(pairs.map(\.0)), let second = try? Sample(pairs.map(\.1))
        else {
            let sentence: String
            if let pair = pairs.first {
                sentence = "Only one seed pair finished: \(phrasing.differenceName) = "
                    + "\(amount(pair.0 - pair.1)); one pair gives no interval and no test."
            } else {
                sentence = "No seed pair finished, so there is no paired comparison."
            }
            return Comparison(title: title, sentence: sentence + leftOutNote, test: nil)
        }

        let sizeText = NumberFormat.count(pairs.count, "pair")
        let result: TTestResult
        do {
            result = try TTest.paired(first, second)
        } catch {
            let difference = pairs[0].0 - pairs[0].1
            let sentence = "All \(sizeText) differ by exactly \(amount(difference)) "
                + "(\(phrasing.differenceName)); with zero spread the t test is undefined."
            return Comparison(title: title, sentence: sentence + leftOutNote, test: nil)
        }

        var wilcoxon: Double?
        if pairs.count >= minimumWilcoxonPairs {
            wilcoxon = try? WilcoxonSignedRank.paired(first, second).pValue
        }
        let test = ComparisonTest(
            kind: .paired, difference: result.estimate.value, interval: result.estimate.interval,
            pValue: result.pValue, wilcoxonPValue: wilcoxon, sizeText: sizeText)
        return Comparison(title: title, sentence: sentence(for: test, phrasing: phrasing) + leftOutNote, test: test)
    }

    private static func welch(
        title: String, first: [ReportRun], second: [ReportRun], phrasing: ComparisonPhrasing
    ) -> Comparison {
        let firstValues = first.compactMap(\.finalTestAccuracy).map { $0 * 100 }
        let secondValues = second.compactMap(\.finalTestAccuracy).map { $0 * 100 }
        let sizeText = "\(firstValues.count) and \(NumberFormat.count(secondValues.count, "run"))"
        guard firstValues.count >= 2, secondValues.count >= 2,
              let firstSample = try? Sample(firstValues), let secondSample = try? Sample(secondValues)
        else {
            var sentence = capitalizingFirstLetter(phrasing.firstName) + " has \(NumberFormat.count(firstValues.count, "finished run")) and "
                + "\(phrasing.secondName) \(secondValues.count), which do not pair by seed; "
                + "Welch's test needs at least two in each, so there is no test."
            if let a = try? Sample(firstValues), let b = try? Sample(secondValues) {
                sentence += " The means differ by \(amount(a.mean - b.mean)) (\(phrasing.differenceName))."
            }
            return Comparison(title: title, sentence: sentence, test: nil)
        }
        guard let result = try? TTest.welch(firstSample, secondSample) else {
            let sentence = "Every run of both groups has the same final accuracy, so Welch's test is undefined."
            return Comparison(title: title, sentence: sentence, test: nil)
        }
        let test = ComparisonTest(
            kind: .welch, difference: result.estimate.value, interval: result.estimate.interval,
            pValue: result.pValue, wilcoxonPValue: nil, sizeText: sizeText)
        let note = " The seeds do not pair, so the test is Welch's."
        return Comparison(title: title, sentence: sentence(for: test, phrasing: phrasing) + note, test: test)
    }

    /// Builds the sentence of a test. It states a direction only when the 95 % interval
    /// excludes zero.
    static func sentence(for test: ComparisonTest, phrasing: ComparisonPhrasing) -> String {
        var details = "95 % CI \(NumberFormat.signed(test.interval.lower)) to "
            + "\(NumberFormat.signed(test.interval.upper)) pp, \(test.kind.rawValue) p \(NumberFormat.pValue(test.pValue))"
        if let wilcoxon = test.wilcoxonPValue {
            details += ", Wilcoxon p \(NumberFormat.pValue(wilcoxon))"
        }
        details += ", n = \(test.sizeText)"

        if test.interval.lower > 0 {
            return phrasing.higher(amount(abs(test.difference))) + " (\(details))."
        }
        if test.interval.upper < 0 {
            return phrasing.lower(amount(abs(test.difference))) + " (\(details))."
        }
        return phrasing.noDifference + ": \(phrasing.differenceName) = \(amount(test.difference)) (\(details))."
    }

    /// Upper-cases the first letter of a name that starts a sentence, such as "the large teacher".
    static func capitalizingFirstLetter(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    static func amount(_ percentagePoints: Double) -> String {
        "\(NumberFormat.signed(percentagePoints)) pp"
    }

    /// Returns the final accuracies in percent of the runs of `first` and `second` whose seeds are equal,
    /// in the order of `first`.
    static func seedPairs(_ first: [ReportRun], _ second: [ReportRun]) -> [(Double, Double)] {
        var pairs: [(Double, Double)] = []
        for run in first {
            guard let partner = second.first(where: { $0.seeds == run.seeds }),
                  let a = run.finalTestAccuracy, let b = partner.finalTestAccuracy
            else { continue }
            pairs.append((a * 100, b * 100))
        }
        return pairs
    }
}
