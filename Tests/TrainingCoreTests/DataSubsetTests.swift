import Testing
import TrainingCore

@Suite struct DataSubsetTests {
    func dataset() throws -> Dataset {
        try SyntheticDataset(trainCount: 60, testCount: 30, classCount: 3, superclassCount: 1,
                             channels: 1, height: 2, width: 2, seed: 1).makeSplits().train
    }

    @Test func firstPerClassKeepsEarliestInFileOrder() throws {
        let full = try dataset()
        let indices = DatasetSubset.firstPerClass(4).indices(in: full)
        #expect(indices.count == 12)
        #expect(indices == indices.sorted())
        for label in 0..<3 {
            let expected = full.labels.indices.filter { full.labels[$0] == label }.prefix(4)
            #expect(Array(expected) == indices.filter { full.labels[$0] == label })
        }
        let subset = DatasetSubset.firstPerClass(4).apply(to: full)
        #expect(subset.classCounts == [4, 4, 4])
        #expect(subset.pixels == indices.flatMap { full.pixels[($0 * 4)..<($0 * 4 + 4)] })
    }

    @Test func stratifiedSampleIsSeededAndBalanced() throws {
        let full = try dataset()
        let first = DatasetSubset.stratified(perClass: 5, seed: 7).indices(in: full)
        let again = DatasetSubset.stratified(perClass: 5, seed: 7).indices(in: full)
        let other = DatasetSubset.stratified(perClass: 5, seed: 8).indices(in: full)
        #expect(first == again)
        #expect(first != other)
        #expect(DatasetSubset.stratified(perClass: 5, seed: 7).apply(to: full).classCounts == [5, 5, 5])
    }

    @Test func smallClassKeepsAllImages() throws {
        let full = try dataset()
        #expect(DatasetSubset.firstPerClass(1000).apply(to: full).count == full.count)
        #expect(DatasetSubset.stratified(perClass: 1000, seed: 1).indices(in: full) == Array(0..<full.count))
    }
}
