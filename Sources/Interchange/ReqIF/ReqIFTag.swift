/// What an element name means to `ReqIFDocumentBuilder`, worked out once per distinct name (the builder caches it
/// by the tokenizer's name id) so the per-element dispatch is a switch over a small enum, not string comparisons.
enum ReqIFTag: Equatable {
    enum HeaderField: Equatable {
        case comment, creationTime, repositoryID, toolID, version, sourceToolID, title
    }

    case header(HeaderField)
    case reqIFHeader
    /// Kept verbatim: TOOL-EXTENSIONS, THE-VALUE and THE-ORIGINAL-VALUE of XHTML values.
    case verbatim
    case enumValue, embeddedValue
    case specType(ReqIFDocument.SpecTypeCategory)
    case specObject, specRelation, specification, specHierarchy, relationGroup
    case attributeValue(ReqIFDocument.ValueKind)
    case datatype(ReqIFDocument.ValueKind)
    case attributeDefinition(ReqIFDocument.ValueKind)
    /// Any `…-REF` element: its text is an identifier, given to whatever its parent says.
    case reference
    case definition, type, values, source, target, object, editAttributes, sourceSpecification, targetSpecification
    case specRelations, defaultValue
    case other

    init(_ name: String) {
        switch name {
        case "COMMENT": self = .header(.comment)
        case "CREATION-TIME": self = .header(.creationTime)
        case "REPOSITORY-ID": self = .header(.repositoryID)
        case "REQ-IF-TOOL-ID": self = .header(.toolID)
        case "REQ-IF-VERSION": self = .header(.version)
        case "SOURCE-TOOL-ID": self = .header(.sourceToolID)
        case "TITLE": self = .header(.title)
        case "REQ-IF-HEADER": self = .reqIFHeader
        case "TOOL-EXTENSIONS", "THE-VALUE", "THE-ORIGINAL-VALUE": self = .verbatim
        case "ENUM-VALUE": self = .enumValue
        case "EMBEDDED-VALUE": self = .embeddedValue
        case "SPEC-OBJECT": self = .specObject
        case "SPEC-RELATION": self = .specRelation
        case "SPECIFICATION": self = .specification
        case "SPEC-HIERARCHY": self = .specHierarchy
        case "RELATION-GROUP": self = .relationGroup
        case "DEFINITION": self = .definition
        case "TYPE": self = .type
        case "VALUES": self = .values
        case "SOURCE": self = .source
        case "TARGET": self = .target
        case "OBJECT": self = .object
        case "EDIT-ATTRIBUTES": self = .editAttributes
        case "SOURCE-SPECIFICATION": self = .sourceSpecification
        case "TARGET-SPECIFICATION": self = .targetSpecification
        case "SPEC-RELATIONS": self = .specRelations
        case "DEFAULT-VALUE": self = .defaultValue
        default:
            if name.hasSuffix("-REF") {
                self = .reference
            } else if let category = ReqIFDocument.SpecTypeCategory(rawValue: name) {
                self = .specType(category)
            } else if let kind = Self.kind(name, prefix: "ATTRIBUTE-VALUE-") {
                self = .attributeValue(kind)
            } else if let kind = Self.kind(name, prefix: "DATATYPE-DEFINITION-") {
                self = .datatype(kind)
            } else if let kind = Self.kind(name, prefix: "ATTRIBUTE-DEFINITION-") {
                self = .attributeDefinition(kind)
            } else {
                self = .other
            }
        }
    }

    private static func kind(_ name: String, prefix: String) -> ReqIFDocument.ValueKind? {
        guard name.hasPrefix(prefix) else { return nil }
        return ReqIFDocument.ValueKind(rawValue: String(name.dropFirst(prefix.count)))
    }
}
