import Artifacts
import Foundation
import Interchange

/// What a ReqIF document becomes in SESA, computed from the document alone (`ReqIFImportPlan.init`): one
/// requirement module per SPECIFICATION (plus one for objects no specification places), its hierarchy as the
/// document tree, the standard attributes of the ReqIF implementation guide as SESA's own fields, every other
/// attribute as a typed custom attribute, and relations as links. `ReqIFImporter` compares it with the
/// project (dry run) and applies it.
public struct ReqIFImportPlan: Sendable {
    /// A custom attribute of a module, from one ATTRIBUTE-DEFINITION.
    public struct Attribute: Sendable, Equatable {
        /// The ATTRIBUTE-DEFINITION's IDENTIFIER.
        public var definition: String
        public var name: String
        public var label: String
        public var type: AttributeDefinition.ValueType
        public var options: [String]
        /// The ReqIF kind (DATE, XHTML, …) and data type, kept so an export writes the same definition.
        public var reqifKind: String
        /// Definitions of other spec types with the same name and kind: one SESA attribute holds them all.
        public var aliases: [String] = []

        public var definitions: [String] { [definition] + aliases }
    }

    /// Definition identifier → attribute name, aliases included.
    public static func names(of attributes: [Attribute]) -> [String: String] {
        var names: [String: String] = [:]
        for attribute in attributes { for definition in attribute.definitions { names[definition] = attribute.name } }
        return names
    }

    /// A value of a standard attribute: its text, and the XHTML it came from (kept for export).
    public struct Standard: Sendable, Equatable {
        public var text: String
        public var xhtml: String?
    }

    public struct Item: Sendable {
        public var hierarchyIdentifier: String
        public var objectIdentifier: String
        public var type: DocumentItem.ItemType
        /// Values of the standard attributes by their ReqIF name (`ReqIF.Text`, …).
        public var standard: [String: Standard] = [:]
        /// Custom attribute values by ATTRIBUTE-DEFINITION identifier.
        public var values: [String: ArtifactValue] = [:]
        /// The XHTML of custom XHTML attribute values, by definition identifier.
        public var xhtml: [String: String] = [:]
        /// The object's LONG-NAME, the last title fallback before the IDENTIFIER.
        public var longName: String?
        public var children: [Item] = []
        /// A later placement of an object already placed: only the hierarchy node is recorded.
        public var isRepeat = false

        public var count: Int { (isRepeat ? 0 : 1) + children.reduce(0) { $0 + $1.count } }
    }

    public struct Module: Sendable {
        /// The SPECIFICATION's IDENTIFIER, or "unplaced".
        public var identifier: String
        public var role: ReqIFIdentity.Role
        public var name: String
        public var description: String
        public var attributes: [Attribute]
        public var items: [Item]
    }

    public struct Relation: Sendable, Equatable {
        public var identifier: String
        /// The SPEC-RELATION-TYPE's LONG-NAME (or IDENTIFIER), kept with the identity.
        public var typeName: String
        public var linkKind: String
        public var source: String
        public var target: String
        /// Both ends are objects of the file; otherwise the relation is recorded for export but not linked.
        public var resolvable: Bool
    }

    /// A hierarchy node whose object the file does not contain: recorded, not placed.
    public struct DanglingNode: Sendable, Equatable {
        public var identifier: String
        public var objectRef: String
        public var specification: String
    }

    public var modules: [Module] = []
    public var relations: [Relation] = []
    public var danglingNodes: [DanglingNode] = []
    public var warnings: [String] = []
    public var counts: ReqIFDocument.Counts
    /// The tool that wrote the file (THE-HEADER's SOURCE-TOOL-ID or REQ-IF-TOOL-ID): the audit trail names it,
    /// and field mappings are saved per tool.
    public var sourceTool: String
    /// The field mapping this plan was made with (the project's saved one for `sourceTool`, or the default).
    public var mapping: ReqIFFieldMapping
    /// The attribute names of the file's object types, in file order: what a mapping can choose for.
    public var attributeLabels: [String]
    /// Paths of the ReqIFZ archive's attachments (on the archive's first plan), stored with the modules on apply.
    public var attachments: [String] = []

    public static func sourceTool(of document: ReqIFDocument) -> String {
        let tool = (document.header.sourceToolID ?? document.header.toolID ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return tool.isEmpty ? "unknown tool" : String(tool.prefix(200))
    }

    /// The ReqIF names that become SESA's own fields (ReqIF implementation guide conventions).
    public static let text = "ReqIF.Text", name = "ReqIF.Name", chapterName = "ReqIF.ChapterName",
        description = "ReqIF.Description"
    public static let standardNames: Set<String> = [text, name, chapterName, description]

    /// The SESA fields of `item` as an artifact of `type` (an existing artifact keeps its kind, whatever the
    /// file now suggests). `names` maps definition identifiers to the module's attribute names. Standard values
    /// the kind has no field for are kept under `reqif.<name>`, XHTML originals under `xhtml.<field>`.
    public static func fields(of item: Item, as type: DocumentItem.ItemType, names: [String: String])
        -> (title: String, fields: ArtifactFields)
    {
        var fields = ArtifactFields()
        var used: Set<String> = []
        func put(_ standard: String, into field: String) {
            guard let value = item.standard[standard] else { return }
            used.insert(standard)
            fields[field] = .string(value.text)
            if let xhtml = value.xhtml { fields["xhtml." + field] = .string(xhtml) }
        }
        var title: String?
        switch type {
        case .section:
            put(text, into: "text")
            if let chapter = item.standard[chapterName], !chapter.text.isEmpty {
                title = chapter.text
                used.insert(chapterName)
                if let xhtml = chapter.xhtml { fields["xhtml.title"] = .string(xhtml) }
            }
        case .requirement:
            put(text, into: "statement")
            put(description, into: "rationale")
        }
        if title == nil, let value = item.standard[name], !value.text.isEmpty {
            title = value.text
            used.insert(name)
            if let xhtml = value.xhtml { fields["xhtml.title"] = .string(xhtml) }
        }
        for standard in standardNames.subtracting(used).sorted() {
            guard let value = item.standard[standard] else { continue }
            let field = "reqif." + standard.dropFirst("ReqIF.".count).lowercased()
            fields[field] = .string(value.text)
            if let xhtml = value.xhtml { fields["xhtml." + field] = .string(xhtml) }
        }
        for (definition, value) in item.values {
            guard let attribute = names[definition] else { continue }
            fields["attr." + attribute] = value
            if let xhtml = item.xhtml[definition] { fields["xhtml.attr." + attribute] = .string(xhtml) }
        }
        let text = item.standard[Self.text]?.text ?? ""
        let fallback = title ?? text.split(separator: "\n").first.map(String.init) ?? item.longName ?? item.objectIdentifier
        return (Self.title(fallback.isEmpty ? item.objectIdentifier : fallback), fields)
    }

    /// At most 500 characters (the artifact limit); a longer title is cut at a word with "…" — the whole
    /// text stays in the statement or the `reqif.name` field.
    static func title(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard line.count > 500 else { return line }
        let cut = line.prefix(499)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
    }

    /// `label` as an attribute name: lower-case letters, digits, - and _, at most 40 characters.
    static func attributeName(_ label: String) -> String {
        var name = ""
        for character in label.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) { name.append(character) }
            else if character == "_" { name.append("_") }
            else if name.last != "-" { name.append("-") }
        }
        let trimmed = name.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(36)
        return trimmed.isEmpty ? "attribute" : String(trimmed)
    }
}
