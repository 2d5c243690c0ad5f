/// Final student accuracy over the ATS temperatures tp_tau x t_tau of one teacher, when its
/// students were trained at more than one pair of temperatures.
struct TemperatureGrid {
    struct Cell {
        /// Mean final accuracy in percent, with its 95 % t interval (equal bounds for one run).
        let mean: Double
        let lower: Double
        let upper: Double
        let runCount: Int
    }

    let teacher: ReportTeacher
    /// tp_tau values in increasing order, one per row.
    let tpTaus: [Double]
    /// t_tau values in increasing order, one per column.
    let tTaus: [Double]
    /// `cells[row][column]`; nil where no run finished.
    let cells: [[Cell?]]

    /// Builds the grid of every teacher with finished ATS students at two or more
    /// temperature pairs.
    static func grids(teachers: [ReportTeacher], configurations: [Configuration]) -> [TemperatureGrid] {
        teachers.compactMap { teacher in
            let ats = configurations.filter {
                $0.role == .student && $0.teacherLabel == teacher.label && $0.method == .asymmetricTemperatureScaling
                    && $0.tpTau != nil && $0.tTau != nil && !$0.finishedRuns.isEmpty
            }
            guard ats.count >= 2 else { return nil }

            let tpTaus = Set(ats.compactMap(\.tpTau)).sorted()
            let tTaus = Set(ats.compactMap(\.tTau)).sorted()
            let cells = tpTaus.map { tp in
                tTaus.map { t -> Cell? in
                    guard let configuration = ats.first(where: { $0.tpTau == tp && $0.tTau == t }) else { return nil }
                    let values = configuration.finishedRuns.compactMap(\.finalTestAccuracy).map { $0 * 100 }
                    guard let summary = ChartMath.meanInterval(values) else { return nil }
                    return Cell(mean: summary.mean, lower: summary.lower, upper: summary.upper, runCount: values.count)
                }
            }
            return TemperatureGrid(teacher: teacher, tpTaus: tpTaus, tTaus: tTaus, cells: cells)
        }
    }
}
