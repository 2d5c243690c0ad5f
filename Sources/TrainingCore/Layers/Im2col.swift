/// Geometry of a 2-D convolution over one image, and the im2col / col2im transforms.
///
/// im2col turns an input `[C, H, W]` into a matrix `[K, Ho * Wo]` with `K = C * KH * KW`:
/// row `(c * KH + kh) * KW + kw`, column `oh * Wo + ow` contains
/// `input[c, oh * stride - padding + kh, ow * stride - padding + kw]`, or 0 in the padding.
/// A convolution is then `weight[O, K] x columns[K, Ho * Wo]`.
struct ConvolutionGeometry: Equatable {
    let channels: Int
    let height: Int
    let width: Int
    let kernelHeight: Int
    let kernelWidth: Int
    let stride: Int
    let padding: Int

    var outputHeight: Int { (height + 2 * padding - kernelHeight) / stride + 1 }
    var outputWidth: Int { (width + 2 * padding - kernelWidth) / stride + 1 }
    var rows: Int { channels * kernelHeight * kernelWidth }
    var columns: Int { outputHeight * outputWidth }
    var inputCount: Int { channels * height * width }

    /// Writes the `[K, Ho * Wo]` matrix of one image into `columnsOut`.
    func im2col(_ image: UnsafePointer<Float>, into columnsOut: UnsafeMutablePointer<Float>) {
        let outputHeight = self.outputHeight, outputWidth = self.outputWidth
        var row = 0
        for channel in 0..<channels {
            let plane = image + channel * height * width
            for kernelRow in 0..<kernelHeight {
                for kernelColumn in 0..<kernelWidth {
                    let target = columnsOut + row * outputHeight * outputWidth
                    for outputRow in 0..<outputHeight {
                        let inputRow = outputRow * stride - padding + kernelRow
                        let targetRow = target + outputRow * outputWidth
                        if inputRow < 0 || inputRow >= height {
                            targetRow.update(repeating: 0, count: outputWidth)
                            continue
                        }
                        let sourceRow = plane + inputRow * width
                        for outputColumn in 0..<outputWidth {
                            let inputColumn = outputColumn * stride - padding + kernelColumn
                            targetRow[outputColumn] = (inputColumn >= 0 && inputColumn < width)
                                ? sourceRow[inputColumn] : 0
                        }
                    }
                    row += 1
                }
            }
        }
    }

    /// Adds the `[K, Ho * Wo]` matrix back into an image `[C, H, W]` (the adjoint of im2col).
    /// `image` must be zeroed first when it should hold only this gradient.
    func col2im(_ columnsIn: UnsafePointer<Float>, addingInto image: UnsafeMutablePointer<Float>) {
        let outputHeight = self.outputHeight, outputWidth = self.outputWidth
        var row = 0
        for channel in 0..<channels {
            let plane = image + channel * height * width
            for kernelRow in 0..<kernelHeight {
                for kernelColumn in 0..<kernelWidth {
                    let source = columnsIn + row * outputHeight * outputWidth
                    for outputRow in 0..<outputHeight {
                        let inputRow = outputRow * stride - padding + kernelRow
                        if inputRow < 0 || inputRow >= height { continue }
                        let sourceRow = source + outputRow * outputWidth
                        let targetRow = plane + inputRow * width
                        for outputColumn in 0..<outputWidth {
                            let inputColumn = outputColumn * stride - padding + kernelColumn
                            if inputColumn >= 0 && inputColumn < width {
                                targetRow[inputColumn] += sourceRow[outputColumn]
                            }
                        }
                    }
                    row += 1
                }
            }
        }
    }
}
