/// Cuts a data set into normalised, optionally shuffled and augmented float batches.
///
/// Randomness comes from two seeds, each expanded per epoch into its own stream:
/// `order` (the shuffle, `"order.epoch<E>"`) and `augment` (crops and flips,
/// `"augment.epoch<E>"`). An image's crop and flip depend on the augment seed, the epoch and
/// the image's index in the data set only, not on the shuffle, the batch size or the number
/// of threads, so each source of randomness can be varied alone.
public struct BatchLoader: Sendable {
    /// One batch: `images` is `[N, C, H, W]`, `labels[n]` is the class of image `n`, and
    /// `indices[n]` is that image's index in the data set.
    public struct Batch: Sendable, Equatable {
        public let images: Tensor
        public let labels: [Int]
        public let indices: [Int]
    }

    public let dataset: Dataset
    public let batchSize: Int
    public let normalization: Normalization
    public let augmentation: Augmentation
    public let shuffles: Bool
    /// Whether a last batch smaller than `batchSize` is left out.
    public let dropsLast: Bool
    public let orderSeed: UInt64
    public let augmentSeed: UInt64
    private let lookupTables: [[Float]]

    public init(
        dataset: Dataset, batchSize: Int, normalization: Normalization,
        augmentation: Augmentation = .none, shuffles: Bool = false,
        orderSeed: UInt64 = 0, augmentSeed: UInt64 = 0, dropsLast: Bool = false
    ) {
        precondition(batchSize > 0, "batch size must be positive, got \(batchSize)")
        precondition(normalization.channels == dataset.channels,
                     "normalisation has \(normalization.channels) channels, images have \(dataset.channels)")
        self.dataset = dataset
        self.batchSize = batchSize
        self.normalization = normalization
        self.augmentation = augmentation
        self.shuffles = shuffles
        self.dropsLast = dropsLast
        self.orderSeed = orderSeed
        self.augmentSeed = augmentSeed
        self.lookupTables = normalization.lookupTables()
    }

    public var batchCount: Int {
        dropsLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize
    }

    /// The order in which `epoch` visits the images: a seeded permutation, or file order
    /// when the loader does not shuffle.
    public func order(epoch: Int) -> [Int] {
        guard shuffles else { return Array(0..<dataset.count) }
        var generator = SeededGenerator(seed: orderSeed, stream: "order.epoch\(epoch)")
        return generator.permutation(of: dataset.count)
    }

    /// The batches of `epoch`, built one at a time as the sequence is iterated. `executor`
    /// spreads the images of a batch over threads; the result is the same with any count.
    public func epoch(_ epoch: Int, executor: Executor? = nil) -> Epoch {
        let placements: [Augmentation.Placement]?
        if augmentation.isIdentity {
            placements = nil
        } else {
            var generator = SeededGenerator(seed: augmentSeed, stream: "augment.epoch\(epoch)")
            placements = (0..<dataset.count).map { _ in augmentation.drawPlacement(&generator) }
        }
        return Epoch(loader: self, order: order(epoch: epoch), placements: placements, executor: executor)
    }

    /// The batches of one epoch; `placements[i]` is the crop and flip of data set image `i`.
    public struct Epoch: Sequence, Sendable {
        let loader: BatchLoader
        let order: [Int]
        let placements: [Augmentation.Placement]?
        let executor: Executor?

        public var count: Int { loader.batchCount }

        public subscript(batchIndex: Int) -> Batch {
            precondition(batchIndex >= 0 && batchIndex < count, "batch \(batchIndex) out of range 0..<\(count)")
            let start = batchIndex * loader.batchSize
            let end = Swift.min(start + loader.batchSize, order.count)
            return loader.assemble(Array(order[start..<end]), placements: placements, executor: executor)
        }

        public func makeIterator() -> AnyIterator<Batch> {
            var next = 0
            return AnyIterator {
                guard next < count else { return nil }
                defer { next += 1 }
                return self[next]
            }
        }
    }

    private func assemble(_ indices: [Int], placements: [Augmentation.Placement]?, executor: Executor?) -> Batch {
        let imageSize = dataset.imageSize
        var scalars = [Float](repeating: 0, count: indices.count * imageSize)
        scalars.withUnsafeMutableBufferPointer { scalarBuffer in
            let output = scalarBuffer
            dataset.pixels.withUnsafeBufferPointer { pixels in
                // One chunk per image, and each chunk writes only its own image.
                let fill = { (position: Int, _: Int) in
                    let index = indices[position]
                    let source = UnsafeBufferPointer(rebasing: pixels[(index * imageSize)..<((index + 1) * imageSize)])
                    let target = UnsafeMutableBufferPointer(
                        rebasing: output[(position * imageSize)..<((position + 1) * imageSize)])
                    writeImage(source, into: target, placement: placements?[index])
                }
                if let executor {
                    executor.forEachChunk(indices.count, fill)
                } else {
                    for position in indices.indices {
                        fill(position, 0)
                    }
                }
            }
        }
        let shape = [indices.count, dataset.channels, dataset.height, dataset.width]
        return Batch(
            images: Tensor(shape: shape, scalars: scalars),
            labels: indices.map { dataset.labels[$0] }, indices: indices)
    }

    /// Writes one normalised image `[C, H, W]`, cropped from the zero-padded source and
    /// flipped as `placement` specifies. Padding is pixel value 0 before normalisation, as
    /// torchvision pads the image before `ToTensor` and `Normalize`.
    private func writeImage(
        _ source: UnsafeBufferPointer<UInt8>, into target: UnsafeMutableBufferPointer<Float>,
        placement: Augmentation.Placement?
    ) {
        let height = dataset.height
        let width = dataset.width
        guard let placement else {
            for channel in 0..<dataset.channels {
                let table = lookupTables[channel]
                for offset in (channel * height * width)..<((channel + 1) * height * width) {
                    target[offset] = table[Int(source[offset])]
                }
            }
            return
        }

        let rowShift = placement.rowOffset - augmentation.padding
        let columnShift = placement.columnOffset - augmentation.padding
        for channel in 0..<dataset.channels {
            let table = lookupTables[channel]
            let planeStart = channel * height * width
            for row in 0..<height {
                let sourceRow = row + rowShift
                for column in 0..<width {
                    let croppedColumn = placement.isFlipped ? width - 1 - column : column
                    let sourceColumn = croppedColumn + columnShift
                    let isInside = sourceRow >= 0 && sourceRow < height && sourceColumn >= 0 && sourceColumn < width
                    let byte = isInside ? source[planeStart + sourceRow * width + sourceColumn] : 0
                    target[planeStart + row * width + column] = table[Int(byte)]
                }
            }
        }
    }
}

extension BatchLoader {
    /// The test split's batch size: evaluation keeps no caches, so larger batches only cost memory.
    public static let evaluationBatchSize = 256

    /// Returns the loaders of a training run: shuffled training batches, padded-crop-and-flip
    /// augmented or not, and the test split in order.
    public static func trainingRun(
        splits: DatasetSplits, batchSize: Int, normalization: Normalization, augments: Bool,
        orderSeed: UInt64, augmentSeed: UInt64
    ) -> (train: BatchLoader, test: BatchLoader) {
        let train = BatchLoader(
            dataset: splits.train, batchSize: batchSize, normalization: normalization,
            augmentation: augments ? .padCropFlip : .none, shuffles: true,
            orderSeed: orderSeed, augmentSeed: augmentSeed)
        let test = BatchLoader(dataset: splits.test, batchSize: evaluationBatchSize, normalization: normalization)
        return (train, test)
    }
}
