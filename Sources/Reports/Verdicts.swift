import Statistics

/// The comparisons the report leads with: ATS against TS for each teacher, and each later
/// teacher against the first under TS and under ATS.
struct Verdicts {
    var atsVersusTS: [Comparison]
    var teacherComparisons: [Comparison]
    /// How many tests Holm's correction covered.
    let testCount: Int

    init(input: ReportInput, configurations: [Configuration]) {
        let temperatures = input.primaryTemperatures
        func finishedRuns(_ method: ReportMethod, _ teacher: ReportTeacher) -> [ReportRun] {
            configurations.first { $0.isPrimary(method, of: teacher, temperatures: temperatures) }?.finishedRuns ?? []
        }

        var atsVersusTS: [Comparison] = []
        for teacher in input.teachers {
            atsVersusTS.append(Self.atsVersusTS(
                teacher: teacher, ats: finishedRuns(.asymmetricTemperatureScaling, teacher),
                ts: finishedRuns(.temperatureScaling, teacher), temperatures: temperatures))
        }

        var teacherComparisons: [Comparison] = []
        if let reference = input.teachers.first {
            for teacher in input.teachers.dropFirst() {
                for method in [ReportMethod.temperatureScaling, .asymmetricTemperatureScaling] {
                    teacherComparisons.append(Self.teacherComparison(
                        teacher: teacher, reference: reference, method: method,
                        runs: finishedRuns(method, teacher), referenceRuns: finishedRuns(method, reference),
                        temperatures: temperatures))
                }
            }
        }

        // Holm over every test of the page, because the verdicts are read together.
        let pValues = (atsVersusTS + teacherComparisons).compactMap { $0.test?.pValue }
        let adjusted = (try? Holm.adjust(pValues)) ?? []
        var next = adjusted.makeIterator()
        for index in atsVersusTS.indices where atsVersusTS[index].test != nil {
            atsVersusTS[index].setHolmPValue(next.next())
        }
        for index in teacherComparisons.indices where teacherComparisons[index].test != nil {
            teacherComparisons[index].setHolmPValue(next.next())
        }
        self.atsVersusTS = atsVersusTS
        self.teacherComparisons = teacherComparisons
        testCount = pValues.count
    }

    private static func atsVersusTS(
        teacher: ReportTeacher, ats: [ReportRun], ts: [ReportRun], temperatures: ReportTemperatures
    ) -> Comparison {
        let who = TeacherName.inSentence(teacher)
        let title = "ATS − TS, \(TeacherName.short(teacher))"
        let atsText = "ATS \(NumberFormat.temperature(temperatures.tpTau))/\(NumberFormat.temperature(temperatures.tTau))"
        let tsText = "TS τ \(NumberFormat.temperature(temperatures.tau))"
        if ats.isEmpty || ts.isEmpty {
            let missing = [ats.isEmpty ? atsText : nil, ts.isEmpty ? tsText : nil].compactMap { $0 }
            let sentence = "There are no finished \(missing.joined(separator: " or ")) students of \(who), "
                + "so ATS cannot be compared with TS for this teacher."
            return Comparison(title: title, sentence: sentence, test: nil)
        }
        let phrasing = ComparisonPhrasing(
            higher: { "ATS improved the students of \(who) over TS by \($0)" },
            lower: { "ATS lowered the students of \(who) below TS by \($0)" },
            noDifference: "The ATS and TS students of \(who) did not differ detectably",
            differenceName: "ATS − TS", firstName: "ATS", secondName: "TS")
        return Comparison.compare(title: title, first: ats, second: ts, allowWelch: false, phrasing: phrasing)
    }

    private static func teacherComparison(
        teacher: ReportTeacher, reference: ReportTeacher, method: ReportMethod,
        runs: [ReportRun], referenceRuns: [ReportRun], temperatures: ReportTemperatures
    ) -> Comparison {
        let methodText = Configuration.methodDescription(
            method: method, tau: temperatures.tau, tpTau: temperatures.tpTau, tTau: temperatures.tTau)
        let title = "\(teacher.label) − \(reference.label), \(method.rawValue)"
        let who = TeacherName.inSentence(teacher)
        let referenceWho = TeacherName.inSentence(reference)
        if runs.isEmpty || referenceRuns.isEmpty {
            let sentence = "Under \(methodText) there are no finished students of "
                + (runs.isEmpty ? who : referenceWho) + ", so the two teachers cannot be compared."
            return Comparison(title: title, sentence: sentence, test: nil)
        }
        let phrasing = ComparisonPhrasing(
            higher: { "Under \(methodText), the students of \(who) scored \($0) above those of \(referenceWho)" },
            lower: { "Under \(methodText), the students of \(who) scored \($0) below those of \(referenceWho)" },
            noDifference: "Under \(methodText), the students of \(who) and of \(referenceWho) did not differ detectably",
            differenceName: "\(teacher.label) − \(reference.label)",
            firstName: "\(who) under \(method.rawValue)", secondName: referenceWho)
        return Comparison.compare(title: title, first: runs, second: referenceRuns, allowWelch: true, phrasing: phrasing)
    }
}

extension Comparison {
    fileprivate mutating func setHolmPValue(_ value: Double?) {
        guard let test else { return }
        var adjusted = test
        adjusted.holmPValue = value
        self = Comparison(title: title, sentence: sentence, test: adjusted)
    }
}
