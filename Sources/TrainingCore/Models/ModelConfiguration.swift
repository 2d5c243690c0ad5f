import Foundation

/// The network families atsbench builds, with PyTorch `state_dict` names of the CIFAR
/// reference implementations.
public enum ModelFamily: String, Codable, Sendable, CaseIterable {
    case resnet = "ResNet"
    case vgg = "VGG"
    case wideResNet = "WRN"
}

/// Everything that fixes a network's architecture.
public struct ModelConfiguration: Equatable, Hashable, Codable, Sendable {
    public var family: ModelFamily
    /// ResNet: 6n+2; VGG: 8, 11, 13, 16 or 19; WRN: 6n+4.
    public var depth: Int
    /// WRN widening factor k (1 for the other families).
    public var widenFactor: Int
    /// Channel multiplier: a layer of c reference channels gets `max(1, round(c * width))`.
    public var width: Double
    public var inChannels: Int
    public var classes: Int

    public static let validVGGDepths = [8, 11, 13, 16, 19]

    public init(family: ModelFamily, depth: Int, widenFactor: Int = 1, width: Double = 1,
                inChannels: Int = 3, classes: Int) throws {
        self.family = family
        self.depth = depth
        self.widenFactor = widenFactor
        self.width = width
        self.inChannels = inChannels
        self.classes = classes
        try validate()
    }

    /// Parses a preset name such as `ResNet14`, `resnet-110`, `VGG8`, `WRN28-1`, `wrn_28_1`
    /// (case-insensitive; `-` and `_` are optional separators).
    public init(name: String, width: Double = 1, inChannels: Int = 3, classes: Int) throws {
        let compact = name.lowercased().filter { $0 != "-" && $0 != "_" }
        let family: ModelFamily
        let rest: Substring
        if compact.hasPrefix("resnet") {
            family = .resnet
            rest = compact.dropFirst("resnet".count)
        } else if compact.hasPrefix("vgg") {
            family = .vgg
            rest = compact.dropFirst("vgg".count).replacing("bn", with: "")
        } else if compact.hasPrefix("wrn") {
            family = .wideResNet
            rest = compact.dropFirst("wrn".count)
        } else {
            throw ModelError.unknownModel(name: name)
        }

        if family == .wideResNet {
            // "wrn28-1" compacts to "281": the separator is gone, so re-split the original.
            let numbers = name.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            guard numbers.count == 2 else { throw ModelError.unknownModel(name: name) }
            try self.init(family: family, depth: numbers[0], widenFactor: numbers[1], width: width,
                          inChannels: inChannels, classes: classes)
        } else {
            guard let depth = Int(rest) else { throw ModelError.unknownModel(name: name) }
            try self.init(family: family, depth: depth, width: width, inChannels: inChannels, classes: classes)
        }
    }

    /// The canonical preset name: `ResNet14`, `VGG8`, `WRN28-1`.
    public var name: String {
        switch family {
        case .resnet, .vgg: return "\(family.rawValue)\(depth)"
        case .wideResNet: return "WRN\(depth)-\(widenFactor)"
        }
    }

    /// The name with a non-reference width appended, such as `VGG8-w0.25`.
    public var displayName: String {
        width == 1 ? name : "\(name)-w\(formatWidth(width))"
    }

    /// Channels of a layer that has `reference` channels at width 1. Python's `round`
    /// rounds halves to even, so this does too.
    public func channels(_ reference: Int) -> Int {
        max(1, Int((Double(reference) * width).rounded(.toNearestOrEven)))
    }

    public func validate() throws {
        switch family {
        case .resnet:
            guard depth >= 8, (depth - 2) % 6 == 0 else {
                throw ModelError.invalidDepth(family: family, depth: depth,
                                              valid: "6n+2 with n >= 1: 8, 14, 20, 32, 44, 56, 110, ...")
            }
        case .vgg:
            guard Self.validVGGDepths.contains(depth) else {
                throw ModelError.invalidDepth(family: family, depth: depth, valid: "8, 11, 13, 16 or 19")
            }
        case .wideResNet:
            guard depth >= 10, (depth - 4) % 6 == 0 else {
                throw ModelError.invalidDepth(family: family, depth: depth,
                                              valid: "6n+4 with n >= 1: 10, 16, 22, 28, 40, ...")
            }
            guard widenFactor >= 1 else {
                throw ModelError.invalidWidenFactor(widenFactor)
            }
        }
        guard width > 0, width.isFinite else { throw ModelError.invalidWidth(width) }
        guard inChannels >= 1 else { throw ModelError.invalidInChannels(inChannels) }
        guard classes >= 2 else { throw ModelError.invalidClasses(classes) }
    }

    /// The presets that `atsbench models` lists.
    public static let presetNames = [
        "ResNet8", "ResNet14", "ResNet20", "ResNet32", "ResNet44", "ResNet56", "ResNet110",
        "VGG8", "VGG11", "VGG13", "VGG16", "VGG19",
        "WRN16-1", "WRN16-2", "WRN28-1", "WRN28-8", "WRN40-2",
    ]
}

private func formatWidth(_ width: Double) -> String {
    var text = String(width)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
}

/// Errors of choosing or building a network.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    case unknownModel(name: String)
    case invalidDepth(family: ModelFamily, depth: Int, valid: String)
    case invalidWidenFactor(Int)
    case invalidWidth(Double)
    case invalidInChannels(Int)
    case invalidClasses(Int)
    case inputTooSmall(model: String, shape: [Int], minimum: Int)
    case wrongInputShape(model: String, expected: String, actual: [Int])

    public var description: String {
        switch self {
        case .unknownModel(let name):
            return "unknown model '\(name)'; valid: ResNet<6n+2> (ResNet8 ... ResNet110), "
                + "VGG<8|11|13|16|19>, WRN<6n+4>-<k> (WRN16-1, WRN28-1, WRN28-8, ...)"
        case .invalidDepth(let family, let depth, let valid):
            return "invalid depth \(depth) for \(family.rawValue); valid depths: \(valid)"
        case .invalidWidenFactor(let factor):
            return "invalid WRN widening factor \(factor); it must be an integer >= 1"
        case .invalidWidth(let width):
            return "invalid width multiplier \(width); it must be a number > 0 (1 is the reference)"
        case .invalidInChannels(let channels):
            return "invalid input channel count \(channels); it must be >= 1"
        case .invalidClasses(let classes):
            return "invalid class count \(classes); it must be >= 2"
        case .inputTooSmall(let model, let shape, let minimum):
            return "\(model): input \(shape) is too small; height and width must be at least \(minimum)"
        case .wrongInputShape(let model, let expected, let actual):
            return "\(model): input has shape \(actual), expected \(expected)"
        }
    }
}

extension ModelConfiguration {
    /// The configuration as checkpoint metadata: `PREFIX.name`, `PREFIX.width`,
    /// `PREFIX.in_channels`, `PREFIX.classes`.
    public func metadata(prefix: String) -> [String: String] {
        [prefix + ".name": name, prefix + ".width": String(width),
         prefix + ".in_channels": String(inChannels), prefix + ".classes": String(classes)]
    }

    /// Reads a configuration written by `metadata(prefix:)`; nil when the fields are absent.
    public init?(metadata: [String: String], prefix: String) throws {
        guard let name = metadata[prefix + ".name"],
              let width = metadata[prefix + ".width"].flatMap(Double.init),
              let inChannels = metadata[prefix + ".in_channels"].flatMap(Int.init),
              let classes = metadata[prefix + ".classes"].flatMap(Int.init) else { return nil }
        try self.init(name: name, width: width, inChannels: inChannels, classes: classes)
    }
}
