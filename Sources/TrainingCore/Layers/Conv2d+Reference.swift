/// Direct-loop convolution, the oracle of `Conv2d`'s chunked im2col + sgemm: no im2col, no
/// BLAS, every sum in double in index order. Slow on purpose; tests only.
extension Conv2d {
    /// `y[n, o, oh, ow] = bias[o] + sum_{c, kh, kw} weight[o, c, kh, kw] * x[n, c, ih, iw]`
    /// with `ih = oh * stride - padding + kh`, `iw = ow * stride - padding + kw`.
    /// Shapes: input `[N, C, H, W]`, weight `[O, C, KH, KW]`, bias `[O]` or nil.
    public static func referenceForward(input: Tensor, weight: Tensor, bias: Tensor?,
                                        stride: Int, padding: Int) -> Tensor {
        let geometry = referenceGeometry(input: input, weight: weight, stride: stride, padding: padding)
        let batch = input.shape[0], outChannels = weight.shape[0]
        var output = Tensor(zeros: [batch, outChannels, geometry.outputHeight, geometry.outputWidth])
        for image in 0..<batch {
            for channel in 0..<outChannels {
                for position in 0..<geometry.columns {
                    var sum = Double(bias?.scalars[channel] ?? 0)
                    forEachTap(geometry, image: image, outChannel: channel, position: position) { inputIndex, weightIndex in
                        sum += Double(weight.scalars[weightIndex]) * Double(input.scalars[inputIndex])
                    }
                    output.scalars[(image * outChannels + channel) * geometry.columns + position] = Float(sum)
                }
            }
        }
        return output
    }

    /// Computes the gradients of `referenceForward` for an output gradient `dy` `[N, O, Ho, Wo]`:
    /// input `[N, C, H, W]`, weight `[O, C, KH, KW]` and bias `[O]`.
    public static func referenceGradients(input: Tensor, weight: Tensor, outputGradient: Tensor,
                                          stride: Int, padding: Int)
        -> (input: Tensor, weight: Tensor, bias: Tensor) {
        let geometry = referenceGeometry(input: input, weight: weight, stride: stride, padding: padding)
        let batch = input.shape[0], outChannels = weight.shape[0]
        var inputGradient = [Double](repeating: 0, count: input.count)
        var weightGradient = [Double](repeating: 0, count: weight.count)
        var biasGradient = [Double](repeating: 0, count: outChannels)
        for image in 0..<batch {
            for channel in 0..<outChannels {
                for position in 0..<geometry.columns {
                    let gradient = Double(outputGradient.scalars[(image * outChannels + channel) * geometry.columns
                                                                 + position])
                    biasGradient[channel] += gradient
                    forEachTap(geometry, image: image, outChannel: channel, position: position) { inputIndex, weightIndex in
                        inputGradient[inputIndex] += gradient * Double(weight.scalars[weightIndex])
                        weightGradient[weightIndex] += gradient * Double(input.scalars[inputIndex])
                    }
                }
            }
        }
        return (Tensor(shape: input.shape, scalars: inputGradient.map { Float($0) }),
                Tensor(shape: weight.shape, scalars: weightGradient.map { Float($0) }),
                Tensor(shape: [outChannels], scalars: biasGradient.map { Float($0) }))
    }

    private static func referenceGeometry(input: Tensor, weight: Tensor, stride: Int, padding: Int)
        -> ConvolutionGeometry {
        precondition(input.rank == 4 && weight.rank == 4 && input.shape[1] == weight.shape[1],
                     "reference convolution: input \(input.shape) does not match weight \(weight.shape)")
        return ConvolutionGeometry(channels: input.shape[1], height: input.shape[2], width: input.shape[3],
                                   kernelHeight: weight.shape[2], kernelWidth: weight.shape[3],
                                   stride: stride, padding: padding)
    }

    /// Calls `body(inputIndex, weightIndex)` for every in-image tap of one output element.
    private static func forEachTap(_ geometry: ConvolutionGeometry, image: Int, outChannel: Int, position: Int,
                                   _ body: (Int, Int) -> Void) {
        let outputRow = position / geometry.outputWidth, outputColumn = position % geometry.outputWidth
        for channel in 0..<geometry.channels {
            for kernelRow in 0..<geometry.kernelHeight {
                let inputRow = outputRow * geometry.stride - geometry.padding + kernelRow
                guard inputRow >= 0 && inputRow < geometry.height else { continue }
                for kernelColumn in 0..<geometry.kernelWidth {
                    let inputColumn = outputColumn * geometry.stride - geometry.padding + kernelColumn
                    guard inputColumn >= 0 && inputColumn < geometry.width else { continue }
                    let inputIndex = ((image * geometry.channels + channel) * geometry.height + inputRow)
                        * geometry.width + inputColumn
                    let weightIndex = ((outChannel * geometry.channels + channel) * geometry.kernelHeight + kernelRow)
                        * geometry.kernelWidth + kernelColumn
                    body(inputIndex, weightIndex)
                }
            }
        }
    }
}
