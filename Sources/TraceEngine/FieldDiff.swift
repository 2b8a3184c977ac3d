/// A field-level diff between two snapshots of an artifact, with a word-level diff of text values so a
/// reviewer sees exactly what changed inside a long statement.
public struct FieldDiff: Sendable, Equatable {
    public enum Segment: Sendable, Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    public struct Change: Sendable, Equatable {
        public let field: String
        public let before: String
        public let after: String
        /// Word-level segments from `before` to `after`.
        public let segments: [Segment]
    }

    public let changes: [Change]

    /// Above this many words on either side the text diff is shown as one removal and one addition: the LCS
    /// table is quadratic and such fields are not read word by word anyway.
    public static let wordLimit = 3_000

    /// `before` and `after` map field names to display text; fields missing on one side count as empty.
    public init(before: [String: String], after: [String: String]) {
        let names = Set(before.keys).union(after.keys).sorted()
        changes = names.compactMap { name in
            let old = before[name] ?? ""
            let new = after[name] ?? ""
            guard old != new else { return nil }
            return Change(field: name, before: old, after: new, segments: Self.words(from: old, to: new))
        }
    }

    /// Tokens keep their trailing whitespace so joining segments reproduces the text.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inSpace = false
        for character in text {
            if character.isWhitespace {
                inSpace = true
                current.append(character)
            } else {
                if inSpace { tokens.append(current); current = ""; inSpace = false }
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static func words(from old: String, to new: String) -> [Segment] {
        let a = tokens(old)
        let b = tokens(new)
        if a.count > wordLimit || b.count > wordLimit || a.isEmpty || b.isEmpty {
            return (old.isEmpty ? [] : [.removed(old)]) + (new.isEmpty ? [] : [.added(new)])
        }
        // LCS lengths of suffixes: table[i][j] = LCS of a[i...] and b[j...].
        let width = b.count + 1
        var table = [Int32](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i * width + j] = a[i] == b[j]
                    ? table[(i + 1) * width + j + 1] + 1
                    : max(table[(i + 1) * width + j], table[i * width + j + 1])
            }
        }
        var segments: [Segment] = []
        func append(_ segment: Segment) {
            switch (segments.last, segment) {
            case (.same(let x)?, .same(let y)): segments[segments.count - 1] = .same(x + y)
            case (.removed(let x)?, .removed(let y)): segments[segments.count - 1] = .removed(x + y)
            case (.added(let x)?, .added(let y)): segments[segments.count - 1] = .added(x + y)
            default: segments.append(segment)
            }
        }
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                append(.same(a[i])); i += 1; j += 1
            } else if table[(i + 1) * width + j] >= table[i * width + j + 1] {
                append(.removed(a[i])); i += 1
            } else {
                append(.added(b[j])); j += 1
            }
        }
        while i < a.count { append(.removed(a[i])); i += 1 }
        while j < b.count { append(.added(b[j])); j += 1 }
        return segments
    }
}
