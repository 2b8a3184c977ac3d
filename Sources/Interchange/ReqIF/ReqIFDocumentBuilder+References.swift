import Foundation

/// The identifier table and references: where each IDENTIFIER is defined and what each `…-REF` resolves to,
/// entered as the elements are read so `ReqIFChecks` hashes nothing again.
extension ReqIFDocumentBuilder {
    /// The identifier's string as stored for its element and the kind of that element, when the file defined
    /// it already.
    /// The element's text is the reference: looked up by its bytes, so a reference to a definition already read
    /// makes no string of its own.
    func resolveText(_ line: Int) throws -> (String, ReqIFDefinition.Kind?) {
        if let index = trimmedText({ identifiers.index(of: $0) }) { return (identifiers.keys[index], identifiers.definitions[index].kind) }
        return (try content(line), nil)
    }

    /// Enters an element's IDENTIFIER in the table and returns the string to store (the first definition's).
    /// Repeats among content elements are an error; repeats involving hierarchy entries a warning.
    /// `identifier`: the attribute's bytes (UTF-8, checked by the tokenizer); an empty one is no identifier.
    func define(_ identifier: UnsafeBufferPointer<UInt8>, as kind: ReqIFDefinition.Kind, element: XMLName, line: Int) -> String {
        guard !identifier.isEmpty else { return "" }
        // One hash for the common case, a new identifier: the insert looks up as it goes.
        let (index, isNew) = identifiers.insert(identifier, ReqIFDefinition(line: line, kind: kind))
        let stored = identifiers.keys[index]
        if isNew { return stored }
        let first = identifiers.definitions[index]
        switch (first.kind, kind) {
        case (.other, _), (_, .other):
            break
        case (.hierarchy, _), (_, .hierarchy):
            repeatedHierarchyIdentifiers.insert(stored)
        default:
            if identityError == nil {
                let name = element.string
                identityError = error(line, "the IDENTIFIER \(stored) is used twice (again by \(Self.article(name)) \(name); first on line \(first.line))")
            }
        }
        // The table answers "is this a SPEC-OBJECT?", so a content definition outranks a position or an alias.
        if !first.kind.isContent && kind.isContent { identifiers.setDefinition(ReqIFDefinition(line: line, kind: kind), at: index) }
        return stored
    }

    /// Keeps a reference for `ReqIFChecks` unless it already resolves to what `role` expects.
    func expect(_ reference: String, _ kind: ReqIFDefinition.Kind?, _ role: ReqIFPendingReference.Role, owner: String) {
        if kind != ReqIFPendingReference.expected(for: role) {
            pending.append(ReqIFPendingReference(owner: owner, role: role, reference: reference))
        }
    }

    /// A `…-REF` element's identifier, given to what its parent element says it refers for; `kind` is what the
    /// file defined it as so far.
    func reference(_ element: XMLName, _ id: String, _ kind: ReqIFDefinition.Kind?) {
        guard let parent = stack.last?.tag else { return }
        switch parent {
        case .definition:
            value?.definitionRef = id
            // A default value's DEFINITION is not used (tools write stale identifiers there); only values are checked.
            if stack.fromTop(2)?.tag != .defaultValue { expect(id, kind, .valueDefinition, owner: "") }
        case .type:
            switch stack.fromTop(1)?.tag {
            case .specObject:
                object?.typeRef = id
                expect(id, kind, .objectType, owner: object?.identity.identifier ?? "")
            case .specRelation:
                relation?.typeRef = id
                expect(id, kind, .relationType, owner: relation?.identity.identifier ?? "")
            case .specification: specification?.typeRef = id
            case .relationGroup: group?.typeRef = id
            case .attributeDefinition: definition?.datatypeRef = id
            default: break
            }
        case .values:
            if case .enumeration(var refs) = value?.value {
                value?.value = .text("")
                refs.append(id)
                value?.value = .enumeration(refs)
            }
        case .source:
            relation?.sourceRef = id
            expect(id, kind, .relationSource, owner: relation?.identity.identifier ?? "")
        case .target:
            relation?.targetRef = id
            expect(id, kind, .relationTarget, owner: relation?.identity.identifier ?? "")
        case .object:
            guard !nodes.isEmpty else { break }
            nodes[nodes.count - 1].objectRef = id
            expect(id, kind, .hierarchyObject, owner: nodes[nodes.count - 1].identity.identifier)
        case .editAttributes:
            let kind = D.ValueKind(rawValue: String(element.string.dropFirst("ATTRIBUTE-DEFINITION-".count).dropLast("-REF".count))) ?? .string
            if !nodes.isEmpty { nodes[nodes.count - 1].editableAttributes.append(D.AttributeRef(kind: kind, identifier: id)) }
        case .sourceSpecification:
            group?.sourceSpecificationRef = id
            expect(id, kind, .groupSourceSpecification, owner: group?.identity.identifier ?? "")
        case .targetSpecification:
            group?.targetSpecificationRef = id
            expect(id, kind, .groupTargetSpecification, owner: group?.identity.identifier ?? "")
        case .specRelations:
            group?.relationRefs.append(id)
            expect(id, kind, .groupRelation, owner: group?.identity.identifier ?? "")
        default: break
        }
    }

    static func article(_ name: String) -> String {
        name.first.map { "AEIOU".contains($0) } == true ? "an" : "a"
    }
}
