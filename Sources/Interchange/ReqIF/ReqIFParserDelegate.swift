import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SAX side of `ReqIFReader`: builds the document element by element, checks each element against the
/// children the ReqIF 1.2 schema allows where it stands, and keeps XHTML values and tool extensions verbatim.
final class ReqIFParserDelegate: NSObject, XMLParserDelegate {
    typealias D = ReqIFDocument

    let file: String
    let maxDepth: Int
    var document = ReqIFDocument()
    var warnings: [ReqIFWarning] = []
    var failure: ReqIFError?
    var sawRoot = false
    var rootClosed = false
    /// Line of each identifiable element, for the reference checks after the parse.
    var lines: [String: Int] = [:]

    private var stack: [String] = []
    private var text = ""
    private var raw = ""
    private var rawDepth = 0
    private var datatype: D.Datatype?
    private var enumValue: D.EnumValue?
    private var specType: D.SpecType?
    private var definition: D.AttributeDefinition?
    private var value: D.AttributeValue?
    private var object: D.SpecObject?
    private var relation: D.SpecRelation?
    private var specification: D.Specification?
    private var nodes: [D.HierarchyNode] = []
    private var group: D.RelationGroup?
    private var xhtmlOriginal: String?

    init(file: String, maxDepth: Int) {
        self.file = file
        self.maxDepth = maxDepth
    }

    private func fail(_ parser: XMLParser, _ message: String) {
        guard failure == nil else { return }
        failure = ReqIFError(file: file, line: parser.lineNumber, column: parser.columnNumber, message)
        parser.abortParsing()
    }

    // MARK: refused constructs

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        fail(parser, "the file declares the entity \(name); entity declarations are refused (entity expansion)")
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        fail(parser, "the file declares the external entity \(name); external entities are refused")
    }

    func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?, systemID: String?,
                notationName: String?) {
        fail(parser, "the file declares the entity \(name); entity declarations are refused")
    }

    // MARK: elements

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard failure == nil else { return }
        if stack.count >= maxDepth {
            return fail(parser, "elements are nested more than \(maxDepth) deep")
        }
        if rawDepth > 0 {
            raw += "<" + name
            for (key, value) in attributes.sorted(by: { $0.key < $1.key }) { raw += " \(key)=\"\(XMLEscape.escape(value, quotes: true))\"" }
            raw += ">"
            rawDepth += 1
            stack.append(name)
            return
        }
        let parent = stack.last
        if parent == nil {
            guard name == "REQ-IF" else { return fail(parser, "the root element is <\(name)>, not <REQ-IF>: this is not a ReqIF file") }
            sawRoot = true
            for (key, uri) in attributes where key == "xmlns" || key.hasPrefix("xmlns:") { document.namespaces[key] = uri }
        } else if let parent, let allowed = ReqIFSchema.children[parent], !allowed.contains(name) {
            return fail(parser, "<\(name)> is not allowed inside <\(parent)> (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
        let identity = D.Identity(identifier: attributes["IDENTIFIER"] ?? "", longName: attributes["LONG-NAME"],
                                  description: attributes["DESC"], lastChange: attributes["LAST-CHANGE"])
        if let id = attributes["IDENTIFIER"], lines[id] == nil { lines[id] = parser.lineNumber }
        switch name {
        case "REQ-IF-HEADER":
            document.header.identifier = attributes["IDENTIFIER"] ?? ""
        case "TOOL-EXTENSIONS":
            startRaw()
        case "THE-VALUE", "THE-ORIGINAL-VALUE":
            startRaw()
        case "ENUM-VALUE":
            enumValue = D.EnumValue(identity: identity)
        case "EMBEDDED-VALUE":
            enumValue?.key = attributes["KEY"] ?? ""
            enumValue?.otherContent = attributes["OTHER-CONTENT"]
        case "SPEC-OBJECT-TYPE", "SPECIFICATION-TYPE", "SPEC-RELATION-TYPE", "RELATION-GROUP-TYPE":
            specType = D.SpecType(identity: identity, category: D.SpecTypeCategory(rawValue: name) ?? .specObject)
        case "SPEC-OBJECT":
            object = D.SpecObject(identity: identity)
        case "SPEC-RELATION":
            relation = D.SpecRelation(identity: identity)
        case "SPECIFICATION":
            specification = D.Specification(identity: identity)
        case "SPEC-HIERARCHY":
            nodes.append(D.HierarchyNode(identity: identity, isTableInternal: attributes["IS-TABLE-INTERNAL"].flatMap(Self.bool),
                                         isEditable: attributes["IS-EDITABLE"].flatMap(Self.bool)))
        case "RELATION-GROUP":
            group = D.RelationGroup(identity: identity)
        default:
            if let kind = Self.kind(name, prefix: "DATATYPE-DEFINITION-") {
                datatype = D.Datatype(identity: identity, kind: kind, maxLength: attributes["MAX-LENGTH"], min: attributes["MIN"],
                                      max: attributes["MAX"], accuracy: attributes["ACCURACY"])
            } else if let kind = Self.kind(name, prefix: "ATTRIBUTE-DEFINITION-") {
                definition = D.AttributeDefinition(identity: identity, kind: kind,
                                                   multiValued: attributes["MULTI-VALUED"].flatMap(Self.bool) ?? false,
                                                   isEditable: attributes["IS-EDITABLE"].flatMap(Self.bool))
            } else if let kind = Self.kind(name, prefix: "ATTRIBUTE-VALUE-") {
                let initial: D.Value = switch kind {
                case .xhtml: .xhtml("", original: nil)
                case .enumeration: .enumeration([])
                default: .text(attributes["THE-VALUE"] ?? "")
                }
                if kind != .xhtml && kind != .enumeration && attributes["THE-VALUE"] == nil {
                    return fail(parser, "<\(name)> has no THE-VALUE attribute")
                }
                value = D.AttributeValue(kind: kind, value: initial)
                xhtmlOriginal = nil
            }
        }
        stack.append(name)
        text = ""
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        stack.removeLast()
        if rawDepth > 0 {
            rawDepth -= 1
            if rawDepth > 0 { raw += "</\(name)>"; return }
            finishRaw(name)
            return
        }
        if stack.isEmpty { rootClosed = true }
        let parent = stack.last ?? ""
        let content = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch name {
        case "COMMENT": document.header.comment = content
        case "CREATION-TIME": document.header.creationTime = content
        case "REPOSITORY-ID": document.header.repositoryID = content
        case "REQ-IF-TOOL-ID": document.header.toolID = content
        case "REQ-IF-VERSION":
            // Checked here rather than after the parse: a wrong version explains whatever else the schema refuses.
            guard content == "1.0" else { return fail(parser, "REQ-IF-VERSION is \(content); the ReqIF schema fixes it at 1.0 (for every ReqIF 1.x)") }
            document.header.version = content
        case "SOURCE-TOOL-ID": document.header.sourceToolID = content
        case "TITLE": document.header.title = content
        case "ENUM-VALUE":
            if let enumValue { datatype?.values.append(enumValue) }
            enumValue = nil
        case "SPEC-OBJECT-TYPE", "SPECIFICATION-TYPE", "SPEC-RELATION-TYPE", "RELATION-GROUP-TYPE":
            if let specType { document.specTypes.append(specType) }
            specType = nil
        case "SPEC-OBJECT":
            if let object { document.specObjects.append(object) }
            object = nil
        case "SPEC-RELATION":
            if let relation { document.specRelations.append(relation) }
            relation = nil
        case "SPECIFICATION":
            if let specification { document.specifications.append(specification) }
            specification = nil
        case "SPEC-HIERARCHY":
            let node = nodes.removeLast()
            if nodes.isEmpty { specification?.children.append(node) } else { nodes[nodes.count - 1].children.append(node) }
        case "RELATION-GROUP":
            if let group { document.relationGroups.append(group) }
            group = nil
        default:
            if name.hasSuffix("-REF") {
                reference(name, content, parent: parent, parser: parser)
            } else if name.hasPrefix("DATATYPE-DEFINITION-") {
                if let datatype { document.datatypes.append(datatype) }
                datatype = nil
            } else if name.hasPrefix("ATTRIBUTE-DEFINITION-") {
                if let definition { specType?.attributes.append(definition) }
                definition = nil
            } else if name.hasPrefix("ATTRIBUTE-VALUE-") {
                attachValue()
            }
        }
        text = ""
    }

    /// A `…-REF` element's identifier, given to what its parent element says it refers for.
    private func reference(_ name: String, _ id: String, parent: String, parser: XMLParser) {
        let owner = stack.dropLast().last ?? ""
        switch parent {
        case "DEFINITION": value?.definitionRef = id
        case "TYPE":
            switch owner {
            case "SPEC-OBJECT": object?.typeRef = id
            case "SPEC-RELATION": relation?.typeRef = id
            case "SPECIFICATION": specification?.typeRef = id
            case "RELATION-GROUP": group?.typeRef = id
            default: if owner.hasPrefix("ATTRIBUTE-DEFINITION-") { definition?.datatypeRef = id }
            }
        case "VALUES":
            if case .enumeration(var refs) = value?.value {
                refs.append(id)
                value?.value = .enumeration(refs)
            }
        case "SOURCE": relation?.sourceRef = id
        case "TARGET": relation?.targetRef = id
        case "OBJECT": if !nodes.isEmpty { nodes[nodes.count - 1].objectRef = id }
        case "EDIT-ATTRIBUTES":
            let kind = D.ValueKind(rawValue: String(name.dropFirst("ATTRIBUTE-DEFINITION-".count).dropLast("-REF".count))) ?? .string
            if !nodes.isEmpty { nodes[nodes.count - 1].editableAttributes.append(D.AttributeRef(kind: kind, identifier: id)) }
        case "SOURCE-SPECIFICATION": group?.sourceSpecificationRef = id
        case "TARGET-SPECIFICATION": group?.targetSpecificationRef = id
        case "SPEC-RELATIONS": group?.relationRefs.append(id)
        default: break
        }
    }

    private func attachValue() {
        guard let value else { return }
        self.value = nil
        if stack.last == "DEFAULT-VALUE" {
            definition?.defaultValue = value
            return
        }
        // VALUES belongs to the innermost object, relation or specification being read.
        for element in stack.reversed() {
            switch element {
            case "SPEC-OBJECT": object?.values.append(value); return
            case "SPEC-RELATION": relation?.values.append(value); return
            case "SPECIFICATION": specification?.values.append(value); return
            default: continue
            }
        }
    }

    // MARK: verbatim content

    private func startRaw() {
        raw = ""
        rawDepth = 1
    }

    private func finishRaw(_ name: String) {
        let content = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        raw = ""
        switch name {
        case "TOOL-EXTENSIONS": document.toolExtensions = content
        case "THE-ORIGINAL-VALUE":
            xhtmlOriginal = content
            if case .xhtml(let current, _) = value?.value { value?.value = .xhtml(current, original: content) }
        default:
            value?.value = .xhtml(content, original: xhtmlOriginal)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if rawDepth > 0 { raw += XMLEscape.escape(string, quotes: false) } else { text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        let string = String(decoding: block, as: UTF8.self)
        if rawDepth > 0 { raw += XMLEscape.escape(string, quotes: false) } else { text += string }
    }

    // MARK: helpers

    static func kind(_ name: String, prefix: String) -> D.ValueKind? {
        guard name.hasPrefix(prefix), !name.hasSuffix("-REF") else { return nil }
        return D.ValueKind(rawValue: String(name.dropFirst(prefix.count)))
    }

    static func bool(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }
}
