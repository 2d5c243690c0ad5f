import Foundation
import Plotting

/// Fixed chart inputs shaped like real results, computed from closed formulas so every run
/// draws the same image. The numbers are illustrations, not measurements.
enum SampleCharts {
    static let metadata = ChartMetadata(software: "atsbench 0.1.0-test",
                                        specHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")

    /// Three groups over 60 epochs. The third group's runs end at epochs 60, 50 and 40, so
    /// its run count falls from 5 to 3 to 2.
    static var learningCurves: LearningCurveChart {
        let groups: [(name: String, plateau: Double, runCount: (Int) -> Int)] = [
            ("ResNet14 → VGG8, TS", 0.71, { _ in 5 }),
            ("ResNet110 → VGG8, TS", 0.69, { _ in 5 }),
            ("ResNet110 → VGG8, ATS", 0.73, shrinkingRunCount),
        ]
        let series = groups.map { group in
            LearningCurveSeries(name: group.name, points: (1...60).map { epoch in
                let t = Double(epoch)
                let mean = group.plateau - 0.55 * exp(-t / 12) + 0.004 * sin(t * 0.9)
                let runCount = group.runCount(epoch)
                let halfWidth = 0.012 + 0.02 / Double(runCount) + 0.03 * exp(-t / 20)
                return LearningCurvePoint(epoch: t, mean: mean, lower: mean - halfWidth, upper: mean + halfWidth,
                                          runCount: runCount)
            })
        }
        return LearningCurveChart(title: "Student test accuracy during distillation", yLabel: "test accuracy",
                                  series: series)
    }

    private static func shrinkingRunCount(epoch: Int) -> Int {
        if epoch <= 40 { return 5 }
        if epoch <= 50 { return 3 }
        return 2
    }

    static var dotPlot: DotPlotChart {
        let offsets = [-0.0061, 0.0032, 0.0008, -0.0017, 0.0049]
        let groups = [("ResNet14 TS", 0.712), ("ResNet110 TS", 0.694), ("ResNet110 ATS", 0.731), ("WRN28-8 ATS", 0.726)]
            .map { name, center in
                let values = offsets.map { center + $0 }
                let mean = values.reduce(0, +) / Double(values.count)
                return DotPlotGroup(name: name, values: values, mean: mean, lower: mean - 0.0052, upper: mean + 0.0052)
            }
        return DotPlotChart(title: "Final student accuracy per configuration", yLabel: "final test accuracy",
                            groups: groups)
    }

    static var bars: BarChart {
        let bars = [("ResNet14 TS", 0.712, 0.006), ("ResNet110 TS", 0.694, 0.008),
                    ("ResNet110 ATS", 0.731, 0.005), ("WRN28-8 ATS", 0.726, 0.007)]
            .map { BarChartBar(name: $0.0, value: $0.1, lower: $0.1 - $0.2, upper: $0.1 + $0.2) }
        return BarChart(title: "Mean final accuracy with 95 % intervals", yLabel: "final test accuracy", bars: bars)
    }

    /// The tp_tau 1...6 x t_tau 1...5 grid; the cell tp_tau 1, t_tau 5 is left out as not run.
    static var heatMap: HeatMapChart {
        let cells: [[HeatMapCell?]] = (1...6).map { tp in
            (1...5).map { t in
                if tp == 1 && t == 5 { return nil }
                let value = 0.70 + 0.006 * Double(tp) - 0.004 * abs(Double(t) - 2.2) + 0.001 * Double(tp * t % 3)
                return HeatMapCell(value: value, lower: value - 0.004, upper: value + 0.005)
            }
        }
        return HeatMapChart(title: "ATS student accuracy over the temperature grid", rowLabel: "tp_tau",
                            columnLabel: "t_tau", valueLabel: "mean final accuracy",
                            rowNames: (1...6).map(String.init), columnNames: (1...5).map(String.init),
                            cells: cells, fractionDigits: 3)
    }

    static var discriminability: DiscriminabilityChart {
        let temperatures: [Double] = [1, 2, 3, 4, 5, 6, 8, 10]
        let panels = [("ResNet14, TS", 1.0), ("ResNet110, TS", 1.6), ("ResNet110, ATS", 1.15)].map { title, sharpness in
            TemperaturePanel(title: title, temperatures: temperatures,
                             derivedAverage: temperatures.map { 0.0101 - 0.004 * exp(-$0 / (2 * sharpness)) },
                             derivedSigma: temperatures.map { 0.003 * sharpness * exp(-$0 / 4) + 0.0004 * $0 / sharpness })
        }
        return DiscriminabilityChart(title: "Class discriminability of the teachers", panels: panels)
    }

    /// Two series of 400 values, normal-like through a Box-Muller map of two golden-ratio sequences.
    static var histogram: HistogramChart {
        func values(center: Double, spread: Double, count: Int) -> [Double] {
            (1...count).map { index in
                let u = (Double(index) * 0.618_033_988_749_895).truncatingRemainder(dividingBy: 1)
                let v = (Double(index) * 0.754_877_666_246_693).truncatingRemainder(dividingBy: 1)
                let normal = sqrt(-2 * log(max(u, 1e-9))) * cos(2 * Double.pi * v)
                return max(0, center + spread * normal)
            }
        }
        return HistogramChart(title: "Per-sample wrong-class sigma at τ = 4", xLabel: "wrong-class sigma σ(q)",
                              series: [
                                  HistogramSeries(name: "ResNet14", values: values(center: 0.0032, spread: 0.0008, count: 400)),
                                  HistogramSeries(name: "ResNet110", values: values(center: 0.0021, spread: 0.0006, count: 400)),
                              ])
    }
}
