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

    public init() {}

    public struct Header: Sendable, Equatable {
        public var identifier = ""
        public var comment: String?
        public var creationTime: String?
        public var repositoryID: String?
        public var toolID: String?
        public var version: String?
        public var sourceToolID: String?
        public var title: String?
    }

    /// What every identifiable element has.
    public struct Identity: Sendable, Equatable {
        public var identifier = ""
        public var longName: String?
        public var description: String?
        public var lastChange: String?
    }

    public enum ValueKind: String, Sendable, Equatable, CaseIterable {
        case boolean = "BOOLEAN", date = "DATE", enumeration = "ENUMERATION", integer = "INTEGER", real = "REAL"
        case string = "STRING", xhtml = "XHTML"
    }

    public struct EnumValue: Sendable, Equatable {
        public var identity = Identity()
        public var key = ""
        public var otherContent: String?
    }

    public struct Datatype: Sendable, Equatable {
        public var identity = Identity()
        public var kind: ValueKind = .string
        /// MAX-LENGTH, MIN, MAX, ACCURACY as written.
        public var maxLength: String?
        public var min: String?
        public var max: String?
        public var accuracy: String?
        public var values: [EnumValue] = []
    }

    public enum SpecTypeCategory: String, Sendable, Equatable {
        case specObject = "SPEC-OBJECT-TYPE", specification = "SPECIFICATION-TYPE", specRelation = "SPEC-RELATION-TYPE"
        case relationGroup = "RELATION-GROUP-TYPE"
    }

    public struct AttributeDefinition: Sendable, Equatable {
        public var identity = Identity()
        public var kind: ValueKind = .string
        public var datatypeRef = ""
        public var multiValued = false
        public var isEditable: Bool?
        public var defaultValue: AttributeValue?
    }

    public struct SpecType: Sendable, Equatable {
        public var identity = Identity()
        public var category: SpecTypeCategory = .specObject
        public var attributes: [AttributeDefinition] = []
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
        public var definitionRef = ""
        public var value: Value = .text("")
    }

    public struct SpecObject: Sendable, Equatable {
        public var identity = Identity()
        public var typeRef = ""
        public var values: [AttributeValue] = []
    }

    public struct SpecRelation: Sendable, Equatable {
        public var identity = Identity()
        public var typeRef = ""
        public var sourceRef = ""
        public var targetRef = ""
        public var values: [AttributeValue] = []
    }

    public struct HierarchyNode: Sendable, Equatable {
        public var identity = Identity()
        public var objectRef = ""
        public var isTableInternal: Bool?
        public var isEditable: Bool?
        public var editableAttributeRefs: [String] = []
        public var children: [HierarchyNode] = []

        public var count: Int { 1 + children.reduce(0) { $0 + $1.count } }
    }

    public struct Specification: Sendable, Equatable {
        public var identity = Identity()
        public var typeRef = ""
        public var values: [AttributeValue] = []
        public var children: [HierarchyNode] = []

        public var hierarchyCount: Int { children.reduce(0) { $0 + $1.count } }
    }

    public struct RelationGroup: Sendable, Equatable {
        public var identity = Identity()
        public var typeRef = ""
        public var sourceSpecificationRef = ""
        public var targetSpecificationRef = ""
        public var relationRefs: [String] = []
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
