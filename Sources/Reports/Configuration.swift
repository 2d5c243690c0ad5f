import Statistics

/// The runs of one configuration: the same role, teacher, model, method and temperatures,
/// over seeds.
struct Configuration {
    let role: ReportRole
    let teacherLabel: String?
    let model: String
    let method: ReportMethod
    let tau: Double?
    let tpTau: Double?
    let tTau: Double?
    /// Every run of the configuration, in input order.
    var runs: [ReportRun]
    /// A readable name, such as "ResNet110 → VGG8, ATS 4/2".
    let name: String

    /// Runs that finished with a final accuracy; only these enter the statistics.
    var finishedRuns: [ReportRun] {
        runs.filter { $0.status == .done && $0.finalTestAccuracy != nil }
    }

    /// Final accuracies of the finished runs in percent, or nil when none finished.
    var finalAccuracyPercent: Sample? {
        try? Sample(finishedRuns.compactMap(\.finalTestAccuracy).map { $0 * 100 })
    }

    func matches(_ run: ReportRun) -> Bool {
        run.role == role && run.teacherLabel == teacherLabel && run.model == model && run.method == method
            && run.tau == tau && run.tpTau == tpTau && run.tTau == tTau
    }

    /// Returns whether this is the TS or ATS student configuration at the verdicts' temperatures.
    func isPrimary(_ method: ReportMethod, of teacher: ReportTeacher, temperatures: ReportTemperatures) -> Bool {
        guard role == .student, teacherLabel == teacher.label, self.method == method else { return false }
        switch method {
        case .temperatureScaling: return tau == temperatures.tau
        case .asymmetricTemperatureScaling: return tpTau == temperatures.tpTau && tTau == temperatures.tTau
        case .crossEntropy: return true
        }
    }

    /// Groups `runs` by configuration, in the order each configuration first appears.
    static func group(_ runs: [ReportRun], teachers: [ReportTeacher]) -> [Configuration] {
        var configurations: [Configuration] = []
        for run in runs {
            if let index = configurations.firstIndex(where: { $0.matches(run) }) {
                configurations[index].runs.append(run)
            } else {
                configurations.append(Configuration(
                    role: run.role, teacherLabel: run.teacherLabel, model: run.model, method: run.method,
                    tau: run.tau, tpTau: run.tpTau, tTau: run.tTau, runs: [run],
                    name: name(of: run, teachers: teachers)))
            }
        }
        return configurations
    }

    private static func name(of run: ReportRun, teachers: [ReportTeacher]) -> String {
        let methodText = methodDescription(method: run.method, tau: run.tau, tpTau: run.tpTau, tTau: run.tTau)
        switch run.role {
        case .teacher:
            let teacherName = teachers.first { $0.label == run.teacherLabel }.map(TeacherName.short) ?? run.model
            return "teacher \(teacherName), \(methodText)"
        case .student:
            guard let label = run.teacherLabel else { return "\(run.model), \(methodText)" }
            let teacherName = teachers.first { $0.label == label }.map(TeacherName.short) ?? label
            return "\(teacherName) → \(run.model), \(methodText)"
        }
    }

    /// "CE", "TS τ 4" or "ATS 4/2" (tp_tau / t_tau).
    static func methodDescription(method: ReportMethod, tau: Double?, tpTau: Double?, tTau: Double?) -> String {
        switch method {
        case .crossEntropy:
            return "CE"
        case .temperatureScaling:
            return tau.map { "TS τ \(NumberFormat.temperature($0))" } ?? "TS"
        case .asymmetricTemperatureScaling:
            guard let tpTau, let tTau else { return "ATS" }
            return "ATS \(NumberFormat.temperature(tpTau))/\(NumberFormat.temperature(tTau))"
        }
    }
}

/// The names of a teacher on the page.
enum TeacherName {
    /// "large (ResNet110)", or just "ResNet110" when the label is the model's name.
    static func short(_ teacher: ReportTeacher) -> String {
        teacher.label == teacher.model ? teacher.model : "\(teacher.label) (\(teacher.model))"
    }

    /// "the large teacher (ResNet110)" or "the ResNet110 teacher", for sentences.
    static func inSentence(_ teacher: ReportTeacher) -> String {
        teacher.label == teacher.model
            ? "the \(teacher.model) teacher" : "the \(teacher.label) teacher (\(teacher.model))"
    }
}
