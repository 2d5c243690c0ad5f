import Foundation
import TrainingCore

// Times full training steps (forward, cross-entropy, backward, SGD) of one model and prints
// one JSON line. Run one model per process so that the peak resident memory is its own.
// With --teacher, every step first runs that network's eval-mode forward on the batch, as a
// distillation step does (the KD loss itself, O(N * L), is left out).
//
// usage: atsbench-benchmark --model NAME [--teacher NAME] [--batch 128] [--steps 30] [--warmup 3]
//                           [--threads N] [--classes 100] [--size 32]

func option(_ name: String, default value: String) -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
    return arguments[index + 1]
}

func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports kilobytes.
}

let modelName = option("--model", default: "VGG8")
let batch = Int(option("--batch", default: "128"))!
let steps = Int(option("--steps", default: "30"))!
let warmup = Int(option("--warmup", default: "3"))!
let threads = Int(option("--threads", default: String(Executor.availableCores)))!
let classes = Int(option("--classes", default: "100"))!
let size = Int(option("--size", default: "32"))!
let teacherName = option("--teacher", default: "")

let executor = Executor(threadCount: threads)
var generator = SeededGenerator(seed: 0, stream: "init")
let network = try Network(configuration: ModelConfiguration(name: modelName, classes: classes),
                          inputHeight: size, inputWidth: size, executor: executor, generator: &generator)
let teacher = teacherName.isEmpty ? nil
    : try Network(configuration: ModelConfiguration(name: teacherName, classes: classes),
                  inputHeight: size, inputWidth: size, executor: executor, generator: &generator)
let optimizer = SGD(parameters: network.parameters, learningRate: 0.05, momentum: 0.9, weightDecay: 5e-4)
var data = SeededGenerator(seed: 1, stream: "benchmark")
let images = Tensor(shape: [batch, 3, size, size],
                    scalars: (0..<(batch * 3 * size * size)).map { _ in 2 * data.nextUniform() - 1 })
let labels = (0..<batch).map { $0 % classes }

let clock = ContinuousClock()
var seconds: [Double] = []
for step in 0..<(warmup + steps) {
    let elapsed = clock.measure {
        if let teacher {
            _ = teacher.forward(images, mode: .evaluation)
        }
        optimizer.zeroGradients()
        let logits = network.forward(images, mode: .training)
        let (_, gradient) = CrossEntropy.lossAndGradient(logits: logits, labels: labels)
        network.backward(gradient)
        optimizer.step()
    }
    if step >= warmup {
        seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
}
seconds.sort()
let median = seconds[seconds.count / 2]
// A training step costs about three forward passes: forward, input gradient, weight gradient.
let forwardMultiplyAccumulates = 3 * network.multiplyAccumulatesPerImage + (teacher?.multiplyAccumulatesPerImage ?? 0)
let flopsPerStep = 2.0 * Double(forwardMultiplyAccumulates) * Double(batch)
let result: [String: Any] = [
    "model": teacherName.isEmpty ? modelName : "\(teacherName)->\(modelName)", "batch": batch, "threads": threads, "steps": steps,
    "median_step_seconds": median,
    "images_per_second": Double(batch) / median,
    "effective_gflops": flopsPerStep / median / 1e9,
    "peak_rss_mb": peakResidentMegabytes(),
    "openblas_core": BLAS.coreName,
]
let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
