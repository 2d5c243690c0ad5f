import Foundation

extension ExperimentSpec {
    /// Rejects fields the spec format does not have, so that a misspelt field (`lambda` for
    /// `lamb`) is an error instead of silently leaving the default in place.
    static func rejectUnknownFields(in data: Data, source: String) throws {
        guard let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
        func check<Key: CodingKey & CaseIterable>(_ value: Any?, _ keys: Key.Type, path: String) throws {
            guard let object = value as? [String: Any] else { return }
            let known = keys.allCases.map(\.stringValue)
            for key in object.keys.sorted() where !known.contains(key) {
                let field = path.isEmpty ? key : path + "." + key
                let suggestion = closest(to: key, in: known).map { " (did you mean '\($0)'?)" } ?? ""
                throw ExperimentsError.invalidSpec(
                    file: source, field: field,
                    message: "unknown field\(suggestion); valid here: " + known.joined(separator: ", "))
            }
        }
        try check(top, CodingKeys.self, path: "")
        try check(top["dataset"], DatasetSpec.CodingKeys.self, path: "dataset")
        try check((top["dataset"] as? [String: Any])?["synthetic"], SyntheticSpec.CodingKeys.self,
                  path: "dataset.synthetic")
        try check(top["training"], TrainingSpec.CodingKeys.self, path: "training")
        for (index, teacher) in (top["teachers"] as? [Any] ?? []).enumerated() {
            try check(teacher, TeacherSpec.CodingKeys.self, path: "teachers[\(index)]")
        }
        try check(top["student"], ModelSpec.CodingKeys.self, path: "student")
        for (index, method) in (top["methods"] as? [Any] ?? []).enumerated() {
            try check(method, MethodSpec.CodingKeys.self, path: "methods[\(index)]")
        }
        try check(top["claims"], ClaimsSpec.CodingKeys.self, path: "claims")
        try check(top["discriminability"], DiscriminabilitySpec.CodingKeys.self, path: "discriminability")
    }

    /// The known name nearest to `name` by edit distance, if it is close enough to be a typo.
    private static func closest(to name: String, in names: [String]) -> String? {
        let scored = names.map { ($0, editDistance(name, $0)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, name.count / 3) else { return nil }
        return best
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
