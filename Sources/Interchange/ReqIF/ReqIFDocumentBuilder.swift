import Foundation

/// The event side of `ReqIFReader`: builds the document element by element as `XMLTokenizer` reads, checks each
/// element against the children the ReqIF 1.2 schema allows where it stands, and keeps XHTML values and tool
/// extensions verbatim (re-serialised: attributes ordered by name, text escaped, empty elements written out).
///
/// Identifiers and the references to them are pooled: an object's IDENTIFIER, its hierarchy entry's OBJECT
/// reference, the relations naming it and the line table share one string, and the few type and attribute
/// definition references repeated on every object are stored once — most of the document's memory otherwise.
final class ReqIFDocumentBuilder: XMLTokenHandler {
    typealias D = ReqIFDocument

    let file: String
    let maxDepth: Int
    @exclusivity(unchecked) var document = ReqIFDocument()
    var warnings: [ReqIFWarning] = []
    var sawRoot = false
    /// Line and kind of each IDENTIFIER, for the checks after the parse. Its keys double as the pool that
    /// references share their strings with.
    @exclusivity(unchecked) var identifiers: ReqIFIdentifierTable
    /// The first content element without an IDENTIFIER or repeating one. Thrown after the parse, so that a file
    /// which is also malformed reports its XML first.
    var identityError: ReqIFError?
    /// SPEC-HIERARCHY IDENTIFIERs that repeat one another or a content element's (a warning).
    var repeatedHierarchyIdentifiers: Set<String> = []
    /// References that did not resolve to the expected kind when read, in document order.
    @exclusivity(unchecked) var pending: [ReqIFPendingReference] = []

    /// An open element: its number in the tokenizer's name table and what it is to ReqIF.
    struct Open {
        let id: Int
        let tag: ReqIFTag
    }

    // The hot state is exempt from dynamic exclusivity checks: touched only by this class's own non-reentrant
    // methods (here and in ReqIFDocumentBuilder+References.swift) as the tokenizer calls them one at a time.
    let stack = ElementStack<Open>()
    @exclusivity(unchecked) private var text = ByteBuffer()
    @exclusivity(unchecked) private var raw: [UInt8] = []
    @exclusivity(unchecked) private var rawDepth = 0
    /// What each name-table id is, and whether the schema allows child id under parent id (0 unknown, 1 yes) for
    /// the first `allowedIDs` ids: filled in for ReqIF's own names (`ReqIFNameSeed`), shared until a file's own
    /// names are added.
    @exclusivity(unchecked) private var tags: [ReqIFTag?] = ReqIFNameSeed.tags
    private static let allowedIDs = ReqIFNameSeed.allowedIDs
    @exclusivity(unchecked) private var allowed: [UInt8] = ReqIFNameSeed.allowed
    @exclusivity(unchecked) private var datatype: D.Datatype?
    @exclusivity(unchecked) private var enumValue: D.EnumValue?
    @exclusivity(unchecked) private var specType: D.SpecType?
    @exclusivity(unchecked) var definition: D.AttributeDefinition?
    @exclusivity(unchecked) var value: D.AttributeValue?
    @exclusivity(unchecked) var object: D.SpecObject?
    @exclusivity(unchecked) var relation: D.SpecRelation?
    @exclusivity(unchecked) var specification: D.Specification?
    @exclusivity(unchecked) var nodes: [D.HierarchyNode] = []
    @exclusivity(unchecked) var group: D.RelationGroup?
    @exclusivity(unchecked) private var xhtmlOriginal: String?
    /// The last LAST-CHANGE read, shared with the next element that has the same one.
    @exclusivity(unchecked) private var lastChange: String?
    /// Room reserved for the lists of the next element, from the last one of its kind: consecutive spec types,
    /// objects and enumerations tend to be alike, and growing a list by doubling is an allocation and a move each
    /// time. Capped, so one large element does not inflate the rest.
    struct SizeHints {
        var attributes = 4
        var values = 4
        var enumValues = 4
        static func capped(_ count: Int) -> Int { min(max(count, 1), 64) }
    }
    @exclusivity(unchecked) private var sizeHints = SizeHints()
    /// LONG-NAME, DESC and THE-VALUE strings, shared where values repeat.
    @exclusivity(unchecked) private var strings = XMLStringCache()

    /// `expectedIdentifiers`: a guess from the file size, so the line table is not rehashed as it grows.
    init(file: String, maxDepth: Int, expectedIdentifiers: Int = 0) {
        self.file = file
        self.maxDepth = maxDepth
        identifiers = ReqIFIdentifierTable(expected: expectedIdentifiers)
    }

    func error(_ line: Int, _ message: String) -> ReqIFError {
        ReqIFError(file: file, line: line, message)
    }

    private func tag(_ element: XMLName) -> ReqIFTag {
        let id = element.id
        guard id >= 0 else { return ReqIFTag(element.string) }
        if let tag = tags[id] { return tag }
        let tag = ReqIFTag(element.string)
        tags[id] = tag
        return tag
    }

    /// Whether the schema allows `element` inside `parent`: nil when it does, the allowed names when it does not.
    private func refused(_ element: XMLName, inside parent: XMLName) -> Set<String>? {
        let id = element.id
        let cell = 0..<Self.allowedIDs ~= parent.id && 0..<Self.allowedIDs ~= id ? parent.id * Self.allowedIDs + id : nil
        if let cell, allowed[cell] == 1 { return nil }
        guard let children = ReqIFSchema.children[parent.string], !children.contains(element.string) else {
            if let cell { allowed[cell] = 1 }
            return nil
        }
        return children
    }

    // MARK: elements

    func startElement(_ element: XMLName, attributes: XMLAttributes, line: Int) throws {
        let id = element.id
        if stack.count >= maxDepth { throw error(line, "elements are nested more than \(maxDepth) deep") }
        if rawDepth > 0 {
            let name = element.string
            raw.append(UInt8(ascii: "<"))
            raw.append(contentsOf: name.utf8)
            for (key, value) in attributes.sorted {
                raw.append(UInt8(ascii: " "))
                raw.append(contentsOf: key.utf8)
                raw.append(contentsOf: "=\"".utf8)
                XMLEscape.append(value.utf8, to: &raw, quotes: true)
                raw.append(UInt8(ascii: "\""))
            }
            raw.append(UInt8(ascii: ">"))
            rawDepth += 1
            stack.append(Open(id: id, tag: .other))
            return
        }
        if let parent = stack.last {
            let parentName = XMLName(id: parent.id, table: element.table)
            if let allowed = refused(element, inside: parentName) {
                throw error(line, "<\(element.string)> is not allowed inside <\(parentName.string)> (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
        } else {
            let name = element.string
            guard name == "REQ-IF" else { throw error(line, "the root element is <\(name)>, not <REQ-IF>: this is not a ReqIF file") }
            sawRoot = true
            for (key, uri) in zip(attributes.names, attributes.values) where key == "xmlns" || key.hasPrefix("xmlns:") {
                document.namespaces[key] = uri
            }
        }
        let tag = tag(element)
        let kind = ReqIFDefinition.Kind(tag)
        // Each identity is made as the argument of the element that keeps it: one bound to a local first, or
        // written into the element afterwards, was copied and destroyed (four retains and releases an element).
        func identity() -> D.Identity { readIdentity(attributes, kind, element, line) }
        switch tag {
        case .reqIFHeader:
            document.header.identifier = identity().identifier
        case .verbatim:
            raw.removeAll(keepingCapacity: true)
            rawDepth = 1
        case .enumValue:
            enumValue = D.EnumValue(identity: identity())
        case .embeddedValue:
            enumValue?.key = attributes[.key] ?? ""
            enumValue?.otherContent = attributes[.otherContent]
        case .specType(let category):
            specType = D.SpecType(identity: identity(), category: category)
            specType!.attributes.reserveCapacity(sizeHints.attributes)
        case .specObject:
            object = D.SpecObject(identity: identity())
            object!.values.reserveCapacity(sizeHints.values)
        case .specRelation:
            relation = D.SpecRelation(identity: identity())
        case .specification:
            specification = D.Specification(identity: identity())
        case .specHierarchy:
            nodes.append(D.HierarchyNode(identity: identity(), isTableInternal: attributes.bool(.isTableInternal),
                                         isEditable: attributes.bool(.isEditable)))
        case .relationGroup:
            group = D.RelationGroup(identity: identity())
        case .attributeValue(let kind):
            let initial: D.Value
            switch kind {
            case .xhtml: initial = .xhtml("", original: nil)
            case .enumeration: initial = .enumeration([])
            default:
                guard let text = attributes.value(id: ReqIFAttributeName.theValue.rawValue, cache: &strings) else { throw error(line, "<\(element.string)> has no THE-VALUE attribute") }
                initial = .text(text)
            }
            value = D.AttributeValue(kind: kind, value: initial)
            xhtmlOriginal = nil
        case .datatype(let kind):
            datatype = D.Datatype(identity: identity(), kind: kind, maxLength: attributes[.maxLength], min: attributes[.min],
                                  max: attributes[.max], accuracy: attributes[.accuracy])
            if kind == .enumeration { datatype!.values.reserveCapacity(sizeHints.enumValues) }
        case .attributeDefinition(let kind):
            definition = D.AttributeDefinition(identity: identity(), kind: kind,
                                               multiValued: attributes.bool(.multiValued) ?? false,
                                               isEditable: attributes.bool(.isEditable))
        default:
            break
        }
        stack.append(Open(id: id, tag: tag))
        text.removeAll()
    }

    /// IDENTIFIER (entered in the table), LONG-NAME, DESC and LAST-CHANGE of an identifiable element.
    @inline(__always)
    private func readIdentity(_ attributes: XMLAttributes, _ kind: ReqIFDefinition.Kind, _ element: XMLName,
                              _ line: Int) -> D.Identity {
        var identifier = ""
        if let index = attributes.index(of: ReqIFAttributeName.identifier.rawValue) {
            identifier = attributes.withBytes(at: index) { define($0, as: kind, element: element, line: line) }
        }
        if identifier.isEmpty && identityError == nil && kind.isContent {
            let name = element.string
            identityError = error(line, "\(Self.article(name)) \(name) has no IDENTIFIER")
        }
        guard attributes.count > 1 || identifier.isEmpty else { return D.Identity(identifier: identifier) }
        return D.Identity(identifier: identifier,
                          longName: attributes.value(id: ReqIFAttributeName.longName.rawValue, cache: &strings),
                          description: attributes.value(id: ReqIFAttributeName.description.rawValue, cache: &strings),
                          lastChange: attributes.value(id: ReqIFAttributeName.lastChange.rawValue, reusing: &lastChange))
    }

    func endElement(_ element: XMLName, line: Int) throws {
        let tag = stack.removeLast().tag
        if rawDepth > 0 {
            rawDepth -= 1
            if rawDepth > 0 {
                raw.append(contentsOf: "</".utf8)
                raw.append(contentsOf: element.string.utf8)
                raw.append(UInt8(ascii: ">"))
                return
            }
            try finishRaw(element.string, line: line)
            return
        }
        switch tag {
        case .header(let field):
            let text = try content(line)
            switch field {
            case .comment: document.header.comment = text
            case .creationTime: document.header.creationTime = text
            case .repositoryID: document.header.repositoryID = text
            case .toolID: document.header.toolID = text
            case .version:
                // Checked here rather than after the parse: a wrong version explains whatever else the schema refuses.
                guard text == "1.0" else { throw error(line, "REQ-IF-VERSION is \(text); the ReqIF schema fixes it at 1.0 (for every ReqIF 1.x)") }
                document.header.version = text
            case .sourceToolID: document.header.sourceToolID = text
            case .title: document.header.title = text
            }
        case .enumValue:
            if let done = enumValue.take() { datatype?.values.append(consume done) }
        case .specType:
            if let done = specType.take() {
                sizeHints.attributes = SizeHints.capped(done.attributes.count)
                document.specTypes.append(consume done)
            }
        case .specObject:
            if let done = object.take() {
                sizeHints.values = SizeHints.capped(done.values.count)
                document.specObjects.append(consume done)
            }
        case .specRelation:
            if let done = relation.take() { document.specRelations.append(consume done) }
        case .specification:
            if let done = specification.take() { document.specifications.append(consume done) }
        case .specHierarchy:
            let node = nodes.removeLast()
            if nodes.isEmpty { specification?.children.append(node) } else { nodes[nodes.count - 1].children.append(node) }
        case .relationGroup:
            if let done = group.take() { document.relationGroups.append(consume done) }
        case .reference:
            let (shared, kind) = try resolveText(line)
            reference(element, shared, kind)
        case .attributeValue:
            attachValue()
        case .datatype:
            if let done = datatype.take() {
                if done.kind == .enumeration { sizeHints.enumValues = SizeHints.capped(done.values.count) }
                document.datatypes.append(consume done)
            }
        case .attributeDefinition:
            if let done = definition.take() { specType?.attributes.append(consume done) }
        default:
            break
        }
        text.removeAll()
    }

    /// The element's text, trimmed of surrounding white space.
    func content(_ line: Int) throws -> String {
        guard let string = trimmedText(UTF8Text.string) else { throw error(line, "the text is not UTF-8") }
        return string
    }

    /// The element's text bytes without surrounding white space.
    func trimmedText<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try text.withUnsafeBytes { bytes in
            var start = 0
            var stop = bytes.count
            while start < stop && Self.isSpace(bytes[start]) { start += 1 }
            while stop > start && Self.isSpace(bytes[stop - 1]) { stop -= 1 }
            return try body(UnsafeBufferPointer(rebasing: bytes[start..<stop]))
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

    private func attachValue() {
        guard let value = value.take() else { return }
        if stack.last?.tag == .defaultValue {
            definition?.defaultValue = value
            return
        }
        // VALUES belongs to the innermost object, relation or specification being read.
        for offset in 0..<stack.count {
            switch stack.fromTop(offset)?.tag {
            case .specObject: object?.values.append(value); return
            case .specRelation: relation?.values.append(value); return
            case .specification: specification?.values.append(value); return
            default: continue
            }
        }
    }

    // MARK: verbatim content

    private func finishRaw(_ name: String, line: Int) throws {
        var start = raw.startIndex
        var stop = raw.endIndex
        while start < stop && Self.isSpace(raw[start]) { start += 1 }
        while stop > start && Self.isSpace(raw[stop - 1]) { stop -= 1 }
        guard let content = raw.withUnsafeBufferPointer({ UTF8Text.string(UnsafeBufferPointer(rebasing: $0[start..<stop])) }) else {
            throw error(line, "the content of <\(name)> is not UTF-8")
        }
        raw.removeAll(keepingCapacity: true)
        switch name {
        case "TOOL-EXTENSIONS": document.toolExtensions = content
        case "THE-ORIGINAL-VALUE":
            xhtmlOriginal = content
            if case .xhtml(let current, _) = value?.value { value?.value = .xhtml(current, original: content) }
        default:
            value?.value = .xhtml(content, original: xhtmlOriginal)
        }
    }

    /// Outside verbatim content, text is trimmed: white space before any other text is dropped.
    var skipsBlankText: Bool { rawDepth == 0 && text.isEmpty }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if rawDepth > 0 {
            XMLEscape.append(bytes, to: &raw, quotes: false)
        } else if !text.isEmpty || !bytes.allSatisfy(Self.isSpace) {
            // Leading white space (most text between tags is indentation) is trimmed anyway.
            text.append(bytes)
        }
    }

    // MARK: helpers
    /// xsd:boolean ("true", "false", "1", "0", surrounding blanks allowed); case-insensitive because tools differ.
    /// Byte-level: attributes are read for every hierarchy entry, and Foundation trimming was a sixth of a read.
    static func bool(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8(bool)
    }

    static func bool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var utf8 = bytes[...]
        while let first = utf8.first, first == 0x20 || first == 0x09 { utf8 = utf8.dropFirst() }
        while let last = utf8.last, last == 0x20 || last == 0x09 { utf8 = utf8.dropLast() }
        // Compared as one lower-cased word: `elementsEqual` over the slice was a generic call per value.
        if utf8.count == 1 { return utf8.first == 0x31 ? true : utf8.first == 0x30 ? false : nil }
        var word: UInt64 = 0
        guard utf8.count <= 5 else { return nil }
        for byte in utf8 { word = word << 8 | UInt64(byte | 0x20) }
        switch (utf8.count, word) {
        case (4, 0x74_72_75_65): return true
        case (5, 0x66_61_6C_73_65): return false
        default: return nil
        }
    }
}
