import Plotting
import Statistics

/// One chart of the report: its PNG bytes, the file it is written to, and the texts that
/// describe it on the page.
struct ReportChart {
    let fileName: String
    let title: String
    /// A description of what the chart shows, with its key numbers, for the img alt attribute.
    let altText: String
    /// A note under the chart; plain text.
    let caption: String
    let png: [UInt8]

    /// Renders `chart`, turning a Plotting error into a `ReportError` that names the file.
    static func render(
        _ chart: some Chart, fileName: String, altText: String, caption: String, metadata: ChartMetadata
    ) throws -> ReportChart {
        do {
            let png = try chart.renderPNG(style: .standard, metadata: metadata)
            return ReportChart(fileName: fileName, title: chart.title, altText: altText, caption: caption, png: png)
        } catch let error as PlottingError {
            throw ReportError.chartFailed(file: fileName, message: error.description)
        }
    }
}

/// Means with 95 % t intervals as the charts need them.
enum ChartMath {
    /// Computes the mean and t interval of `values`. A single value is its own bounds.
    static func meanInterval(_ values: [Double]) -> (mean: Double, lower: Double, upper: Double)? {
        guard let sample = try? Sample(values) else { return nil }
        guard sample.count >= 2, let estimate = try? sample.meanInterval() else {
            return (sample.mean, sample.mean, sample.mean)
        }
        return (estimate.value, estimate.interval.lower, estimate.interval.upper)
    }

    /// Turns a label into a file-name fragment of lowercase letters and digits. Every other
    /// run of characters becomes one hyphen.
    static func slug(_ text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                result.append(character)
            } else if !result.isEmpty && result.last != "-" {
                result.append("-")
            }
        }
        while result.last == "-" {
            result.removeLast()
        }
        return result
    }
}
