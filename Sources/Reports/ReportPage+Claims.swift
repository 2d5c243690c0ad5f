/// The three questions of the ATS paper, answered from this report's comparisons in one
/// sentence each: a direction is stated only when its 95 % interval excludes zero.
extension ReportPage {
    func claimSentences() -> [String] {
        var sentences: [String] = []
        let largest = input.teachers.count >= 2 ? input.teachers.last : nil

        // 1. Under TS, does the larger teacher teach worse than the smaller one?
        if let largest, let comparison = verdicts.teacherComparisons.first(where: {
            $0.title.hasPrefix(largest.label + " ") && $0.title.hasSuffix(", TS")
        }), let test = comparison.test {
            let amount = Comparison.amount(abs(test.difference))
            let interval = intervalText(test)
            if test.interval.upper < 0 {
                sentences.append("Larger teacher worse under TS: yes in this study; its students scored \(amount) "
                    + "lower (\(interval)).")
            } else if test.interval.lower > 0 {
                sentences.append("Larger teacher worse under TS: no, the opposite in this study; its students scored "
                    + "\(amount) higher (\(interval)).")
            } else {
                sentences.append("Larger teacher worse under TS: not detectable in this study (\(interval)).")
            }
        } else {
            sentences.append("Larger teacher worse under TS: cannot be checked; it needs two teachers with "
                + "finished TS students.")
        }

        // 2. Does ATS help, above all the larger teacher?
        let atsRows = zip(input.teachers, verdicts.atsVersusTS).compactMap { teacher, comparison in
            comparison.test.map { (teacher, $0) }
        }
        if atsRows.isEmpty {
            sentences.append("ATS helps: cannot be checked; it needs finished ATS and TS students of one teacher.")
        }
        for (teacher, test) in atsRows {
            let who = TeacherName.short(teacher)
            let amount = Comparison.amount(abs(test.difference))
            let interval = intervalText(test)
            if test.interval.lower > 0 {
                sentences.append("ATS helps (\(who)): yes; ATS students scored \(amount) above TS (\(interval)).")
            } else if test.interval.upper < 0 {
                sentences.append("ATS helps (\(who)): no, ATS students scored \(amount) below TS (\(interval)).")
            } else {
                sentences.append("ATS helps (\(who)): not detectable (\(interval)).")
            }
        }

        // 3. Is the run-to-run standard deviation about the claimed value?
        let claim = Comparison.amount(input.accuracyClaimSD)
        if let pooled = seedSpread.pooled {
            let s = pooled.standardDeviation
            let interval = "s = \(Comparison.amount(s.value)), 95 % CI \(NumberFormat.signed(s.interval.lower)) to "
                + "\(NumberFormat.signed(s.interval.upper)) pp, \(pooled.count) runs"
            sentences.append("Seed spread about \(claim): "
                + (pooled.claimIsInside ? "consistent with the data (\(interval))." : "no (\(interval))."))
        } else {
            sentences.append("Seed spread about \(claim): cannot be checked; no configuration has two finished runs.")
        }
        if let mechanism = mechanismSentence() {
            sentences.append(mechanism)
        }
        sentences.append("These answers hold for this study's models, data and training length only; "
            + "the spec's description says what was chosen and why.")
        return sentences
    }

    /// Returns the paper's explanation in numbers: σ(q) of each teacher at its students'
    /// temperatures. A direction between the teachers is stated only when the 95 % intervals
    /// do not overlap.
    func mechanismSentence() -> String? {
        let rows = input.trainedDiscriminability
        let notes = input.trainedDiscriminabilityNotes
        guard !rows.isEmpty || !notes.isEmpty else { return nil }
        let missing = notes.isEmpty ? "" : " Not every teacher could be recomputed; the notes under the tables say why."
        guard !rows.isEmpty else {
            return "Mechanism, the derived sigma σ(q) at the distillation temperatures: not shown." + missing
        }
        var parts: [String] = []
        for teacher in input.teachers {
            let values = rows.filter { $0.teacherLabel == teacher.label }.map {
                "\(NumberFormat.probability($0.derivedSigma.value)) under \(Self.methodText($0))"
            }
            if !values.isEmpty {
                parts.append("\(TeacherName.short(teacher)) \(values.joined(separator: ", "))")
            }
        }
        var sentence = "Mechanism, the derived sigma σ(q) of the wrong-class probabilities at the distillation "
            + "temperatures: " + parts.joined(separator: "; ") + "."
        let tsRows = input.teachers.compactMap { teacher in
            rows.first { $0.teacherLabel == teacher.label && $0.method == .temperatureScaling }
        }
        if tsRows.count >= 2, let small = tsRows.first, let large = tsRows.last {
            if large.derivedSigma.upper < small.derivedSigma.lower {
                sentence += " Under TS the larger teacher's σ(q) is lower, as the paper explains."
            } else if large.derivedSigma.lower > small.derivedSigma.upper {
                sentence += " Under TS the larger teacher's σ(q) is higher, unlike the paper's explanation."
            } else {
                sentence += " Under TS the teachers' σ(q) intervals overlap."
            }
        }
        return sentence + missing
    }

    private func intervalText(_ test: ComparisonTest) -> String {
        "95 % CI \(NumberFormat.signed(test.interval.lower)) to \(NumberFormat.signed(test.interval.upper)) pp, "
            + "\(test.kind.rawValue) p \(NumberFormat.pValue(test.pValue)), n = \(test.sizeText)"
    }
}
