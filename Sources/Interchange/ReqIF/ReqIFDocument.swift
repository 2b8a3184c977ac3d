import Foundation

/// A ReqIF exchange document as read from a file: everything the format carries, so an import loses nothing
/// and an export can write it back. Identifiers are the ReqIF IDENTIFIERs; references are kept as identifiers
/// and resolved by the reader's checks (`ReqIFReader`), not by pointers.
public struct ReqIFDocument: Sendable, Equatable {
    public var header = Header()
    public var datatypes: [Datatype] = []
    public var specTypes: [SpecType] = []
    public var specObjects: [SpecObject] = []
    public var specRelations: [SpecRelation] = []
    public var specifications: [Specification] = []
    public var relationGroups: [RelationGroup] = []
    /// The TOOL-EXTENSIONS element's inner XML, kept verbatim for export.
    public var toolExtensions: String?
    /// The root element's namespace declarations (`xmlns:xhtml` → URI; "xmlns" for the default), which the
    /// verbatim XHTML and tool extensions may use.
    public var namespaces: [String: String] = [:]

    public init() {}

    public struct Header: Sendable, Equatable {
        public var identifier: String = ""
        public var comment: String?
        public var creationTime: String?
        public var repositoryID: String?
        public var toolID: String?
        public var version: String?
        public var sourceToolID: String?
        public var title: String?

        public init(identifier: String = "", comment: String? = nil, creationTime: String? = nil, repositoryID: String? = nil, toolID: String? = nil, version: String? = nil, sourceToolID: String? = nil, title: String? = nil) {
            self.identifier = identifier
            self.comment = comment
            self.creationTime = creationTime
            self.repositoryID = repositoryID
            self.toolID = toolID
            self.version = version
            self.sourceToolID = sourceToolID
            self.title = title
        }
    }

    /// What every identifiable element has.
    public struct Identity: Sendable, Equatable {
        public var identifier: String = ""
        public var longName: String?
        public var description: String?
        public var lastChange: String?

        /// Here (in every element type) so the compiler makes a memberwise initialiser: see
        /// ReqIFDocument+Initializers.swift.
        var memberwise: ReqIFMemberwise
    }

    public enum ValueKind: String, Sendable, Equatable, CaseIterable {
        case boolean = "BOOLEAN", date = "DATE", enumeration = "ENUMERATION", integer = "INTEGER", real = "REAL"
        case string = "STRING", xhtml = "XHTML"
    }

    public struct EnumValue: Sendable, Equatable {
        public var identity: Identity = Identity()
        public var key: String = ""
        public var otherContent: String?

        var memberwise: ReqIFMemberwise
    }

    public struct Datatype: Sendable, Equatable {
        public var identity: Identity = Identity()
        public var kind: ValueKind = .string
        /// MAX-LENGTH, MIN, MAX, ACCURACY as written.
        public var maxLength: String?
        public var min: String?
        public var max: String?
        public var accuracy: String?
        public var values: [EnumValue] = []

        var memberwise: ReqIFMemberwise
    }

    public enum SpecTypeCategory: String, Sendable, Equatable {
        case specObject = "SPEC-OBJECT-TYPE", specification = "SPECIFICATION-TYPE", specRelation = "SPEC-RELATION-TYPE"
        case relationGroup = "RELATION-GROUP-TYPE"
    }

    public struct AttributeDefinition: Sendable, Equatable {
        public var identity: Identity = Identity()
        public var kind: ValueKind = .string
        public var datatypeRef: String = ""
        public var multiValued: Bool = false
        public var isEditable: Bool?
        public var defaultValue: AttributeValue?

        var memberwise: ReqIFMemberwise
    }

    public struct SpecType: Sendable, Equatable {
        public var identity: Identity = Identity()
        public var category: SpecTypeCategory = .specObject
        public var attributes: [AttributeDefinition] = []

        var memberwise: ReqIFMemberwise
    }

    public enum Value: Sendable, Equatable {
        /// BOOLEAN, DATE, INTEGER, REAL and STRING values keep their text as written.
        case text(String)
        /// The XHTML content of THE-VALUE, verbatim (namespace prefixes included).
        case xhtml(String, original: String?)
        case enumeration([String])
    }

    public struct AttributeValue: Sendable, Equatable {
        public var kind: ValueKind = .string
        public var definitionRef: String = ""
        public var value: Value = .text("")

        var memberwise: ReqIFMemberwise
    }

    public struct SpecObject: Sendable, Equatable {
        public var identity: Identity = Identity()
        public var typeRef: String = ""
        public var values: [AttributeValue] = []

        var memberwise: ReqIFMemberwise
    }

    public struct SpecRelation: Sendable, Equatable {
        public var identity: Identity = Identity()
        public var typeRef: String = ""
        public var sourceRef: String = ""
        public var targetRef: String = ""
        public var values: [AttributeValue] = []

        var memberwise: ReqIFMemberwise
    }

    public struct HierarchyNode: Sendable, Equatable {
        public var identity: Identity = Identity()
        public var objectRef: String = ""
        public var isTableInternal: Bool?
        public var isEditable: Bool?
        public var editableAttributes: [AttributeRef] = []
        public var children: [HierarchyNode] = []

        public var count: Int { 1 + children.reduce(0) { $0 + $1.count } }

        var memberwise: ReqIFMemberwise
    }

    /// A reference to an attribute definition of a known kind (EDIT-ATTRIBUTES names the kind in the element).
    public struct AttributeRef: Sendable, Equatable {
        public var kind: ValueKind
        public var identifier: String

        public init(kind: ValueKind, identifier: String) {
            self.kind = kind
            self.identifier = identifier
        }
    }

    public struct Specification: Sendable, Equatable {
        public var identity: Identity = Identity()
        public var typeRef: String = ""
        public var values: [AttributeValue] = []
        public var children: [HierarchyNode] = []

        public var hierarchyCount: Int { children.reduce(0) { $0 + $1.count } }

        var memberwise: ReqIFMemberwise
    }

    public struct RelationGroup: Sendable, Equatable {
        public var identity: Identity = Identity()
        public var typeRef: String = ""
        public var sourceSpecificationRef: String = ""
        public var targetSpecificationRef: String = ""
        public var relationRefs: [String] = []

        var memberwise: ReqIFMemberwise
    }

    /// Counts an importer reports and a round trip must keep.
    public struct Counts: Sendable, Equatable, CustomStringConvertible {
        public var specObjects = 0
        public var specRelations = 0
        public var specifications = 0
        public var hierarchyNodes = 0
        public var attributeValues = 0

        public init(specObjects: Int = 0, specRelations: Int = 0, specifications: Int = 0, hierarchyNodes: Int = 0,
                    attributeValues: Int = 0) {
            self.specObjects = specObjects
            self.specRelations = specRelations
            self.specifications = specifications
            self.hierarchyNodes = hierarchyNodes
            self.attributeValues = attributeValues
        }

        public var description: String {
            "\(specObjects) spec objects, \(specRelations) relations, \(specifications) specifications, "
                + "\(hierarchyNodes) hierarchy nodes, \(attributeValues) attribute values"
        }
    }

    public var counts: Counts {
        Counts(specObjects: specObjects.count, specRelations: specRelations.count, specifications: specifications.count,
               hierarchyNodes: specifications.reduce(0) { $0 + $1.hierarchyCount },
               attributeValues: specObjects.reduce(0) { $0 + $1.values.count } + specRelations.reduce(0) { $0 + $1.values.count }
                   + specifications.reduce(0) { $0 + $1.values.count })
    }
}
