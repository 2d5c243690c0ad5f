import Foundation
import Statistics
import TrainingCore

/// `atsbench discriminability`: how well a teacher's soft labels tell the wrong classes
/// apart, against the temperature, under TS and ATS.
struct DiscriminabilityCommand: Command {
    static let name = "discriminability"
    static let summary = "measure e(q) and sigma(q) of a teacher's soft labels against temperature, TS and ATS"
    static let help = """
        usage: atsbench discriminability --logits FILE [options]
               atsbench discriminability --teacher CHECKPOINT --dataset NAME [--model NAME] [options]

        For every temperature tau, computes the teacher's soft labels q under TS (softmax(t / tau))
        and under ATS (temperature tp_tau for the labelled class, t_tau for the others), and over the
        C - 1 wrong-class probabilities of each sample reports:
          e(q)      the derived average, their mean
          sigma(q)  the derived sigma, their population standard deviation
        each averaged over samples with a t interval, the distribution of the per-sample sigma
        (median, IQR, min, max), and the mean probability of the labelled class.

        sources (one of):
          --logits FILE          safetensors file with float32 `logits` [N, C] and int64 `labels` [N]
          --teacher CHECKPOINT   a trained teacher; its eval-mode logits are computed once, without
                                 augmentation and with the data set's default normalisation, on
                                 --split of --dataset
            --dataset NAME       fashion-mnist, cifar10, cifar100, synthetic or folder (required)
            --data-dir DIR       where the data set lives (default: the data set's own)
            --split S            test (default) or train
            --model NAME         teacher preset (--net_name, or --net with --n_layer); default:
                                 read from our checkpoint's metadata, required for PyTorch files
            --width W            teacher channel multiplier (default 1)
            --subset RULE        first:K or sample:K, K images per class of the measured split
                                 (--test-subset is accepted for the test split)
            --subset-seed S      seed of sample:K (default 0)
            the synthetic and folder data sets take the same options as in 'atsbench classify --help'

        options:
          --taus LIST            temperatures, comma-separated, each > 0 (default 0.5,1,2,4,8)
          --ats TP,T             ATS with fixed temperatures tp_tau = TP, t_tau = T for every row
          --ats-ratio RT,RW      ATS with tp_tau = RT * tau and t_tau = RW * tau (default 1.25,0.75)
          --level L              confidence level of the intervals (default 0.95)
          --format F             table (default), csv or json
          --threads T            worker threads for --teacher (default: all cores)
        """

    static let defaultTaus = [0.5, 1, 2, 4, 8]
    static let defaultRatios = (trueRatio: 1.25, wrongRatio: 0.75)

    /// How the ATS temperatures of a row follow from its tau.
    enum ATSRule {
        case fixed(trueTau: Double, wrongTau: Double)
        case ratio(trueRatio: Double, wrongRatio: Double)

        func temperatures(tau: Double) -> (trueTau: Double, wrongTau: Double) {
            switch self {
            case .fixed(let trueTau, let wrongTau): return (trueTau, wrongTau)
            case .ratio(let trueRatio, let wrongRatio): return (trueRatio * tau, wrongRatio * tau)
            }
        }
    }

    static func run(_ arguments: inout Arguments) throws {
        let taus = try parsePositiveList(arguments.value("--taus"), option: "--taus") ?? defaultTaus
        let atsRule = try parseATSRule(&arguments)
        let level = try arguments.double("--level") ?? 0.95
        let format = try arguments.outputFormat()
        let (logits, labels) = try TeacherLogitsSource.load(from: &arguments)
        try arguments.finish()

        var table = OutputTable(columns: [
            "scaling", "tau", "tp_tau", "t_tau", "n", "e_q", "e_q_lower", "e_q_upper",
            "sigma_q", "sigma_q_lower", "sigma_q_upper", "sigma_median", "sigma_iqr", "sigma_min", "sigma_max",
            "true_class_probability",
        ])
        for tau in taus {
            let ats = atsRule.temperatures(tau: tau)
            for (scaling, trueTau, wrongTau) in [("TS", tau, tau), ("ATS", ats.trueTau, ats.wrongTau)] {
                let measured = ClassDiscriminability(logits: logits, labels: labels, trueTau: trueTau, wrongTau: wrongTau)
                let intervals = try Discriminability.overSamples(
                    derivedAverages: Sample(measured.derivedAverages),
                    derivedVariances: Sample(measured.derivedSigmas), level: level)
                let spread = try Descriptive(Sample(measured.derivedSigmas))
                table.rows.append([
                    .text(scaling), .number(tau), .number(trueTau), .number(wrongTau), .integer(labels.count),
                    .number(intervals.derivedAverage.value), .number(intervals.derivedAverage.interval.lower),
                    .number(intervals.derivedAverage.interval.upper),
                    .number(intervals.derivedVariance.value), .number(intervals.derivedVariance.interval.lower),
                    .number(intervals.derivedVariance.interval.upper),
                    .number(spread.median), .number(spread.interquartileRange), .number(spread.minimum),
                    .number(spread.maximum), .number(measured.meanTrueClassProbability),
                ])
            }
        }
        print(table.render(format))
    }

    private static func parseATSRule(_ arguments: inout Arguments) throws -> ATSRule {
        let fixed = try parsePositiveList(arguments.value("--ats", "--ats_taus"), option: "--ats")
        let ratios = try parsePositiveList(arguments.value("--ats-ratio"), option: "--ats-ratio")
        switch (fixed, ratios) {
        case (.some, .some):
            throw CommandLineError.invalidValue(option: "--ats", value: "together with --ats-ratio",
                                                expected: "one of --ats or --ats-ratio")
        case (let pair?, nil):
            guard pair.count == 2 else {
                throw CommandLineError.invalidValue(option: "--ats", value: pair.map { "\($0)" }.joined(separator: ","),
                                                    expected: "two temperatures TP,T")
            }
            return .fixed(trueTau: pair[0], wrongTau: pair[1])
        case (nil, let pair?):
            guard pair.count == 2 else {
                throw CommandLineError.invalidValue(option: "--ats-ratio",
                                                    value: pair.map { "\($0)" }.joined(separator: ","),
                                                    expected: "two ratios RT,RW")
            }
            return .ratio(trueRatio: pair[0], wrongRatio: pair[1])
        case (nil, nil):
            return .ratio(trueRatio: defaultRatios.trueRatio, wrongRatio: defaultRatios.wrongRatio)
        }
    }
}

/// Parses a comma-separated list of numbers that must all be finite and greater than 0.
func parsePositiveList(_ text: String?, option: String) throws -> [Double]? {
    guard let text else { return nil }
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
    }
    return try items.map { item in
        guard let value = Double(item), value.isFinite, value > 0 else {
            throw CommandLineError.invalidValue(option: option, value: item,
                                                expected: "a comma-separated list of numbers > 0")
        }
        return value
    }
}
