/// Everything a report shows, as plain values: the experiment, its environment and every
/// trial with its per-epoch records. The report computes its statistics from these values
/// and reads nothing else, so the same input always gives the same files.
///
/// Accuracies are fractions in [0, 1] throughout the input; the page shows percentages and
/// differences in percentage points (pp).
public struct ReportInput: Sendable, Equatable {
    /// The experiment's name, used as the page title.
    public var experimentName: String
    /// Free text from the spec, shown under the title.
    public var description: String
    /// The software and build that produced the results, such as "atsbench 0.4.0 (release)".
    /// It also goes into each PNG's Software chunk.
    public var softwareVersion: String
    /// The experiment spec, written to spec.json byte for byte.
    public var specJSON: String
    /// The SHA-256 of the spec as lowercase hexadecimal, stored in each PNG.
    public var specSHA256: String
    /// The command line that reruns the experiment.
    public var reproduceCommand: String
    /// When the report or the results were produced, shown as given; nil shows no date, so
    /// that reports of the same results are byte-identical.
    public var generatedAt: String?
    /// The name `openblas_get_corename()` returned on the machine that ran the trials.
    public var openBLASCore: String
    /// The builds the trials recorded (`BuildInfo.identifier`) with their trial counts, sorted by
    /// identifier. More than one means some differences between runs may come from the builds.
    public var trialBuilds: [ReportBuild]
    /// SHA-256 of each data file, by file name.
    public var dataChecksums: [String: String]
    /// Other facts about the machine and build, such as "host CPU" or "cores", by name.
    public var environment: [String: String]
    /// The claimed run-to-run standard deviation of final accuracy, in percentage points.
    public var accuracyClaimSD: Double
    /// The number of test images behind each accuracy; nil skips the per-image chance estimate.
    public var testSetSize: Int?
    /// The temperatures of the TS and ATS configurations that the verdicts compare.
    public var primaryTemperatures: ReportTemperatures
    /// The teachers, smallest first: every later teacher is compared with the first.
    public var teachers: [ReportTeacher]
    /// Every trial, teachers and students, in the order the trial table lists them.
    public var runs: [ReportRun]
    /// Class discriminability of the teachers, one entry per teacher and scaling.
    public var discriminability: [ReportDiscriminability]
    /// Class discriminability of each teacher at the temperatures its students were trained with.
    public var trainedDiscriminability: [ReportTrainedDiscriminability]
    /// Notes on teachers without `trainedDiscriminability` rows, one sentence each with the reason.
    public var trainedDiscriminabilityNotes: [String]

    /// The run-to-run standard deviation claimed for final accuracy, in percentage points.
    public static let defaultAccuracyClaimSD = 0.5

    public init(
        experimentName: String, description: String = "", softwareVersion: String,
        specJSON: String, specSHA256: String, reproduceCommand: String, generatedAt: String? = nil,
        openBLASCore: String, trialBuilds: [ReportBuild] = [], dataChecksums: [String: String] = [:],
        environment: [String: String] = [:],
        accuracyClaimSD: Double = ReportInput.defaultAccuracyClaimSD, testSetSize: Int? = nil,
        primaryTemperatures: ReportTemperatures = .reference,
        teachers: [ReportTeacher], runs: [ReportRun], discriminability: [ReportDiscriminability] = [],
        trainedDiscriminability: [ReportTrainedDiscriminability] = [], trainedDiscriminabilityNotes: [String] = []
    ) {
        self.experimentName = experimentName
        self.description = description
        self.softwareVersion = softwareVersion
        self.specJSON = specJSON
        self.specSHA256 = specSHA256
        self.reproduceCommand = reproduceCommand
        self.generatedAt = generatedAt
        self.openBLASCore = openBLASCore
        self.trialBuilds = trialBuilds
        self.dataChecksums = dataChecksums
        self.environment = environment
        self.accuracyClaimSD = accuracyClaimSD
        self.testSetSize = testSetSize
        self.primaryTemperatures = primaryTemperatures
        self.teachers = teachers
        self.runs = runs
        self.discriminability = discriminability
        self.trainedDiscriminability = trainedDiscriminability
        self.trainedDiscriminabilityNotes = trainedDiscriminabilityNotes
    }
}

/// A build that ran some of the trials.
public struct ReportBuild: Sendable, Equatable, Encodable {
    /// `BuildInfo.identifier` as the trials recorded it: the version, then `+exe.` and the start
    /// of the executable's SHA-256. Trials from before builds were identified have the version alone.
    public var identifier: String
    /// How many trials this build ran.
    public var trials: Int

    public init(identifier: String, trials: Int) {
        self.identifier = identifier
        self.trials = trials
    }

    /// Whether the identifier names an executable, rather than only a version.
    public var namesExecutable: Bool { identifier.contains("+exe.") }
}

/// A teacher network that students learn from.
public struct ReportTeacher: Sendable, Equatable {
    /// The name that runs refer to, such as "small", "large" or "ResNet110".
    public var label: String
    /// The architecture, such as "ResNet110".
    public var model: String
    /// The number of trainable parameters; nil when unknown.
    public var parameterCount: Int?

    public init(label: String, model: String, parameterCount: Int? = nil) {
        self.label = label
        self.model = model
        self.parameterCount = parameterCount
    }
}

/// The temperatures of the TS and ATS configurations that the verdicts compare. Runs at
/// other temperatures, such as a tp_tau x t_tau grid, appear in the tables and the grid.
public struct ReportTemperatures: Sendable, Equatable {
    /// tau of TS.
    public var tau: Double
    /// tp_tau of ATS, the temperature of the true class.
    public var tpTau: Double
    /// t_tau of ATS, the temperature of every wrong class.
    public var tTau: Double

    /// TS at tau 4 and ATS at tp_tau 4 / t_tau 2, the settings of the ATS paper's demo runs
    /// (Li et al., NeurIPS 2022).
    public static let reference = ReportTemperatures(tau: 4, tpTau: 4, tTau: 2)

    public init(tau: Double, tpTau: Double, tTau: Double) {
        self.tau = tau
        self.tpTau = tpTau
        self.tTau = tTau
    }
}
