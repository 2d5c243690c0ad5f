/// Geometry of a 2-D convolution over one image, and the im2col / col2im transforms.
///
/// im2col turns an input `[C, H, W]` into a matrix `[K, Ho * Wo]` with `K = C * KH * KW`:
/// row `(c * KH + kh) * KW + kw`, column `oh * Wo + ow` contains
/// `input[c, oh * stride - padding + kh, ow * stride - padding + kw]`, or 0 in the padding.
/// A convolution is then `weight[O, K] x columns[K, Ho * Wo]`.
///
/// The matrix may be one block of a wider one: `rowStride` is the distance between its rows,
/// so several images can sit side by side in `[K, G * Ho * Wo]` for one sgemm.
/// `im2col` and `col2im` compute each output row's valid column range once and copy or add
/// whole runs; `im2colReference` and `col2imReference` test every element on its own and
/// are their oracles (bitwise equal, because col2im adds in the same order).
public struct ConvolutionGeometry: Equatable, Sendable {
    public let channels: Int
    public let height: Int
    public let width: Int
    public let kernelHeight: Int
    public let kernelWidth: Int
    public let stride: Int
    public let padding: Int

    public init(channels: Int, height: Int, width: Int, kernelHeight: Int, kernelWidth: Int,
                stride: Int, padding: Int) {
        precondition(channels > 0 && height > 0 && width > 0 && kernelHeight > 0 && kernelWidth > 0
                     && stride > 0 && padding >= 0,
                     "invalid convolution geometry: [\(channels), \(height), \(width)], kernel "
                     + "\(kernelHeight)x\(kernelWidth), stride \(stride), padding \(padding)")
        self.channels = channels
        self.height = height
        self.width = width
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.stride = stride
        self.padding = padding
    }

    public var outputHeight: Int { (height + 2 * padding - kernelHeight) / stride + 1 }
    public var outputWidth: Int { (width + 2 * padding - kernelWidth) / stride + 1 }
    public var rows: Int { channels * kernelHeight * kernelWidth }
    public var columns: Int { outputHeight * outputWidth }
    public var inputCount: Int { channels * height * width }

    /// The output positions `lower..<upper` of one row whose input column
    /// `position * stride - padding + offset` lies inside the image.
    func validRange(offset: Int, outputCount: Int, inputCount: Int) -> Range<Int> {
        let shift = padding - offset
        // Smallest position with position * stride >= shift, and one past the largest with
        // position * stride <= inputCount - 1 + shift.
        let lower = shift <= 0 ? 0 : (shift + stride - 1) / stride
        let last = inputCount - 1 + shift
        let upper = last < 0 ? 0 : last / stride + 1
        let clampedLower = min(lower, outputCount)
        return clampedLower..<max(clampedLower, min(upper, outputCount))
    }

    /// Writes the `[K, Ho * Wo]` matrix of one image into `columnsOut`, whose rows are
    /// `rowStride` floats apart.
    func im2col(_ image: UnsafePointer<Float>, into columnsOut: UnsafeMutablePointer<Float>, rowStride: Int) {
        if stride == 1 && outputWidth == width {
            im2colSameWidth(image, into: columnsOut, rowStride: rowStride)
            return
        }
        let outputHeight = self.outputHeight, outputWidth = self.outputWidth
        let stride = self.stride, padding = self.padding, width = self.width
        var row = 0
        for channel in 0..<channels {
            let plane = image + channel * height * width
            for kernelRow in 0..<kernelHeight {
                let validRows = validRange(offset: kernelRow, outputCount: outputHeight, inputCount: height)
                for kernelColumn in 0..<kernelWidth {
                    let validColumns = validRange(offset: kernelColumn, outputCount: outputWidth, inputCount: width)
                    let target = columnsOut + row * rowStride
                    for outputRow in 0..<outputHeight {
                        let targetRow = target + outputRow * outputWidth
                        guard validRows.contains(outputRow), !validColumns.isEmpty else {
                            targetRow.update(repeating: 0, count: outputWidth)
                            continue
                        }
                        let sourceRow = plane + (outputRow * stride - padding + kernelRow) * width
                            + kernelColumn - padding
                        targetRow.update(repeating: 0, count: validColumns.lowerBound)
                        if stride == 1 {
                            (targetRow + validColumns.lowerBound).update(
                                from: sourceRow + validColumns.lowerBound, count: validColumns.count)
                        } else {
                            for outputColumn in validColumns {
                                targetRow[outputColumn] = sourceRow[outputColumn * stride]
                            }
                        }
                        (targetRow + validColumns.upperBound).update(
                            repeating: 0, count: outputWidth - validColumns.upperBound)
                    }
                    row += 1
                }
            }
        }
    }

    /// Writes the matrix like `im2col` when the stride is 1 and output rows are as wide as input
    /// rows (a 3x3 kernel with padding 1, a 1x1 kernel without padding). Then each matrix row's
    /// valid part is one run of the input plane, shifted, so it is copied in one piece and the
    /// few elements that fall into the left or right padding are zeroed afterwards.
    private func im2colSameWidth(_ image: UnsafePointer<Float>, into columnsOut: UnsafeMutablePointer<Float>,
                                 rowStride: Int) {
        let count = outputHeight * width
        var row = 0
        for channel in 0..<channels {
            let plane = image + channel * height * width
            for kernelRow in 0..<kernelHeight {
                for kernelColumn in 0..<kernelWidth {
                    let target = columnsOut + row * rowStride
                    row += 1
                    guard let run = sameWidthRun(kernelRow: kernelRow, kernelColumn: kernelColumn) else {
                        target.update(repeating: 0, count: count)
                        continue
                    }
                    target.update(repeating: 0, count: run.first)
                    (target + run.first).update(from: plane + run.first + run.shift, count: run.end - run.first)
                    (target + run.end).update(repeating: 0, count: count - run.end)

                    // Inside the run, a row's left and right padding picked up the neighbouring rows.
                    zeroPaddingInsideRun(target, run)
                }
            }
        }
    }

    /// Adds the `[K, Ho * Wo]` matrix (rows `rowStride` floats apart) back into an image
    /// `[C, H, W]`: the adjoint of im2col. `image` must be zeroed first when it should hold
    /// only this gradient.
    func col2im(_ columnsIn: UnsafePointer<Float>, rowStride: Int, addingInto image: UnsafeMutablePointer<Float>) {
        let outputHeight = self.outputHeight, outputWidth = self.outputWidth
        let stride = self.stride, padding = self.padding, width = self.width
        var row = 0
        for channel in 0..<channels {
            let plane = image + channel * height * width
            for kernelRow in 0..<kernelHeight {
                let validRows = validRange(offset: kernelRow, outputCount: outputHeight, inputCount: height)
                for kernelColumn in 0..<kernelWidth {
                    let validColumns = validRange(offset: kernelColumn, outputCount: outputWidth, inputCount: width)
                    let source = columnsIn + row * rowStride
                    row += 1
                    for outputRow in validRows {
                        let sourceRow = source + outputRow * outputWidth
                        let targetRow = plane + (outputRow * stride - padding + kernelRow) * width
                            + kernelColumn - padding
                        if stride == 1 {
                            for outputColumn in validColumns {
                                targetRow[outputColumn] += sourceRow[outputColumn]
                            }
                        } else {
                            for outputColumn in validColumns {
                                targetRow[outputColumn * stride] += sourceRow[outputColumn]
                            }
                        }
                    }
                }
            }
        }
    }

    /// The part of matrix row `(kernelRow, kernelColumn)` that the one-run paths copy or add,
    /// when the stride is 1 and output rows are as wide as input rows: output positions
    /// `first..<end` of a plane, flattened, which read input positions `position + shift`.
    private struct SameWidthRun {
        let validRows: Range<Int>
        let validColumns: Range<Int>
        let shift: Int
        let first: Int
        let end: Int
    }

    /// Returns the run of one matrix row, or nil when no output position of the row is valid.
    private func sameWidthRun(kernelRow: Int, kernelColumn: Int) -> SameWidthRun? {
        let validRows = validRange(offset: kernelRow, outputCount: outputHeight, inputCount: height)
        let validColumns = validRange(offset: kernelColumn, outputCount: width, inputCount: width)
        if validRows.isEmpty || validColumns.isEmpty {
            return nil
        }
        return SameWidthRun(
            validRows: validRows, validColumns: validColumns,
            shift: (kernelRow - padding) * width + kernelColumn - padding,
            first: validRows.lowerBound * width + validColumns.lowerBound,
            end: (validRows.upperBound - 1) * width + validColumns.upperBound)
    }

    /// Zeroes the entries of one matrix row that lie in the left or right padding between the
    /// run's first and last valid entries. Column by column, because a loop along each output
    /// row became a `memset` call per row, mostly for one float.
    private func zeroPaddingInsideRun(_ matrixRow: UnsafeMutablePointer<Float>, _ run: SameWidthRun) {
        let width = self.width, validRows = run.validRows
        for column in 0..<run.validColumns.lowerBound {
            for outputRow in (validRows.lowerBound + 1)..<validRows.upperBound {
                matrixRow[outputRow * width + column] = 0
            }
        }
        for column in run.validColumns.upperBound..<width {
            for outputRow in validRows.lowerBound..<(validRows.upperBound - 1) {
                matrixRow[outputRow * width + column] = 0
            }
        }
    }

    /// Writes col2im of the matrix into `image`: the result of zeroing the image and calling
    /// `col2im(_:rowStride:addingInto:)`, bit for bit, without the zeroing pass where the
    /// one-run path applies. That path may overwrite padding entries of the matrix with zeros.
    func col2im(_ columnsIn: UnsafeMutablePointer<Float>, rowStride: Int, into image: UnsafeMutablePointer<Float>) {
        if stride == 1 && outputWidth == width {
            col2imSameWidth(columnsIn, rowStride: rowStride, into: image)
            return
        }
        image.update(repeating: 0, count: inputCount)
        col2im(columnsIn, rowStride: rowStride, addingInto: image)
    }

    /// Writes col2im like `col2im(_:rowStride:into:)` when the stride is 1 and output rows are
    /// as wide as input rows. Each channel's first matrix row with valid entries is written as
    /// `0 + value` and the rest of the plane zeroed, which equals zeroing and adding. Each later
    /// row's valid part is added as one run after its padding entries inside the run are zeroed.
    /// Adding +0 changes no float but -0, and a plane built this way never contains -0 (a sum that
    /// starts at +0 never becomes -0), so the result is bitwise that of zeroing and adding.
    private func col2imSameWidth(_ columnsIn: UnsafeMutablePointer<Float>, rowStride: Int,
                                 into image: UnsafeMutablePointer<Float>) {
        let planeCount = height * width
        var row = 0
        for channel in 0..<channels {
            let plane = image + channel * planeCount
            var planeWritten = false
            for kernelRow in 0..<kernelHeight {
                for kernelColumn in 0..<kernelWidth {
                    let source = columnsIn + row * rowStride
                    row += 1
                    guard let run = sameWidthRun(kernelRow: kernelRow, kernelColumn: kernelColumn) else {
                        continue
                    }
                    zeroPaddingInsideRun(source, run)

                    let target = plane + run.shift
                    if planeWritten {
                        for position in run.first..<run.end {
                            target[position] += source[position]
                        }
                    } else {
                        plane.update(repeating: 0, count: run.first + run.shift)
                        for position in run.first..<run.end {
                            target[position] = 0 + source[position]
                        }
                        (plane + run.end + run.shift).update(repeating: 0, count: planeCount - run.end - run.shift)
                        planeWritten = true
                    }
                }
            }
            if !planeWritten {
                plane.update(repeating: 0, count: planeCount)
            }
        }
    }

    /// The oracle of `im2col`: one bounds test per element, dense rows.
    func im2colReference(_ image: UnsafePointer<Float>, into columnsOut: UnsafeMutablePointer<Float>) {
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

    /// The oracle of `col2im`: one bounds test per element, dense rows, the same order of sums.
    func col2imReference(_ columnsIn: UnsafePointer<Float>, addingInto image: UnsafeMutablePointer<Float>) {
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

extension ConvolutionGeometry {
    /// The im2col matrix `[K, Ho * Wo]` of one image `[C, H, W]`, by the fast kernel or by
    /// its oracle; array entry points for tests.
    public func columnMatrix(of image: [Float], reference: Bool) -> [Float] {
        precondition(image.count == inputCount, "image has \(image.count) scalars, expected \(inputCount)")
        var result = [Float](repeating: .nan, count: rows * columns)
        image.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                if reference {
                    im2colReference(source.baseAddress!, into: target.baseAddress!)
                } else {
                    im2col(source.baseAddress!, into: target.baseAddress!, rowStride: columns)
                }
            }
        }
        return result
    }

    /// col2im of a `[K, Ho * Wo]` matrix into a new image: by the fast kernel that writes
    /// (into an image of NaN, so that a missed element shows), or by its oracle on zeros.
    public func imageOfColumnMatrix(_ matrix: [Float], reference: Bool) -> [Float] {
        let image = [Float](repeating: reference ? 0 : .nan, count: inputCount)
        return applyingColumnMatrix(matrix, to: image, reference: reference, writing: !reference)
    }

    /// `image` plus col2im of a `[K, Ho * Wo]` matrix, by the fast kernel or by its oracle.
    public func addingColumnMatrix(_ matrix: [Float], to image: [Float], reference: Bool) -> [Float] {
        precondition(image.count == inputCount, "image has \(image.count) scalars, expected \(inputCount)")
        return applyingColumnMatrix(matrix, to: image, reference: reference, writing: false)
    }

    /// Runs col2im on copies of the matrix and the image: the oracle, the fast kernel that
    /// adds, or the one that writes.
    private func applyingColumnMatrix(_ matrix: [Float], to image: [Float], reference: Bool,
                                      writing: Bool) -> [Float] {
        precondition(matrix.count == rows * columns, "matrix has \(matrix.count) scalars, expected \(rows * columns)")
        var result = image
        var scratch = matrix
        scratch.withUnsafeMutableBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                if reference {
                    col2imReference(source.baseAddress!, addingInto: target.baseAddress!)
                } else if writing {
                    col2im(source.baseAddress!, rowStride: columns, into: target.baseAddress!)
                } else {
                    col2im(source.baseAddress!, rowStride: columns, addingInto: target.baseAddress!)
                }
            }
        }
        return result
    }
}
