import Foundation

/// A kind of artifact a module registers (requirement, test case, hazard, …): how its keys look and which of
/// its fields, when changed, make the links at it suspect.
public struct ArtifactKind: Sendable, Hashable {
    /// Stable id stored in every row, e.g. `requirement`. Never renamed once shipped.
    public let id: String
    public let label: String
    /// The key pattern used when the caller gives none, e.g. `REQ-###` (`#` = one digit, zero-padded).
    public let defaultKeyPattern: KeyPattern
    /// Fields whose change turns links suspect; their canonical JSON is hashed into `trigger_hash`.
    public let triggerFields: [String]
    /// The fields a project may choose as triggers instead (`title` always among them); custom attributes
    /// (`attr.<name>`) are allowed as well when `customAttributes` is set.
    public let fields: [String]
    public let customAttributes: Bool

    public init(id: String, label: String, keyPattern: String, triggerFields: [String], fields: [String] = [],
                customAttributes: Bool = false) {
        guard let pattern = KeyPattern(keyPattern) else { preconditionFailure("invalid key pattern \(keyPattern)") }
        precondition(!id.isEmpty && id.count <= 40, "artifact kind ids are 1–40 characters")
        self.id = id
        self.label = label
        self.defaultKeyPattern = pattern
        self.triggerFields = triggerFields
        var known = ["title"]
        for field in triggerFields + fields where !known.contains(field) { known.append(field) }
        self.fields = known
        self.customAttributes = customAttributes
    }

    /// Why `field` cannot be a trigger field of this kind, or nil when it can.
    public func triggerFieldProblem(_ field: String) -> String? {
        if fields.contains(field) { return nil }
        if customAttributes, field.hasPrefix("attr."), field.count > 5, field.count <= 45,
           field.dropFirst(5).allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") })
        {
            return nil
        }
        return "\(label.lowercased()) has no field \(field) (fields: \(fields.joined(separator: ", "))"
            + (customAttributes ? ", or attr.<name> for a custom attribute)" : ")")
    }
}

/// `SYS-REQ-###`: a fixed prefix and a zero-padded counter of at least as many digits as `#`s.
public struct KeyPattern: Sendable, Hashable, CustomStringConvertible {
    public let prefix: String
    public let width: Int

    public init?(_ pattern: String) {
        guard let firstHash = pattern.firstIndex(of: "#") else { return nil }
        let prefix = String(pattern[..<firstHash])
        let hashes = pattern[firstHash...]
        guard hashes.allSatisfy({ $0 == "#" }), (1...9).contains(hashes.count), ArtifactKey.isValid(prefix + "1")
        else { return nil }
        self.prefix = prefix
        self.width = hashes.count
    }

    public var description: String { prefix + String(repeating: "#", count: width) }

    public func key(_ number: Int) -> String {
        let digits = String(number)
        return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The counter value of `key` if it follows this pattern (`SYS-REQ-042` → 42), so imported keys move the
    /// counter past them.
    public func number(of key: String) -> Int? {
        guard key.hasPrefix(prefix) else { return nil }
        let rest = key.dropFirst(prefix.count)
        guard rest.count >= width, rest.count <= 12, rest.allSatisfy(\.isASCII), rest.allSatisfy(\.isNumber) else { return nil }
        return Int(rest)
    }
}

public enum ArtifactKey {
    /// Letters, digits, `-`, `_`, `.`; starting with a letter or digit; at most 64 characters. Keys appear in
    /// URLs and file names, so nothing else.
    public static func isValid(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, key.count <= 64 else { return false }
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
        return key.unicodeScalars.allSatisfy { allowed.contains($0) }
            && CharacterSet.alphanumerics.contains(first) && first.isASCII
    }
}
