/// Where, and as what, the file defines an IDENTIFIER: the value type of `ReqIFDocumentBuilder`'s identifier
/// table. Knowing the kind lets one table answer every reference check ("is this a SPEC-OBJECT of the file?"),
/// so each identifier and each reference is hashed once while reading instead of again in sets afterwards.
struct ReqIFDefinition {
    enum Kind: UInt8 {
        case datatype, enumValue, specType, attributeDefinition, specObject, specRelation, specification, relationGroup
        /// Positions rather than content: repeats are tolerated (Polarion writes them).
        case hierarchy
        /// The header and anything else carrying an IDENTIFIER (such as ALTERNATIVE-ID): never checked for repeats.
        case other

        /// Content that must be identified, and identified once.
        var isContent: Bool { self != .hierarchy && self != .other }

        init(_ tag: ReqIFTag) {
            switch tag {
            case .datatype: self = .datatype
            case .enumValue: self = .enumValue
            case .specType: self = .specType
            case .attributeDefinition: self = .attributeDefinition
            case .specObject: self = .specObject
            case .specRelation: self = .specRelation
            case .specification: self = .specification
            case .relationGroup: self = .relationGroup
            case .specHierarchy: self = .hierarchy
            default: self = .other
            }
        }
    }

    var line: Int
    var kind: Kind
}

/// A reference the builder could not resolve to a definition of the expected kind when it read it. Most are
/// forward references that resolve by the end of the file; `ReqIFChecks` looks again and warns about the rest.
struct ReqIFPendingReference {
    enum Role {
        case relationSource, relationTarget, hierarchyObject, objectType, relationType, valueDefinition
        case groupSourceSpecification, groupTargetSpecification, groupRelation
    }

    /// The referring element's IDENTIFIER (empty for a value's definition).
    var owner: String
    var role: Role
    var reference: String

    var expected: ReqIFDefinition.Kind { Self.expected(for: role) }

    static func expected(for role: Role) -> ReqIFDefinition.Kind {
        switch role {
        case .relationSource, .relationTarget, .hierarchyObject: .specObject
        case .objectType, .relationType: .specType
        case .valueDefinition: .attributeDefinition
        case .groupSourceSpecification, .groupTargetSpecification: .specification
        case .groupRelation: .specRelation
        }
    }
}
