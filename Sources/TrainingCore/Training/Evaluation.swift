/// Batched inference in eval mode.
public enum Evaluation {
    /// Logits `[N, L]` of images `[N, C, H, W]`, computed `batchSize` images at a time.
    /// Eval mode treats every image on its own, so the batch size does not change the result.
    public static func logits(of network: Network, images: Tensor, batchSize: Int) -> Tensor {
        precondition(images.rank == 4 && batchSize >= 1, "images must be [N, C, H, W]; batch size >= 1")
        let count = images.shape[0]
        let imageSize = images.count / max(1, count)
        var scalars: [Float] = []
        scalars.reserveCapacity(count * network.configuration.classes)
        var start = 0
        while start < count {
            let end = min(count, start + batchSize)
            let batch = Tensor(shape: [end - start] + images.shape.dropFirst(),
                               scalars: Array(images.scalars[(start * imageSize)..<(end * imageSize)]))
            scalars += network.forward(batch, mode: .evaluation).scalars
            start = end
        }
        return Tensor(shape: [count, network.configuration.classes], scalars: scalars)
    }
}
