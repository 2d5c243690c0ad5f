import Foundation
import Reports

/// A small report input shaped like a real experiment: two teachers, a CE student, TS and
/// ATS students of each teacher over seeds 1 to 3, one diverged ATS run, two grid points of
/// the large teacher and discriminability rows. The accuracies are the ones
/// ReferenceScripts/reference_values.py feeds SciPy, as fractions.
enum SampleReport {
    static let epochCount = 5

    static let teachers = [
        ReportTeacher(label: "small", model: "ResNet14", parameterCount: 175_012),
        ReportTeacher(label: "large", model: "ResNet110", parameterCount: 1_735_892),
    ]

    static var input: ReportInput {
        ReportInput(
            experimentName: "ATS demo on Fashion-MNIST",
            description: "Two teachers, three seeds, paper temperatures.",
            softwareVersion: "atsbench 0.4.0-test",
            specJSON: "{\"name\": \"ats-demo\", \"seeds\": [1, 2, 3]}\n",
            specSHA256: "5d41402abc4b2a76b9719d911017c592aaf1b2c3d4e5f60718293a4b5c6d7e8f",
            reproduceCommand: "atsbench run specs/ats-demo.json --store results.sqlite",
            openBLASCore: "Haswell",
            dataChecksums: ["t10k-images-idx3-ubyte": "aa11", "train-images-idx3-ubyte": "bb22"],
            environment: ["host CPU": "Test CPU @ 2.0 GHz", "cores": "2"],
            testSetSize: 10_000,
            teachers: teachers,
            runs: runs,
            discriminability: discriminability)
    }

    static var runs: [ReportRun] {
        var runs: [ReportRun] = []
        func add(_ id: String, _ role: ReportRole, _ teacher: String?, _ model: String, _ method: ReportMethod,
                 tau: Double? = nil, tp: Double? = nil, t: Double? = nil, finals: [Double?]) {
            for (index, final) in finals.enumerated() {
                let seed = UInt64(index + 1)
                runs.append(run(id: "\(id)-\(seed)", role: role, teacher: teacher, model: model, method: method,
                                tau: tau, tp: tp, t: t, seed: seed, final: final))
            }
        }
        add("teacher-small", .teacher, "small", "ResNet14", .crossEntropy, finals: [0.7012, 0.6987, 0.7043])
        add("teacher-large", .teacher, "large", "ResNet110", .crossEntropy, finals: [0.7421, 0.7398, 0.7455])
        add("student-ce", .student, nil, "VGG8", .crossEntropy, finals: [0.6801, 0.6825, 0.6790])
        add("small-ts", .student, "small", "VGG8", .temperatureScaling, tau: 4, finals: [0.7105, 0.7081, 0.7122])
        add("small-ats", .student, "small", "VGG8", .asymmetricTemperatureScaling, tp: 4, t: 2,
            finals: [0.7150, 0.7113, 0.7161])
        add("large-ts", .student, "large", "VGG8", .temperatureScaling, tau: 4, finals: [0.7032, 0.7010, 0.7068])
        add("large-ats", .student, "large", "VGG8", .asymmetricTemperatureScaling, tp: 4, t: 2,
            finals: [0.7140, 0.7126, nil])
        add("large-ats-2-1", .student, "large", "VGG8", .asymmetricTemperatureScaling, tp: 2, t: 1,
            finals: [0.7085, 0.7097])
        add("large-ats-3-2", .student, "large", "VGG8", .asymmetricTemperatureScaling, tp: 3, t: 2,
            finals: [0.7110])
        return runs
    }

    /// Builds a run whose test accuracy climbs to `final` over `epochCount` epochs. A nil
    /// `final` builds a run that diverged after three epochs.
    static func run(id: String, role: ReportRole, teacher: String?, model: String, method: ReportMethod,
                    tau: Double?, tp: Double?, t: Double?, seed: UInt64, final: Double?) -> ReportRun {
        let target = final ?? 0.5
        let lastEpoch = final == nil ? 3 : epochCount
        let epochs = (1...lastEpoch).map { epoch in
            let remaining = Double(epochCount - epoch)
            return ReportEpoch(epoch: epoch, loss: 0.9 + 0.3 * remaining, trainAccuracy: min(1, target + 0.05 - 0.04 * remaining),
                               testAccuracy: target - 0.035 * remaining)
        }
        return ReportRun(
            trialID: id, role: role, teacherLabel: teacher, model: model, method: method,
            tau: tau, tpTau: tp, tTau: t, seeds: ReportSeeds(trial: seed),
            status: final == nil ? .diverged : .done,
            statusReason: final == nil ? "loss was NaN at epoch 4" : nil,
            finalTestAccuracy: final, bestTestAccuracy: final, bestEpoch: final == nil ? nil : epochCount,
            lastEpoch: lastEpoch, wallSeconds: 100 + Double(seed) * 1.5, epochs: epochs)
    }

    static var discriminability: [ReportDiscriminability] {
        let temperatures: [Double] = [1, 2, 4, 8]
        func row(_ teacher: String, _ scaling: ReportScaling, tp: Double?, sharpness: Double) -> ReportDiscriminability {
            let points = temperatures.map { tau -> ReportDiscriminabilityPoint in
                let average = 0.0101 - 0.004 * exp(-tau / (2 * sharpness))
                let sigma = 0.003 * sharpness * exp(-tau / 4) + 0.0004 * tau / sharpness
                return ReportDiscriminabilityPoint(
                    temperature: tau,
                    derivedAverage: ReportInterval(value: average, lower: average - 0.0002, upper: average + 0.0002),
                    derivedSigma: ReportInterval(value: sigma, lower: sigma - 0.0001, upper: sigma + 0.0001))
            }
            let sigmas = (0..<200).map { 0.004 * sharpness + 0.002 * sin(Double($0) * 0.37) * sin(Double($0) * 0.11) }
            return ReportDiscriminability(teacherLabel: teacher, scaling: scaling, trueClassTemperature: tp,
                                          points: points, histogramTemperature: 4, perSampleSigma: sigmas)
        }
        return [
            row("small", .temperatureScaling, tp: nil, sharpness: 1.0),
            row("large", .temperatureScaling, tp: nil, sharpness: 1.6),
            row("large", .asymmetricTemperatureScaling, tp: 4, sharpness: 1.15),
        ]
    }

    /// Returns a report folder path under the temporary directory, named after the test,
    /// after removing what an earlier run of the test left there.
    static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("atsbench-reports-tests-\(ProcessInfo.processInfo.processIdentifier)")
            .appendingPathComponent(name)
        try? FileManager.default.removeItem(at: url)
        return url
    }
}
