import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Every artifact kind and link kind the modules registered at start-up. Modules register in
/// `<Module>Module.register(on:)`; afterwards the registry is only read.
public final class ArtifactRegistry: Sendable {
    private struct State {
        var kinds: [String: ArtifactKind] = [:]
        var linkKinds: [String: LinkKind] = [:]
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    public func register(_ kind: ArtifactKind) {
        state.withLockedValue { state in
            precondition(state.kinds[kind.id] == nil, "artifact kind \(kind.id) registered twice")
            state.kinds[kind.id] = kind
        }
    }

    /// Registers a link kind, or adds pairs to one another module registered (later modules extend
    /// `allocated-to` or `verifies` with their own kinds).
    public func register(_ linkKind: LinkKind) {
        state.withLockedValue { state in
            if let existing = state.linkKinds[linkKind.id] {
                precondition(existing.acyclic == linkKind.acyclic, "link kind \(linkKind.id) registered with two cycle rules")
                state.linkKinds[linkKind.id] = LinkKind(
                    id: existing.id, label: existing.label, inverseLabel: existing.inverseLabel,
                    pairs: Array(existing.pairs.union(linkKind.pairs)), acyclic: existing.acyclic)
            } else {
                state.linkKinds[linkKind.id] = linkKind
            }
        }
    }

    public func kind(_ id: String) -> ArtifactKind? { state.withLockedValue { $0.kinds[id] } }
    public func linkKind(_ id: String) -> LinkKind? { state.withLockedValue { $0.linkKinds[id] } }
    public var kinds: [ArtifactKind] { state.withLockedValue { $0.kinds.values.sorted { $0.id < $1.id } } }
    public var linkKinds: [LinkKind] { state.withLockedValue { $0.linkKinds.values.sorted { $0.id < $1.id } } }
}

extension Application {
    private struct ArtifactRegistryKey: StorageKey { typealias Value = ArtifactRegistry }

    public var artifactRegistry: ArtifactRegistry {
        if let registry = storage[ArtifactRegistryKey.self] { return registry }
        let registry = ArtifactRegistry()
        storage[ArtifactRegistryKey.self] = registry
        return registry
    }
}

extension Request {
    public var artifactRegistry: ArtifactRegistry { application.artifactRegistry }
}
