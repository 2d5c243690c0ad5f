import Foundation
import TrainingCore

/// A study: data, training settings, teachers, a student, distillation methods and seeds.
/// Read from JSON with snake_case keys; `validate` names the field path of every problem.
public struct ExperimentSpec: Codable, Equatable, Sendable {
    public var name: String
    public var description: String?
    public var dataset: DatasetSpec
    public var training: TrainingSpec
    public var teachers: [TeacherSpec]
    public var student: ModelSpec
    public var methods: [MethodSpec]
    /// Weight of the distillation term, in [0, 1].
    public var lamb: Double?
    /// Student temperature.
    public var sTau: Double?
    public var seeds: SeedSource
    /// Which seed streams follow the trial seed: all, or init / order / augment alone (the
    /// others then stay at the first seed), for attributing variance to its sources.
    public var vary: SeedVariation?
    public var claims: ClaimsSpec?
    public var discriminability: DiscriminabilitySpec?

    public struct DatasetSpec: Codable, Equatable, Sendable {
        public var name: String
        public var dataDir: String?
        /// `first:K` or `sample:K` images per class.
        public var trainSubset: String?
        public var testSubset: String?
        public var subsetSeed: Int?
        public var synthetic: SyntheticSpec?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name
            case dataDir = "data_dir"
            case trainSubset = "train_subset"
            case testSubset = "test_subset"
            case subsetSeed = "subset_seed"
            case synthetic
        }
    }

    public struct SyntheticSpec: Codable, Equatable, Sendable {
        public var trainSize: Int?
        public var testSize: Int?
        public var classes: Int?
        public var superclasses: Int?
        /// `CxHxW`.
        public var shape: String?
        public var seed: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case trainSize = "train_size"
            case testSize = "test_size"
            case classes
            case superclasses
            case shape
            case seed
        }
    }

    public struct TrainingSpec: Codable, Equatable, Sendable {
        public var epochs: Int
        public var lr: Double?
        public var momentum: Double?
        public var weightDecay: Double?
        public var batchSize: Int?
        /// `wskd`, `cosine`, `constant` or `step:M1,M2[:GAMMA]`.
        public var schedule: String?
        public var augment: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case epochs
            case lr
            case momentum
            case weightDecay = "weight_decay"
            case batchSize = "batch_size"
            case schedule
            case augment
        }
    }

    public struct ModelSpec: Codable, Equatable, Sendable {
        public var model: String
        public var width: Double?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case model
            case width
        }
    }

    public struct TeacherSpec: Codable, Equatable, Sendable {
        /// A short name used in reports, such as "small" or "large".
        public var label: String
        public var model: String
        public var width: Double?
        /// Overrides the study's training settings for this teacher.
        public var epochs: Int?
        public var lr: Double?
        public var schedule: String?
        /// Teacher seeds; students learn from the teacher of the first one (default: the
        /// study's first seed).
        public var seeds: [Int]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case label
            case model
            case width
            case epochs
            case lr
            case schedule
            case seeds
        }
    }

    public struct MethodSpec: Codable, Equatable, Sendable {
        /// `ce`, `ts`, `ats`, or `ats-grid` (every pair of `tp_taus` x `t_taus`).
        public var kind: String
        public var tau: Double?
        public var tpTau: Double?
        public var tTau: Double?
        public var tpTaus: [Double]?
        public var tTaus: [Double]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case kind
            case tau
            case tpTau = "tp_tau"
            case tTau = "t_tau"
            case tpTaus = "tp_taus"
            case tTaus = "t_taus"
        }
    }

    public struct ClaimsSpec: Codable, Equatable, Sendable {
        /// The claimed run-to-run standard deviation of final accuracy, in percentage points.
        public var std: Double?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case std
        }
    }

    public struct DiscriminabilitySpec: Codable, Equatable, Sendable {
        public var taus: [Double]
        /// ATS temperatures as multiples of tau for the labelled and the other classes.
        public var atsRatio: [Double]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case taus
            case atsRatio = "ats_ratio"
        }
    }

    public enum SeedVariation: String, Codable, Sendable, CaseIterable {
        case all, `init`, order, augment

        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let value = SeedVariation(rawValue: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text)' is not a seed stream; valid: all, init, order, augment")
            }
            self = value
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name
        case description
        case dataset
        case training
        case teachers
        case student
        case methods
        case lamb
        case sTau = "s_tau"
        case seeds
        case vary
        case claims
        case discriminability
    }
}

/// The source of a study's seeds: inline, a file under seeds/ (one integer per line), or
/// drawn from the system (`{"random": N}`) and recorded in the store so they can be replayed.
public enum SeedSource: Codable, Equatable, Sendable {
    case list([Int])
    case file(String)
    case random(Int)

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([Int].self) {
            self = .list(list)
        } else if let path = try? container.decode(String.self) {
            self = .file(path)
        } else if let object = try? container.decode([String: Int].self), let count = object["random"], object.count == 1 {
            self = .random(count)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a list of integers, a seed file path, or {\"random\": N}")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .list(let seeds): try container.encode(seeds)
        case .file(let path): try container.encode(path)
        case .random(let count): try container.encode(["random": count])
        }
    }
}

extension ExperimentSpec {
    /// Reads and validates a spec file.
    public static func load(path: String) throws -> ExperimentSpec {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ExperimentsError.invalidSpec(file: path, field: "(file)", message: "cannot read: \(ErrorText.describe(error))")
        }
        return try decode(data, source: path)
    }

    public static func decode(_ data: Data, source: String) throws -> ExperimentSpec {
        // Foundation's parsers accept a comma before `]` or `}`, which strict JSON does not.
        if let fault = trailingCommaFault(in: data) {
            throw ExperimentsError.invalidSpec(file: source, field: "(file)", message: "not valid JSON: " + fault)
        }
        let decoder = JSONDecoder()
        let spec: ExperimentSpec
        do {
            spec = try decoder.decode(ExperimentSpec.self, from: data)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            // JSONDecoder reports only "not valid JSON", so JSONSerialization locates the fault.
            let location = syntaxFault(in: data).map { ": " + $0 } ?? ""
            throw ExperimentsError.invalidSpec(file: source, field: "(file)", message: "not valid JSON" + location)
        } catch let error as DecodingError {
            throw Self.describe(error, source: source)
        } catch {
            throw ExperimentsError.invalidSpec(file: source, field: "(file)", message: "not valid JSON: \(error)")
        }
        try rejectUnknownFields(in: data, source: source)
        try spec.validate(source: source)
        return spec
    }

    /// Returns JSONSerialization's account of a syntax fault, such as "invalid value at line 2,
    /// column 3", or nil when it parses the data.
    static func syntaxFault(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            guard let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String else { return nil }
            let trimmed = detail.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            // Foundation gives a byte offset, as in "Invalid value around character 15."
            guard let marker = trimmed.range(of: " around character "),
                  let offset = Int(trimmed[marker.upperBound...]), offset <= data.count else {
                return trimmed.prefix(1).lowercased() + trimmed.dropFirst()
            }
            let fault = trimmed[..<marker.lowerBound]
            return fault.prefix(1).lowercased() + fault.dropFirst() + " at " + position(ofByte: offset, in: data)
        }
    }

    /// Returns "trailing comma at line L, column C" for the first comma, outside strings, that
    /// is followed by `]` or `}`; nil when there is none.
    static func trailingCommaFault(in data: Data) -> String? {
        var inString = false, escaped = false
        var pendingComma: Int?
        for (offset, byte) in data.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                continue
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if let comma = pendingComma {
                    return "trailing comma at " + position(ofByte: comma, in: data)
                }
            case UInt8(ascii: ","):
                pendingComma = offset
                continue
            case UInt8(ascii: "\""):
                inString = true
            default:
                break
            }
            pendingComma = nil
        }
        return nil
    }

    /// Returns "line L, column C" of the byte at `offset`, both counted from 1.
    static func position(ofByte offset: Int, in data: Data) -> String {
        let before = data.prefix(offset)
        let line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? data.startIndex
        return "line \(line), column \(offset - (lineStart - data.startIndex) + 1)"
    }

    /// The spec as canonical JSON: snake_case keys, sorted, so equal specs hash equally.
    public func canonicalJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    private static func describe(_ error: DecodingError, source: String) -> ExperimentsError {
        func path(_ codingPath: [CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + snakeCase(key.stringValue)
                }
            }
            return text.isEmpty ? "(top level)" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            let field = parent == "(top level)" ? snakeCase(key.stringValue) : parent + "." + snakeCase(key.stringValue)
            return .invalidSpec(file: source, field: field, message: "missing")
        case .typeMismatch(let type, let context):
            return .invalidSpec(file: source, field: path(context.codingPath), message: "expected \(typeName(type))")
        case .valueNotFound(let type, let context):
            return .invalidSpec(file: source, field: path(context.codingPath), message: "expected \(typeName(type)), got null")
        case .dataCorrupted(let context):
            let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return .invalidSpec(file: source, field: path(context.codingPath),
                                message: context.debugDescription + (detail.map { " (\($0))" } ?? ""))
        @unknown default:
            return .invalidSpec(file: source, field: "(file)", message: "\(error)")
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default: return "\(type)".contains("Array") ? "a list" : "an object"
        }
    }
}

func snakeCase(_ camel: String) -> String {
    var result = ""
    for character in camel {
        if character.isUppercase {
            result += "_" + character.lowercased()
        } else {
            result.append(character)
        }
    }
    return result
}
