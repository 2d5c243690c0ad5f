import Testing
import TrainingCore

@Suite struct DataBatchLoaderTests {
    func dataset(count: Int = 37) throws -> Dataset {
        try SyntheticDataset(trainCount: count, testCount: 0, classCount: 4, superclassCount: 2,
                             channels: 3, height: 6, width: 5, seed: 2).makeSplits().train
    }

    static let normalization = Normalization(mean: [0.5, 0.4, 0.3], standardDeviation: [0.2, 0.25, 0.5])

    /// Tolerance 1e-6: one float division and subtraction per value.
    @Test func plainBatchesNormaliseInFileOrder() throws {
        let data = try dataset()
        let loader = BatchLoader(dataset: data, batchSize: 10, normalization: Self.normalization)
        let batches = Array(loader.epoch(0))
        #expect(batches.count == 4)
        #expect(batches.map(\.labels.count) == [10, 10, 10, 7])
        #expect(batches.flatMap(\.indices) == Array(0..<37))
        #expect(batches[0].images.shape == [10, 3, 6, 5])
        let planeSize = 30
        for (offset, value) in batches[1].images.scalars.enumerated() {
            let channel = offset / planeSize % 3
            let byte = data.pixels[10 * data.imageSize + offset]
            let expected = (Float(byte) / 255 - Self.normalization.mean[channel])
                / Self.normalization.standardDeviation[channel]
            #expect(abs(value - expected) <= 1e-6)
        }
    }

    @Test func dropsLastPartialBatch() throws {
        let loader = BatchLoader(dataset: try dataset(), batchSize: 10, normalization: Self.normalization, dropsLast: true)
        #expect(loader.batchCount == 3)
        #expect(Array(loader.epoch(0)).count == 3)
    }

    @Test func shuffleIsSeededPerEpoch() throws {
        let data = try dataset()
        let loader = BatchLoader(dataset: data, batchSize: 8, normalization: Self.normalization,
                                 shuffles: true, orderSeed: 11)
        #expect(loader.order(epoch: 0).sorted() == Array(0..<37))
        #expect(loader.order(epoch: 0) == loader.order(epoch: 0))
        #expect(loader.order(epoch: 0) != loader.order(epoch: 1))
        let otherSeed = BatchLoader(dataset: data, batchSize: 8, normalization: Self.normalization,
                                    shuffles: true, orderSeed: 12)
        #expect(otherSeed.order(epoch: 0) != loader.order(epoch: 0))
    }

    @Test func oneAndTwoThreadsGiveIdenticalBatches() throws {
        let loader = BatchLoader(dataset: try dataset(), batchSize: 16, normalization: Self.normalization,
                                 augmentation: .padCropFlip, shuffles: true, orderSeed: 5, augmentSeed: 6)
        for epoch in 0..<2 {
            let single = Array(loader.epoch(epoch, executor: Executor(threadCount: 1)))
            let double = Array(loader.epoch(epoch, executor: Executor(threadCount: 2)))
            let unthreaded = Array(loader.epoch(epoch))
            #expect(single == double)
            #expect(single == unthreaded)
        }
    }

    /// An image's crop and flip depend on the augment seed and epoch, not on the shuffle.
    @Test func augmentationIndependentOfOrderSeed() throws {
        let data = try dataset()
        func imagesByIndex(orderSeed: UInt64, augmentSeed: UInt64) -> [Int: [Float]] {
            let loader = BatchLoader(dataset: data, batchSize: 9, normalization: Self.normalization,
                                     augmentation: .padCropFlip, shuffles: true,
                                     orderSeed: orderSeed, augmentSeed: augmentSeed)
            var result = [Int: [Float]]()
            for batch in loader.epoch(3) {
                for (position, index) in batch.indices.enumerated() {
                    result[index] = Array(batch.images.scalars[(position * 90)..<((position + 1) * 90)])
                }
            }
            return result
        }
        let reference = imagesByIndex(orderSeed: 1, augmentSeed: 2)
        #expect(imagesByIndex(orderSeed: 99, augmentSeed: 2) == reference)
        #expect(imagesByIndex(orderSeed: 1, augmentSeed: 3) != reference)
    }

    /// Every augmented image must be one of the 9 x 9 crops of the zero-padded image, flipped
    /// or not. Among 40 images, some must be flipped and some shifted.
    @Test func augmentedImagesArePaddedCropsOrFlips() throws {
        let data = try dataset(count: 40)
        let identity = Normalization(mean: [0, 0, 0], standardDeviation: [1, 1, 1])
        let loader = BatchLoader(dataset: data, batchSize: 40, normalization: identity,
                                 augmentation: .padCropFlip, augmentSeed: 4)
        let batch = Array(loader.epoch(0))[0]
        var flipped = 0, shifted = 0
        for index in 0..<40 {
            let image = Array(batch.images.scalars[(index * 90)..<((index + 1) * 90)])
            var match: (dy: Int, dx: Int, flip: Bool)?
            for dy in -4...4 {
                for dx in -4...4 {
                    for flip in [false, true] where reference(data, index, dy, dx, flip) == image {
                        match = (dy, dx, flip)
                    }
                }
            }
            guard let match else {
                Issue.record("image \(index) is no crop or flip of its source")
                continue
            }
            flipped += match.flip ? 1 : 0
            shifted += (match.dy != 0 || match.dx != 0) ? 1 : 0
        }
        #expect(flipped > 5)
        #expect(flipped < 35)
        #expect(shifted > 20)
    }

    private func reference(_ data: Dataset, _ index: Int, _ dy: Int, _ dx: Int, _ flip: Bool) -> [Float] {
        var result = [Float]()
        for channel in 0..<3 {
            for row in 0..<6 {
                for column in 0..<5 {
                    let sourceRow = row + dy
                    let sourceColumn = (flip ? 4 - column : column) + dx
                    let inside = sourceRow >= 0 && sourceRow < 6 && sourceColumn >= 0 && sourceColumn < 5
                    let byte = inside ? data.pixels[index * 90 + channel * 30 + sourceRow * 5 + sourceColumn] : 0
                    result.append(Float(byte) / 255)
                }
            }
        }
        return result
    }

    @Test func defaultNormalisationPerDataset() throws {
        #expect(try DatasetSource.named("cifar100").defaultNormalization(channels: 3) == .imageNet)
        #expect(Normalization.imageNet.mean == [0.485, 0.456, 0.406])
        #expect(Normalization.imageNet.standardDeviation == [0.229, 0.224, 0.225])
        #expect(try DatasetSource.named("fashion-mnist").defaultNormalization(channels: 1) == .fashionMNIST)
        #expect(Normalization.fashionMNIST.mean == [0.2860])
        #expect(Normalization.fashionMNIST.standardDeviation == [0.3530])
    }
}
