/// The checks that need the whole document, from what `ReqIFDocumentBuilder` noted while reading (its identifier
/// table, the first identity error, the references it could not resolve yet) — no identifier is hashed again.
/// Errors: an IDENTIFIER missing or used twice, relations without SOURCE or TARGET, hierarchy entries without
/// OBJECT. Warnings (some tools export partially — even the ReqIF specification's own Enterprise Architect
/// example relates objects it does not contain — and what resolves is still kept): relations and hierarchy
/// entries whose objects are missing, relation groups naming what the file does not define (in a ReqIFZ it may be
/// in another file), undefined types and attribute definitions, repeated hierarchy IDENTIFIERs.
struct ReqIFChecks {
    let file: String
    let document: ReqIFDocument
    let identifiers: ReqIFIdentifierTable
    let identityError: ReqIFError?
    let repeatedHierarchyIdentifiers: Set<String>
    let pending: [ReqIFPendingReference]

    init(file: String, builder: ReqIFDocumentBuilder) {
        self.file = file
        document = builder.document
        identifiers = builder.identifiers
        identityError = builder.identityError
        repeatedHierarchyIdentifiers = builder.repeatedHierarchyIdentifiers
        pending = builder.pending
    }

    func run() throws -> [ReqIFWarning] {
        if let identityError { throw identityError }
        for relation in document.specRelations {
            let id = relation.identity.identifier
            if relation.sourceRef.isEmpty { throw error(id, "SPEC-RELATION \(id) has no SOURCE") }
            if relation.targetRef.isEmpty { throw error(id, "SPEC-RELATION \(id) has no TARGET") }
        }
        for specification in document.specifications { try checkObjects(specification.children) }
        var warnings: [ReqIFWarning] = []
        if !repeatedHierarchyIdentifiers.isEmpty {
            warnings.append(ReqIFWarning(line: nil, message: "SPEC-HIERARCHY IDENTIFIERs used more than once (kept; the import does "
                                         + "not depend on them): \(repeatedHierarchyIdentifiers.sorted().joined(separator: ", "))"))
        }
        // Forward references resolved by the end of the file drop out here.
        let unresolved = pending.filter { identifiers[$0.reference]?.kind != $0.expected }
        guard !unresolved.isEmpty else { return warnings }
        // The schema puts TARGET before SOURCE; the warnings name a relation's SOURCE first.
        let ends = unresolved.filter { $0.role == .relationSource || $0.role == .relationTarget }
        var start = 0
        while start < ends.count {
            var stop = start
            while stop < ends.count && ends[stop].owner == ends[start].owner { stop += 1 }
            let relation = ends[start..<stop]
            for end in relation.filter({ $0.role == .relationSource }) + relation.filter({ $0.role == .relationTarget }) {
                warnings.append(warning(end.owner, "SPEC-RELATION \(end.owner) has the \(end.role == .relationSource ? "SOURCE" : "TARGET") "
                                        + "\(end.reference), which is no SPEC-OBJECT of the file; the relation is skipped"))
            }
            start = stop
        }
        for entry in unresolved where entry.role == .hierarchyObject {
            warnings.append(warning(entry.owner, "SPEC-HIERARCHY \(entry.owner) refers to the SPEC-OBJECT \(entry.reference), "
                                    + "which the file does not define; the entry is skipped"))
        }
        warnings += groupWarnings(unresolved)
        return warnings + softReferences(unresolved)
    }

    /// In document order, so the error names the first entry without an OBJECT.
    private func checkObjects(_ nodes: [ReqIFDocument.HierarchyNode]) throws {
        for node in nodes {
            if node.objectRef.isEmpty { throw error(node.identity.identifier, "SPEC-HIERARCHY \(node.identity.identifier) has no OBJECT") }
            try checkObjects(node.children)
        }
    }

    private func line(_ id: String) -> Int? {
        identifiers[id]?.line
    }

    private func error(_ id: String, _ message: String) -> ReqIFError {
        ReqIFError(file: file, line: line(id), message)
    }

    private func warning(_ id: String, _ message: String) -> ReqIFWarning {
        ReqIFWarning(line: line(id), message: message)
    }

    /// Per relation group, in document order: its specifications, then its relations together.
    private func groupWarnings(_ unresolved: [ReqIFPendingReference]) -> [ReqIFWarning] {
        var byGroup: [String: [ReqIFPendingReference]] = [:]
        for entry in unresolved {
            switch entry.role {
            case .groupSourceSpecification, .groupTargetSpecification, .groupRelation: byGroup[entry.owner, default: []].append(entry)
            default: continue
            }
        }
        guard !byGroup.isEmpty else { return [] }
        var warnings: [ReqIFWarning] = []
        var reported: Set<String> = []
        for group in document.relationGroups {
            let id = group.identity.identifier
            guard let entries = byGroup[id], reported.insert(id).inserted else { continue }
            // In a ReqIFZ the group's specifications and relations may live in another file of the archive.
            for role in [ReqIFPendingReference.Role.groupSourceSpecification, .groupTargetSpecification] {
                for entry in entries where entry.role == role {
                    warnings.append(warning(id, "RELATION-GROUP \(id) refers to the SPECIFICATION \(entry.reference), "
                                            + "which this file does not define"))
                }
            }
            let missing = entries.filter { $0.role == .groupRelation }.map(\.reference)
            if !missing.isEmpty {
                warnings.append(warning(id, "RELATION-GROUP \(id) refers to \(missing.count) SPEC-RELATIONs "
                                        + "this file does not define: \(missing.prefix(5).joined(separator: ", "))"))
            }
        }
        return warnings
    }

    /// Types and attribute definitions a value or object names but the file does not define.
    private func softReferences(_ unresolved: [ReqIFPendingReference]) -> [ReqIFWarning] {
        var missingTypes: Set<String> = []
        var missingDefinitions: Set<String> = []
        for entry in unresolved {
            switch entry.role {
            case .objectType, .relationType: missingTypes.insert(entry.reference)
            case .valueDefinition: missingDefinitions.insert(entry.reference)
            default: continue
            }
        }
        var warnings: [ReqIFWarning] = []
        if !missingTypes.isEmpty {
            warnings.append(.init(line: nil, message: "types named but not defined: \(missingTypes.sorted().joined(separator: ", "))"))
        }
        if !missingDefinitions.isEmpty {
            warnings.append(.init(line: nil, message: "values of attribute definitions the file does not define (kept as they are): "
                                  + missingDefinitions.sorted().joined(separator: ", ")))
        }
        return warnings
    }
}
