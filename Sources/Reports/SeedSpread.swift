import Statistics

/// The check of the claimed run-to-run standard deviation of final accuracy: one
/// `StdClaim` for each configuration with at least two finished runs, and one pooled over
/// all of them. Accuracies enter in percent, so every sd is in percentage points.
struct SeedSpread {
    struct Row {
        let configuration: String
        let claim: StdClaim
    }

    let rows: [Row]
    let pooled: StdClaim?
    let sentences: [String]

    static let minimumRuns = 2

    init(configurations: [Configuration], claim: Double, testSetSize: Int?) {
        var rows: [Row] = []
        var samples: [Sample] = []
        for configuration in configurations {
            guard let sample = configuration.finalAccuracyPercent, sample.count >= Self.minimumRuns,
                  let check = try? StdClaim(sample, claim: claim, testSetSize: testSetSize, accuracyScale: 100)
            else { continue }
            rows.append(Row(configuration: configuration.name, claim: check))
            samples.append(sample)
        }
        self.rows = rows
        pooled = samples.isEmpty
            ? nil : try? StdClaim(pooling: samples, claim: claim, testSetSize: testSetSize, accuracyScale: 100)
        sentences = Self.sentences(rows: rows, pooled: pooled, claim: claim, testSetSize: testSetSize)
    }

    private static func sentences(rows: [Row], pooled: StdClaim?, claim: Double, testSetSize: Int?) -> [String] {
        let claimText = Comparison.amount(claim)
        guard let pooled else {
            return ["No configuration has two finished runs, so no standard deviation and no interval can "
                + "be estimated, and the claimed \(claimText) cannot be checked."]
        }

        let s = pooled.standardDeviation
        var text = rows.count == 1
            ? "In the one configuration with two or more finished runs (\(pooled.count) runs), "
            : "Pooled over \(rows.count) configurations (\(pooled.count) finished runs, "
                + "\(pooled.count - rows.count) degrees of freedom), "
        text += "the run-to-run standard deviation of final accuracy is s = \(Comparison.amount(s.value)) "
            + "(95 % CI \(NumberFormat.signed(s.interval.lower)) to \(NumberFormat.signed(s.interval.upper)) pp)."
        var sentences = [text]

        if pooled.claimIsInside {
            sentences.append("The claimed \(claimText) lies inside this interval, so these runs cannot tell it "
                + "from the measured spread.")
        } else {
            let direction = s.value < claim ? "less" : "more"
            sentences.append("The claimed \(claimText) lies outside this interval: the runs vary \(direction) "
                + "than claimed.")
        }
        if pooled.claimIsInside, let runs = pooled.runsToDistinguish {
            sentences.append("If s stayed at \(Comparison.amount(s.value)), about \(runs) runs in all would "
                + "be needed for the interval to exclude \(claimText).")
        } else if pooled.claimIsInside {
            sentences.append("Even \(StdClaim.maximumRuns) runs would not separate s from \(claimText).")
        }

        if let binomial = pooled.binomialStandardDeviation, let testSetSize {
            // The binomial model treats each test image as right or wrong by chance, independently
            // in every run. Runs that share hard images vary less than it, so it is a yardstick,
            // not a component of s.
            var noise = "Per-image chance alone, the binomial sd of an accuracy of "
                + "\(NumberFormat.signed(pooled.mean)) % on \(testSetSize) test images if every image "
                + "were right or wrong independently in each run, is \(Comparison.amount(binomial))"
            if let share = pooled.binomialVarianceShare {
                noise += ", \(NumberFormat.signed(share * 100, digits: 0)) % of s²."
                if share >= 1 {
                    noise += " The runs vary no more than that chance alone would make them."
                }
            } else {
                noise += "."
            }
            sentences.append(noise)
        }

        let inside = rows.filter { $0.claim.claimIsInside }.count
        sentences.append("Configuration by configuration, \(claimText) lies inside the interval of s for "
            + "\(inside) of \(rows.count).")
        return sentences
    }
}
