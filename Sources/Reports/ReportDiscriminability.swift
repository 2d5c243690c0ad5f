/// Class discriminability of one teacher under one scaling, against temperature, as
/// computed on the teacher's test logits by `Statistics.Discriminability`.
public struct ReportDiscriminability: Sendable, Equatable {
    public var teacherLabel: String
    public var scaling: ReportScaling
    /// For ATS, the fixed true-class temperature tp_tau, while `points` vary t_tau; nil for TS.
    public var trueClassTemperature: Double?
    /// For ATS swept by ratio: tp_tau = `trueRatio` x tau and t_tau = `wrongRatio` x tau, with
    /// tau the points' temperature; nil otherwise.
    public var trueRatio: Double?
    public var wrongRatio: Double?
    /// Points in increasing temperature order.
    public var points: [ReportDiscriminabilityPoint]
    /// The temperature at which `perSampleSigma` was measured; nil when no histogram is given.
    public var histogramTemperature: Double?
    /// sigma(q) of each test sample at `histogramTemperature`, for the histogram.
    public var perSampleSigma: [Double]

    public init(teacherLabel: String, scaling: ReportScaling, trueClassTemperature: Double? = nil,
                points: [ReportDiscriminabilityPoint], histogramTemperature: Double? = nil,
                perSampleSigma: [Double] = [], trueRatio: Double? = nil, wrongRatio: Double? = nil) {
        self.teacherLabel = teacherLabel
        self.trueRatio = trueRatio
        self.wrongRatio = wrongRatio
        self.scaling = scaling
        self.trueClassTemperature = trueClassTemperature
        self.points = points
        self.histogramTemperature = histogramTemperature
        self.perSampleSigma = perSampleSigma
    }
}

/// How a teacher's logits were softened: one temperature (TS) or a true-class and a
/// wrong-class temperature (ATS).
public enum ReportScaling: String, Sendable, Equatable {
    case temperatureScaling = "TS"
    case asymmetricTemperatureScaling = "ATS"
}

/// The derived average e(q) and derived sigma sigma(q) at one temperature, each averaged
/// over samples, with their 95 % intervals. Values are probabilities, not percentages.
public struct ReportDiscriminabilityPoint: Sendable, Equatable {
    /// tau for TS; for ATS t_tau, or tau when the scaling is given by ratios.
    public var temperature: Double
    public var derivedAverage: ReportInterval
    public var derivedSigma: ReportInterval

    public init(temperature: Double, derivedAverage: ReportInterval, derivedSigma: ReportInterval) {
        self.temperature = temperature
        self.derivedAverage = derivedAverage
        self.derivedSigma = derivedSigma
    }
}

/// A value with the bounds of its 95 % interval.
public struct ReportInterval: Sendable, Equatable {
    public var value: Double
    public var lower: Double
    public var upper: Double

    public init(value: Double, lower: Double, upper: Double) {
        self.value = value
        self.lower = lower
        self.upper = upper
    }
}

/// Class discriminability of one teacher at one distillation method's temperatures, the
/// pair its students were trained with (TS: tp_tau = t_tau = tau).
public struct ReportTrainedDiscriminability: Sendable, Equatable {
    public var teacherLabel: String
    public var method: ReportMethod
    public var tpTau: Double
    public var tTau: Double
    /// The number of test samples averaged.
    public var sampleCount: Int
    public var derivedAverage: ReportInterval
    public var derivedSigma: ReportInterval

    public init(teacherLabel: String, method: ReportMethod, tpTau: Double, tTau: Double, sampleCount: Int,
                derivedAverage: ReportInterval, derivedSigma: ReportInterval) {
        self.teacherLabel = teacherLabel
        self.method = method
        self.tpTau = tpTau
        self.tTau = tTau
        self.sampleCount = sampleCount
        self.derivedAverage = derivedAverage
        self.derivedSigma = derivedSigma
    }
}
