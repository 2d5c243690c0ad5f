import Testing
import TrainingCore

@Suite struct DataSyntheticTests {
    @Test func sameSeedGivesSameBytes() throws {
        let configuration = SyntheticDataset(trainCount: 50, testCount: 20, classCount: 5, superclassCount: 2, seed: 9)
        let first = try configuration.makeSplits()
        let second = try configuration.makeSplits()
        #expect(first.train == second.train)
        #expect(first.test == second.test)
        var other = configuration
        other.seed = 10
        #expect(try other.makeSplits().train.pixels != first.train.pixels)
    }

    @Test func shapesCountsAndBalance() throws {
        let configuration = SyntheticDataset(
            trainCount: 103, testCount: 7, classCount: 10, superclassCount: 3, channels: 1, height: 5, width: 7)
        let splits = try configuration.makeSplits()
        #expect(splits.train.count == 103)
        #expect(splits.test.count == 7)
        #expect(splits.train.imageShape == [1, 5, 7])
        let counts = splits.train.classCounts
        #expect(counts.max()! - counts.min()! <= 1)
        #expect(splits.train.coarseLabels == splits.train.labels.map(configuration.superclass(of:)))
        #expect(splits.train.coarseClassNames?.count == 3)
    }

    /// Classes of one super-class must be closer to each other than to other groups' classes.
    @Test func classesWithinSuperclassAreCloser() throws {
        let configuration = SyntheticDataset(trainCount: 800, testCount: 0, classCount: 8, superclassCount: 2, seed: 3)
        let train = try configuration.makeSplits().train
        var means = [[Double]](repeating: [Double](repeating: 0, count: train.imageSize), count: 8)
        for (index, label) in train.labels.enumerated() {
            for offset in 0..<train.imageSize {
                means[label][offset] += Double(train.pixels[index * train.imageSize + offset]) / 100
            }
        }
        func distance(_ a: Int, _ b: Int) -> Double {
            zip(means[a], means[b]).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
        }
        var within = [Double](), across = [Double]()
        for a in 0..<8 {
            for b in (a + 1)..<8 {
                let sameGroup = configuration.superclass(of: a) == configuration.superclass(of: b)
                if sameGroup { within.append(distance(a, b)) } else { across.append(distance(a, b)) }
            }
        }
        #expect(within.max()! < across.min()!)
    }

    @Test func invalidParameterIsNamed() {
        let configuration = SyntheticDataset(classCount: 4, superclassCount: 5)
        let error = capturedDataError { _ = try configuration.makeSplits() }
        #expect(error == .invalidParameter(name: "super-class count", value: "5", expected: "1 to the class count (4)"))
    }
}
