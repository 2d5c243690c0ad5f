/// One trial: a teacher trained with cross-entropy, or a student trained with CE, TS or ATS.
public struct ReportRun: Sendable, Equatable {
    /// The trial's identity in the result store, such as a hash of its configuration and seed.
    public var trialID: String
    public var role: ReportRole
    /// For a teacher, its own label; for a student, the label of the teacher it learned from,
    /// or nil for a student trained with cross-entropy alone.
    public var teacherLabel: String?
    /// The architecture trained, such as "VGG8".
    public var model: String
    public var method: ReportMethod
    /// tau of a TS run; nil otherwise.
    public var tau: Double?
    /// tp_tau of an ATS run; nil otherwise.
    public var tpTau: Double?
    /// t_tau of an ATS run; nil otherwise.
    public var tTau: Double?
    public var seeds: ReportSeeds
    public var status: ReportRunStatus
    /// Why a run failed or diverged, such as "loss was NaN at epoch 12"; nil for a finished run.
    public var statusReason: String?
    /// Test accuracy after the last epoch, as a fraction; nil when no epoch finished.
    public var finalTestAccuracy: Double?
    /// The highest test accuracy of any epoch, as a fraction.
    public var bestTestAccuracy: Double?
    /// The 1-based epoch of `bestTestAccuracy`.
    public var bestEpoch: Int?
    /// The 1-based number of the last epoch that finished.
    public var lastEpoch: Int?
    /// Wall-clock time of the trial in seconds.
    public var wallSeconds: Double
    /// Per-epoch records in increasing epoch order.
    public var epochs: [ReportEpoch]

    public init(
        trialID: String, role: ReportRole, teacherLabel: String?, model: String, method: ReportMethod,
        tau: Double? = nil, tpTau: Double? = nil, tTau: Double? = nil, seeds: ReportSeeds,
        status: ReportRunStatus = .done, statusReason: String? = nil,
        finalTestAccuracy: Double?, bestTestAccuracy: Double?, bestEpoch: Int?, lastEpoch: Int?,
        wallSeconds: Double, epochs: [ReportEpoch] = []
    ) {
        self.trialID = trialID
        self.role = role
        self.teacherLabel = teacherLabel
        self.model = model
        self.method = method
        self.tau = tau
        self.tpTau = tpTau
        self.tTau = tTau
        self.seeds = seeds
        self.status = status
        self.statusReason = statusReason
        self.finalTestAccuracy = finalTestAccuracy
        self.bestTestAccuracy = bestTestAccuracy
        self.bestEpoch = bestEpoch
        self.lastEpoch = lastEpoch
        self.wallSeconds = wallSeconds
        self.epochs = epochs
    }
}

public enum ReportRole: String, Sendable, Equatable {
    case teacher
    case student
}

/// The training loss: plain cross-entropy, or KD with temperature scaling (TS) or
/// asymmetric temperature scaling (ATS).
public enum ReportMethod: String, Sendable, Equatable {
    case crossEntropy = "CE"
    case temperatureScaling = "TS"
    case asymmetricTemperatureScaling = "ATS"
}

/// How a trial ended. Only finished runs enter the statistics.
public enum ReportRunStatus: String, Sendable, Equatable {
    case done
    case failed
    case diverged
}

/// The seeds of a trial: the trial seed and the seeds of its three random streams. Two runs
/// pair by seed when all four are equal.
public struct ReportSeeds: Sendable, Equatable, Hashable {
    public var trial: UInt64
    /// The seed of the weight initialisation stream.
    public var initialization: UInt64
    /// The seed of the shuffling stream.
    public var order: UInt64
    /// The seed of the augmentation stream.
    public var augmentation: UInt64

    public init(trial: UInt64, initialization: UInt64, order: UInt64, augmentation: UInt64) {
        self.trial = trial
        self.initialization = initialization
        self.order = order
        self.augmentation = augmentation
    }

    /// Seeds whose three streams all use the trial seed, the case without overrides.
    public init(trial: UInt64) {
        self.init(trial: trial, initialization: trial, order: trial, augmentation: trial)
    }
}

/// One epoch of a trial; the epoch is 1-based and accuracies are fractions.
public struct ReportEpoch: Sendable, Equatable {
    public var epoch: Int
    public var loss: Double
    public var trainAccuracy: Double
    public var testAccuracy: Double

    public init(epoch: Int, loss: Double, trainAccuracy: Double, testAccuracy: Double) {
        self.epoch = epoch
        self.loss = loss
        self.trainAccuracy = trainAccuracy
        self.testAccuracy = testAccuracy
    }
}
