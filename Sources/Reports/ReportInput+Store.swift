import Experiments
import Foundation
import Statistics
import TrainingCore

extension ReportInput {
    /// Builds the report's input from an experiment in a result store: every trial with its
    /// epochs, teachers in spec order, and the teachers' discriminability sweeps with t
    /// intervals over the test samples.
    public init(store: ResultStore, experiment name: String?, reproduceCommand: String) throws {
        let experiment = try store.experiment(named: name)
        let spec = try? ExperimentSpec.decode(Data(experiment.specJSON.utf8), source: "spec in \(store.path)")
        let trials = try store.trials(experiment: experiment.name)

        var teachers: [ReportTeacher] = []
        for teacher in spec?.teachers ?? [] {
            let classes = trials.first { $0.configuration.role == .teacher }?.configuration.dataset.synthetic?.classes
            let parameters = try? Self.parameterCount(model: teacher.model, width: teacher.width ?? 1,
                                                      dataset: trials.first?.configuration.dataset, classes: classes)
            teachers.append(ReportTeacher(label: teacher.label, model: Self.modelName(teacher.model, teacher.width),
                                          parameterCount: parameters))
        }

        var runs: [ReportRun] = []
        var discriminability: [ReportDiscriminability] = []
        var environment: [String: String] = [:]
        var dataChecksums: [String: String] = [:]
        var openBLASCores: Set<String> = [], builds: [String: Int] = [:]
        for trial in trials {
            let configuration = trial.configuration
            if let trialEnvironment = trial.environment {
                environment["host_cpu"] = trialEnvironment.hostCPU
                environment["cores"] = String(trialEnvironment.cores)
                openBLASCores.insert(trialEnvironment.openBLASCore)
                builds[trialEnvironment.buildVersion, default: 0] += 1
                dataChecksums["\(configuration.dataset.name) training pixels"] = trialEnvironment.dataSHA256
            }
            guard trial.status == .done || trial.status == .failed || trial.status == .diverged else { continue }
            runs.append(try Self.run(from: trial, store: store))
            if configuration.role == .teacher, trial.status == .done, configuration.seed == trials.first(where: {
                $0.configuration.role == .teacher && $0.configuration.teacherLabel == configuration.teacherLabel
            })?.configuration.seed {
                discriminability += try Self.discriminability(of: trial, store: store)
            }
        }
        let (trained, trainedNotes) = Self.trainedDiscriminability(trials: trials, teachers: teachers)
        let testSize = trials.first.flatMap { try? DataCache.testCount(for: $0.configuration.dataset) }
        let temperatures = Self.primaryTemperatures(spec: spec)
        self.init(
            experimentName: experiment.name, description: spec?.description ?? "", softwareVersion: BuildInfo.version,
            specJSON: experiment.specJSON, specSHA256: experiment.specSHA256, reproduceCommand: reproduceCommand,
            openBLASCore: openBLASCores.isEmpty ? BLAS.coreName : openBLASCores.sorted().joined(separator: ", "),
            trialBuilds: builds.keys.sorted().map { ReportBuild(identifier: $0, trials: builds[$0]!) },
            dataChecksums: dataChecksums,
            environment: environment,
            accuracyClaimSD: spec?.claims?.std ?? ReportInput.defaultAccuracyClaimSD, testSetSize: testSize,
            primaryTemperatures: temperatures, teachers: teachers, runs: runs, discriminability: discriminability,
            trainedDiscriminability: trained, trainedDiscriminabilityNotes: trainedNotes)
    }

    /// Recomputes each teacher's discriminability from its checkpoint on the test split, at every
    /// temperature pair its finished students were trained with. The stored sweep may not
    /// contain those pairs: its ATS rows scale both temperatures with tau by fixed ratios.
    static func trainedDiscriminability(trials: [StoredTrial], teachers: [ReportTeacher])
        -> ([ReportTrainedDiscriminability], [String]) {
        var rows: [ReportTrainedDiscriminability] = []
        var notes: [String] = []
        for teacher in teachers {
            let teacherTrials = trials.filter { $0.configuration.role == .teacher && $0.configuration.teacherLabel == teacher.label }
            guard let trial = teacherTrials.first, trial.status == .done else { continue }
            var pairs: [(scaling: String, trueTau: Double, wrongTau: Double)] = []
            for student in trials where student.configuration.teacherID == trial.id && student.status == .done {
                let configuration = student.configuration
                guard let trueTau = configuration.tpTau, let wrongTau = configuration.tTau else { continue }
                let scaling = configuration.method == "ats" ? "ATS" : "TS"
                if !pairs.contains(where: { $0 == (scaling, trueTau, wrongTau) }) {
                    pairs.append((scaling, trueTau, wrongTau))
                }
            }
            guard !pairs.isEmpty else { continue }
            let name = TeacherName.short(teacher)
            guard let path = trial.checkpointPath, FileManager.default.fileExists(atPath: path) else {
                notes.append("\(name): the checkpoint \(trial.checkpointPath ?? "(none recorded)") is missing, "
                    + "so its discriminability at the distillation temperatures is not shown.")
                continue
            }
            do {
                let measured = try TrialExecutor.discriminability(
                    checkpointPath: path, trialID: trial.id, dataset: trial.configuration.dataset, pairs: pairs,
                    threads: Executor.availableCores)
                for row in measured {
                    rows.append(ReportTrainedDiscriminability(
                        teacherLabel: teacher.label,
                        method: row.scaling == "ATS" ? .asymmetricTemperatureScaling : .temperatureScaling,
                        tpTau: row.tpTau, tTau: row.tTau, sampleCount: row.sampleCount,
                        derivedAverage: try interval(mean: row.derivedAverageMean, standardDeviation: row.derivedAverageSD,
                                                     count: row.sampleCount),
                        derivedSigma: try interval(mean: row.derivedSigmaMean, standardDeviation: row.derivedSigmaSD,
                                                   count: row.sampleCount)))
                }
            } catch {
                notes.append("\(name): its discriminability at the distillation temperatures could not be "
                    + "recomputed from \(path): \(ErrorText.describe(error))")
            }
        }
        return (rows, notes)
    }

    /// Returns the mean with its 95 % t interval over `count` samples.
    static func interval(mean: Double, standardDeviation: Double, count: Int) throws -> ReportInterval {
        let estimate = try Estimate.meanInterval(mean: mean, standardDeviation: standardDeviation, count: count)
        return ReportInterval(value: estimate.value, lower: estimate.interval.lower, upper: estimate.interval.upper)
    }

    /// `ResNet8`, or `ResNet8-w0.5` at another width, as `atsbench models` names them.
    static func modelName(_ model: String, _ width: Double?) -> String {
        guard let width, width != 1 else { return model }
        return "\(model)-w\(NumberFormat.temperature(width))"
    }

    static func parameterCount(model: String, width: Double, dataset: ExperimentSpec.DatasetSpec?, classes: Int?) throws
        -> Int {
        let name = dataset?.name.lowercased() ?? "cifar100"
        let (channels, size, classCount) = name == "fashion-mnist" ? (1, 28, 10)
            : name == "cifar100" ? (3, 32, 100) : name == "cifar10" ? (3, 32, 10) : (3, 32, classes ?? 10)
        var generator = SeededGenerator(seed: 0, stream: "init")
        return try Network(configuration: ModelConfiguration(name: model, width: width, inChannels: channels,
                                                             classes: classCount),
                           inputHeight: size, inputWidth: size, executor: Executor(threadCount: 1),
                           generator: &generator).parameterCount
    }

    /// The TS and ATS temperatures the verdicts compare: the spec's first `ts` and `ats` methods.
    static func primaryTemperatures(spec: ExperimentSpec?) -> ReportTemperatures {
        let tau = spec?.methods.first { $0.kind == "ts" }?.tau ?? ReportTemperatures.reference.tau
        let ats = spec?.methods.first { $0.kind == "ats" }
        return ReportTemperatures(tau: tau, tpTau: ats?.tpTau ?? ReportTemperatures.reference.tpTau,
                                  tTau: ats?.tTau ?? ReportTemperatures.reference.tTau)
    }

    static func run(from trial: StoredTrial, store: ResultStore) throws -> ReportRun {
        let configuration = trial.configuration
        let method: ReportMethod
        switch configuration.method {
        case "ts": method = .temperatureScaling
        case "ats": method = .asymmetricTemperatureScaling
        default: method = .crossEntropy
        }
        let status: ReportRunStatus
        switch trial.status {
        case .done: status = .done
        case .diverged: status = .diverged
        default: status = .failed
        }
        return ReportRun(
            trialID: trial.id, role: configuration.role == .teacher ? .teacher : .student,
            teacherLabel: configuration.teacherLabel, model: modelName(configuration.model, configuration.width),
            method: method, tau: configuration.method == "ts" ? configuration.tpTau : nil,
            tpTau: configuration.method == "ats" ? configuration.tpTau : nil,
            tTau: configuration.method == "ats" ? configuration.tTau : nil,
            seeds: ReportSeeds(trial: configuration.seed, initialization: configuration.initSeed,
                               order: configuration.orderSeed, augmentation: configuration.augmentSeed),
            status: status, statusReason: trial.reason, finalTestAccuracy: trial.finalTestAccuracy,
            bestTestAccuracy: trial.bestTestAccuracy, bestEpoch: trial.bestEpoch, lastEpoch: trial.lastEpoch,
            wallSeconds: trial.wallSeconds ?? 0,
            epochs: try store.epochs(trialID: trial.id).map {
                ReportEpoch(epoch: $0.epoch, loss: $0.loss, trainAccuracy: $0.trainAccuracy, testAccuracy: $0.testAccuracy)
            })
    }

    static func discriminability(of trial: StoredTrial, store: ResultStore) throws -> [ReportDiscriminability] {
        let rows = try store.discriminability(trialID: trial.id)
        var result: [ReportDiscriminability] = []
        for scaling in ["TS", "ATS"] {
            let selected = rows.filter { $0.scaling == scaling }.sorted { $0.tau < $1.tau }
            guard !selected.isEmpty else { continue }
            let points = try selected.map { row in
                ReportDiscriminabilityPoint(
                    temperature: row.tau,
                    derivedAverage: try interval(mean: row.derivedAverageMean, standardDeviation: row.derivedAverageSD,
                                                 count: row.sampleCount),
                    derivedSigma: try interval(mean: row.derivedSigmaMean, standardDeviation: row.derivedSigmaSD,
                                               count: row.sampleCount))
            }
            let histogram = selected.first { $0.perSampleSigma != nil }
            result.append(ReportDiscriminability(
                teacherLabel: trial.configuration.teacherLabel ?? trial.configuration.model,
                scaling: scaling == "TS" ? .temperatureScaling : .asymmetricTemperatureScaling, points: points,
                histogramTemperature: histogram?.tau, perSampleSigma: histogram?.perSampleSigma ?? [],
                trueRatio: scaling == "ATS" ? selected[0].tpTau / selected[0].tau : nil,
                wrongRatio: scaling == "ATS" ? selected[0].tTau / selected[0].tau : nil))
        }
        return result
    }
}
