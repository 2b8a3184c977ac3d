import Foundation

/// A typed link between artifacts, e.g. `derives-from` (requirement → requirement) or `verifies`
/// (test case → requirement), with the (source kind, target kind) pairs it may join.
public struct LinkKind: Sendable, Hashable {
    public struct Pair: Sendable, Hashable {
        public let source: String
        public let target: String
        public init(_ source: String, _ target: String) {
            self.source = source
            self.target = target
        }
    }

    public let id: String
    /// Read from source to target ("derives from") and back ("derived by").
    public let label: String
    public let inverseLabel: String
    public let pairs: Set<Pair>
    /// Refuse links that would close a cycle of this kind (derivation, refinement).
    public let acyclic: Bool

    public init(id: String, label: String, inverseLabel: String, pairs: [Pair], acyclic: Bool = false) {
        precondition(!id.isEmpty && id.count <= 40, "link kind ids are 1–40 characters")
        self.id = id
        self.label = label
        self.inverseLabel = inverseLabel
        self.pairs = Set(pairs)
        self.acyclic = acyclic
    }

    public func allows(source: String, target: String) -> Bool { pairs.contains(Pair(source, target)) }
}
