import Foundation

/// Reads the Python version of CIFAR: pickled dicts with `data` (a uint8 array `[N, 3072]`)
/// and `labels` (CIFAR-10) or `fine_labels` and `coarse_labels` (CIFAR-100), plus a meta
/// file with the class names.
enum CIFARPythonReader {
    static func load(_ variant: CIFARLoader.Variant, folder: String) throws -> DatasetSplits {
        let path = { (name: String) in URL(fileURLWithPath: folder).appendingPathComponent(name).path }
        switch variant {
        case .cifar10:
            let metaPath = path("batches.meta")
            let classNames = try names(in: try PickleReader.read(path: metaPath), key: "label_names",
                                       file: metaPath, expectedCount: 10)
            let trainFiles = (1...5).map { path("data_batch_\($0)") }
            return DatasetSplits(
                train: try readSplit(variant, split: "train", files: trainFiles, classNames: classNames),
                test: try readSplit(variant, split: "test", files: [path("test_batch")], classNames: classNames))
        case .cifar100:
            let metaPath = path("meta")
            let meta = try PickleReader.read(path: metaPath)
            let classNames = try names(in: meta, key: "fine_label_names", file: metaPath, expectedCount: 100)
            let coarseNames = try names(in: meta, key: "coarse_label_names", file: metaPath,
                                        expectedCount: CIFARLoader.cifar100CoarseClassCount)
            return DatasetSplits(
                train: try readSplit(variant, split: "train", files: [path("train")],
                                     classNames: classNames, coarseNames: coarseNames),
                test: try readSplit(variant, split: "test", files: [path("test")],
                                    classNames: classNames, coarseNames: coarseNames))
        }
    }

    private static func readSplit(
        _ variant: CIFARLoader.Variant, split: String, files: [String], classNames: [String],
        coarseNames: [String]? = nil
    ) throws -> Dataset {
        var pixels = [UInt8]()
        var labels = [Int]()
        var coarseLabels = [Int]()
        for file in files {
            let batch = try PickleReader.read(path: file)
            let images = try imageBytes(in: batch, file: file)
            let labelKey = variant == .cifar10 ? "labels" : "fine_labels"
            let batchLabels = try integers(in: batch, key: labelKey, file: file,
                                           expectedCount: images.count, classCount: variant.classCount)
            if variant == .cifar100 {
                coarseLabels += try integers(in: batch, key: "coarse_labels", file: file,
                                             expectedCount: images.count,
                                             classCount: CIFARLoader.cifar100CoarseClassCount)
            }
            labels += batchLabels
            pixels += images.pixels
        }
        return Dataset(
            name: variant.name, split: split, channels: CIFARLoader.channels,
            height: CIFARLoader.side, width: CIFARLoader.side,
            pixels: pixels, labels: labels, classNames: classNames,
            coarseLabels: coarseNames == nil ? nil : coarseLabels, coarseClassNames: coarseNames)
    }

    /// The `data` entry: a C-ordered uint8 array of shape `[N, 3072]`.
    private static func imageBytes(in batch: PickleValue, file: String) throws -> (count: Int, pixels: [UInt8]) {
        guard case .array(let array) = try entry(batch, "data", file: file) else {
            throw DataError.invalidContent(file: file, expected: "'data' as a numpy array",
                                      actual: "another type")
        }
        guard array.shape.count == 2, array.shape[1] == CIFARLoader.imageSize else {
            throw DataError.shapeMismatch(file: file, expected: [-1, CIFARLoader.imageSize], actual: array.shape)
        }
        guard array.descriptor == "|u1", !array.isFortranOrder else {
            throw DataError.invalidContent(file: file, expected: "'data' as a C-ordered uint8 array (|u1)",
                                      actual: "\(array.descriptor)\(array.isFortranOrder ? ", Fortran order" : "")")
        }
        return (array.shape[0], array.data)
    }

    private static func integers(
        in batch: PickleValue, key: String, file: String, expectedCount: Int, classCount: Int
    ) throws -> [Int] {
        let value = try entry(batch, key, file: file)
        let found: [Int]
        if case .array(let array) = value, let values = array.integers {
            found = values
        } else if let elements = value.elements {
            found = try elements.map { element in
                guard let integer = element.integer else {
                    throw DataError.invalidContent(file: file, expected: "integer labels in '\(key)'",
                                              actual: "\(element)".prefix(40).description)
                }
                return integer
            }
        } else {
            throw DataError.invalidContent(file: file, expected: "'\(key)' as a list of integers",
                                      actual: "another type")
        }
        guard found.count == expectedCount else {
            throw DataError.countMismatch(
                file: file, expected: expectedCount, actual: "\(found.count) entries in '\(key)'")
        }
        if let index = found.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
            throw DataError.labelOutOfRange(file: file, index: index, label: found[index], classCount: classCount)
        }
        return found
    }

    private static func names(in meta: PickleValue, key: String, file: String, expectedCount: Int) throws -> [String] {
        guard let elements = try entry(meta, key, file: file).elements,
              let names = Optional(elements.compactMap(\.text)), names.count == elements.count
        else {
            throw DataError.invalidContent(file: file, expected: "'\(key)' as a list of strings",
                                      actual: "another type")
        }
        guard names.count == expectedCount else {
            throw DataError.countMismatch(file: file, expected: expectedCount, actual: "\(names.count) names in '\(key)'")
        }
        return names
    }

    private static func entry(_ dictionary: PickleValue, _ key: String, file: String) throws -> PickleValue {
        guard case .dictionary = dictionary else {
            throw DataError.invalidContent(file: file, expected: "a pickled dict", actual: "another type")
        }
        guard let value = dictionary[key] else {
            throw DataError.invalidContent(file: file, expected: "the key '\(key)'", actual: "no such key")
        }
        return value
    }
}
