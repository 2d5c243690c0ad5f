import Foundation

/// environment.json: the software version, OpenBLAS core, the trials' builds, spec hash, data
/// checksums and the other environment entries, with sorted keys so the bytes never depend on dictionary order.
enum EnvironmentJSON {
    private struct Document: Encodable {
        let software: String
        let openblasCore: String
        let trialBuilds: [ReportBuild]
        let specSHA256: String
        let testSetSize: Int?
        let dataChecksums: [String: String]
        let environment: [String: String]

        enum CodingKeys: String, CodingKey {
            case software
            case openblasCore = "openblas_core"
            case trialBuilds = "trial_builds"
            case specSHA256 = "spec_sha256"
            case testSetSize = "test_set_size"
            case dataChecksums = "data_checksums"
            case environment
        }
    }

    static func render(_ input: ReportInput) throws -> Data {
        let document = Document(
            software: input.softwareVersion, openblasCore: input.openBLASCore, trialBuilds: input.trialBuilds,
            specSHA256: input.specSHA256,
            testSetSize: input.testSetSize, dataChecksums: input.dataChecksums, environment: input.environment)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(document)
        data.append(contentsOf: Array("\n".utf8))
        return data
    }
}
