import Foundation

/// Writes a `ReqIFDocument` as a ReqIF 1.2 file: the schema's elements and required attributes, the header
/// fields the schema requires (filled in when the document has none), LAST-CHANGE on every identifiable
/// element, XHTML and tool extensions verbatim under the namespaces the document was read with.
public struct ReqIFWriter: Sendable {
    public static let reqifNamespace = "http://www.omg.org/spec/ReqIF/20110401/reqif.xsd"
    public static let xhtmlNamespace = "http://www.w3.org/1999/xhtml"

    /// Used where the document has no LAST-CHANGE or CREATION-TIME (xsd:dateTime).
    public var timestamp: String
    public var toolID: String

    public init(timestamp: String, toolID: String = "SESA") {
        self.timestamp = timestamp
        self.toolID = toolID
    }

    public func write(_ document: ReqIFDocument) -> Data {
        var out = Output()
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        var namespaces = document.namespaces
        namespaces["xmlns"] = Self.reqifNamespace
        if namespaces["xmlns:xhtml"] == nil { namespaces["xmlns:xhtml"] = Self.xhtmlNamespace }
        out.open("REQ-IF", namespaces.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        header(document.header, &out)
        out.open("CORE-CONTENT")
        out.open("REQ-IF-CONTENT")
        out.open("DATATYPES")
        for datatype in document.datatypes { self.datatype(datatype, &out) }
        out.close("DATATYPES")
        out.open("SPEC-TYPES")
        for type in document.specTypes { specType(type, &out) }
        out.close("SPEC-TYPES")
        out.open("SPEC-OBJECTS")
        for object in document.specObjects {
            out.open("SPEC-OBJECT", identity(object.identity))
            values(object.values, &out)
            reference("TYPE", "SPEC-OBJECT-TYPE-REF", object.typeRef, &out)
            out.close("SPEC-OBJECT")
        }
        out.close("SPEC-OBJECTS")
        out.open("SPEC-RELATIONS")
        for relation in document.specRelations {
            out.open("SPEC-RELATION", identity(relation.identity))
            values(relation.values, &out)
            reference("SOURCE", "SPEC-OBJECT-REF", relation.sourceRef, &out)
            reference("TARGET", "SPEC-OBJECT-REF", relation.targetRef, &out)
            reference("TYPE", "SPEC-RELATION-TYPE-REF", relation.typeRef, &out)
            out.close("SPEC-RELATION")
        }
        out.close("SPEC-RELATIONS")
        out.open("SPECIFICATIONS")
        for specification in document.specifications {
            out.open("SPECIFICATION", identity(specification.identity))
            values(specification.values, &out)
            if !specification.children.isEmpty {
                out.open("CHILDREN")
                for node in specification.children { hierarchy(node, &out) }
                out.close("CHILDREN")
            }
            reference("TYPE", "SPECIFICATION-TYPE-REF", specification.typeRef, &out)
            out.close("SPECIFICATION")
        }
        out.close("SPECIFICATIONS")
        if !document.relationGroups.isEmpty {
            out.open("SPEC-RELATION-GROUPS")
            for group in document.relationGroups {
                out.open("RELATION-GROUP", identity(group.identity))
                reference("SOURCE-SPECIFICATION", "SPECIFICATION-REF", group.sourceSpecificationRef, &out)
                out.open("SPEC-RELATIONS")
                for ref in group.relationRefs { out.leaf("SPEC-RELATION-REF", ref) }
                out.close("SPEC-RELATIONS")
                reference("TARGET-SPECIFICATION", "SPECIFICATION-REF", group.targetSpecificationRef, &out)
                reference("TYPE", "RELATION-GROUP-TYPE-REF", group.typeRef, &out)
                out.close("RELATION-GROUP")
            }
            out.close("SPEC-RELATION-GROUPS")
        }
        out.close("REQ-IF-CONTENT")
        out.close("CORE-CONTENT")
        if let extensions = document.toolExtensions {
            out.open("TOOL-EXTENSIONS")
            out.raw(extensions)
            out.close("TOOL-EXTENSIONS", inline: true)
        }
        out.close("REQ-IF")
        return Data(out.text.utf8)
    }

    private func header(_ header: ReqIFDocument.Header, _ out: inout Output) {
        out.open("THE-HEADER")
        out.open("REQ-IF-HEADER", [("IDENTIFIER", header.identifier.isEmpty ? "sesa-header" : header.identifier)])
        if let comment = header.comment { out.leaf("COMMENT", comment) }
        out.leaf("CREATION-TIME", header.creationTime ?? timestamp)
        if let repository = header.repositoryID { out.leaf("REPOSITORY-ID", repository) }
        out.leaf("REQ-IF-TOOL-ID", header.toolID ?? toolID)
        out.leaf("REQ-IF-VERSION", "1.0")
        out.leaf("SOURCE-TOOL-ID", header.sourceToolID ?? toolID)
        out.leaf("TITLE", header.title ?? "")
        out.close("REQ-IF-HEADER")
        out.close("THE-HEADER")
    }

    private func identity(_ identity: ReqIFDocument.Identity) -> [(String, String)] {
        var attributes: [(String, String)] = []
        if let description = identity.description { attributes.append(("DESC", description)) }
        attributes.append(("IDENTIFIER", identity.identifier))
        attributes.append(("LAST-CHANGE", identity.lastChange ?? timestamp))
        if let longName = identity.longName { attributes.append(("LONG-NAME", longName)) }
        return attributes
    }

    private func datatype(_ datatype: ReqIFDocument.Datatype, _ out: inout Output) {
        let name = "DATATYPE-DEFINITION-" + datatype.kind.rawValue
        var attributes = identity(datatype.identity)
        switch datatype.kind {
        case .string: attributes.append(("MAX-LENGTH", datatype.maxLength ?? "32000"))
        case .integer:
            attributes.append(("MAX", datatype.max ?? "2147483647"))
            attributes.append(("MIN", datatype.min ?? "-2147483648"))
        case .real:
            attributes.append(("ACCURACY", datatype.accuracy ?? "10"))
            attributes.append(("MAX", datatype.max ?? "1.7976931348623157E308"))
            attributes.append(("MIN", datatype.min ?? "-1.7976931348623157E308"))
        default: break
        }
        guard datatype.kind == .enumeration else { return out.empty(name, attributes) }
        out.open(name, attributes)
        out.open("SPECIFIED-VALUES")
        for value in datatype.values {
            out.open("ENUM-VALUE", identity(value.identity))
            out.open("PROPERTIES")
            out.empty("EMBEDDED-VALUE", [("KEY", value.key)] + (value.otherContent.map { [("OTHER-CONTENT", $0)] } ?? []))
            out.close("PROPERTIES")
            out.close("ENUM-VALUE")
        }
        out.close("SPECIFIED-VALUES")
        out.close(name)
    }

    private func specType(_ type: ReqIFDocument.SpecType, _ out: inout Output) {
        out.open(type.category.rawValue, identity(type.identity))
        if !type.attributes.isEmpty {
            out.open("SPEC-ATTRIBUTES")
            for definition in type.attributes {
                let name = "ATTRIBUTE-DEFINITION-" + definition.kind.rawValue
                var attributes = identity(definition.identity)
                if let editable = definition.isEditable { attributes.append(("IS-EDITABLE", editable ? "true" : "false")) }
                if definition.kind == .enumeration { attributes.append(("MULTI-VALUED", definition.multiValued ? "true" : "false")) }
                out.open(name, attributes)
                if let value = definition.defaultValue {
                    out.open("DEFAULT-VALUE")
                    self.value(value, &out)
                    out.close("DEFAULT-VALUE")
                }
                reference("TYPE", "DATATYPE-DEFINITION-\(definition.kind.rawValue)-REF", definition.datatypeRef, &out)
                out.close(name)
            }
            out.close("SPEC-ATTRIBUTES")
        }
        out.close(type.category.rawValue)
    }

    private func values(_ values: [ReqIFDocument.AttributeValue], _ out: inout Output) {
        guard !values.isEmpty else { return }
        out.open("VALUES")
        for value in values { self.value(value, &out) }
        out.close("VALUES")
    }

    private func value(_ value: ReqIFDocument.AttributeValue, _ out: inout Output) {
        let name = "ATTRIBUTE-VALUE-" + value.kind.rawValue
        let definition = "ATTRIBUTE-DEFINITION-\(value.kind.rawValue)-REF"
        switch value.value {
        case .text(let text):
            out.open(name, [("THE-VALUE", text)])
            reference("DEFINITION", definition, value.definitionRef, &out)
        case .xhtml(let xhtml, let original):
            out.open(name)
            reference("DEFINITION", definition, value.definitionRef, &out)
            if let original {
                out.open("THE-ORIGINAL-VALUE")
                out.raw(original)
                out.close("THE-ORIGINAL-VALUE", inline: true)
            }
            out.open("THE-VALUE")
            out.raw(xhtml)
            out.close("THE-VALUE", inline: true)
        case .enumeration(let refs):
            out.open(name)
            reference("DEFINITION", definition, value.definitionRef, &out)
            out.open("VALUES")
            for ref in refs { out.leaf("ENUM-VALUE-REF", ref) }
            out.close("VALUES")
        }
        out.close(name)
    }

    private func hierarchy(_ node: ReqIFDocument.HierarchyNode, _ out: inout Output) {
        var attributes = identity(node.identity)
        if let editable = node.isEditable { attributes.append(("IS-EDITABLE", editable ? "true" : "false")) }
        if let tableInternal = node.isTableInternal { attributes.append(("IS-TABLE-INTERNAL", tableInternal ? "true" : "false")) }
        out.open("SPEC-HIERARCHY", attributes)
        if !node.children.isEmpty {
            out.open("CHILDREN")
            for child in node.children { hierarchy(child, &out) }
            out.close("CHILDREN")
        }
        if !node.editableAttributes.isEmpty {
            out.open("EDIT-ATTRIBUTES")
            for ref in node.editableAttributes { out.leaf("ATTRIBUTE-DEFINITION-\(ref.kind.rawValue)-REF", ref.identifier) }
            out.close("EDIT-ATTRIBUTES")
        }
        reference("OBJECT", "SPEC-OBJECT-REF", node.objectRef, &out)
        out.close("SPEC-HIERARCHY")
    }

    private func reference(_ wrapper: String, _ name: String, _ id: String, _ out: inout Output) {
        guard !id.isEmpty else { return }
        out.open(wrapper)
        out.leaf(name, id)
        out.close(wrapper)
    }

    /// Indented XML text; every attribute value and text node escaped here, verbatim parts passed as they are.
    struct Output {
        var text = ""
        var depth = 0

        mutating func raw(_ xml: String) { text += xml }

        mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
            indent()
            text += "<" + name + Self.attributes(attributes) + ">\n"
            depth += 1
        }

        mutating func close(_ name: String, inline: Bool = false) {
            depth -= 1
            if !inline { indent() }
            text += "</" + name + ">\n"
        }

        mutating func empty(_ name: String, _ attributes: [(String, String)]) {
            indent()
            text += "<" + name + Self.attributes(attributes) + "/>\n"
        }

        mutating func leaf(_ name: String, _ content: String) {
            indent()
            text += "<\(name)>" + XMLEscape.escape(content, quotes: false) + "</\(name)>\n"
        }

        private mutating func indent() { text += String(repeating: "  ", count: depth) }

        static func attributes(_ attributes: [(String, String)]) -> String {
            attributes.map { " \($0.0)=\"\(XMLEscape.escape($0.1, quotes: true))\"" }.joined()
        }
    }
}
