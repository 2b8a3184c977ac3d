import Artifacts
import Foundation
import Interchange

extension ReqIFImportPlan {
    /// Maps `document`. `linkKinds` are the registered link kinds a relation type may name (by id or label,
    /// e.g. "refines"); other types become `relates-to`, their names kept. `mappings` are the project's saved
    /// field mappings by source tool; the one for this file's tool decides which attributes are SESA fields.
    public init(_ document: ReqIFDocument, linkKinds: [LinkKind] = RequirementKinds.linkKinds,
                mappings: [String: ReqIFFieldMapping] = [:])
    {
        let sourceTool = Self.sourceTool(of: document)
        let mapping = mappings[sourceTool] ?? ReqIFFieldMapping()
        var mapper = Mapper(document: document, linkKinds: linkKinds, mapping: mapping)
        self.counts = document.counts
        self.sourceTool = sourceTool
        self.mapping = mapping
        var labels: [String] = []
        var seen: Set<String> = []
        for type in document.specTypes where type.category == .specObject {
            for definition in type.attributes where seen.insert(Mapper.label(definition)).inserted { labels.append(Mapper.label(definition)) }
        }
        self.attributeLabels = labels
        self.modules = mapper.modules()
        self.danglingNodes = mapper.dangling
        self.relations = mapper.relations()
        self.warnings = mapper.warnings
    }
}

/// The lookups the mapping needs, built once per document.
private struct Mapper {
    let document: ReqIFDocument
    let linkKinds: [LinkKind]
    let mapping: ReqIFFieldMapping
    var definitions: [String: ReqIFDocument.AttributeDefinition] = [:]
    var datatypes: [String: ReqIFDocument.Datatype] = [:]
    var types: [String: ReqIFDocument.SpecType] = [:]
    var objects: [String: ReqIFDocument.SpecObject] = [:]
    var placed: Set<String> = []
    var itemTypes: [String: DocumentItem.ItemType] = [:]
    var dangling: [ReqIFImportPlan.DanglingNode] = []
    var warnings: [String] = []
    /// Some tools repeat SPEC-HIERARCHY IDENTIFIERs; later uses get "#2", "#3" in document order, so each node
    /// keeps its own identity and a re-import of the same file finds them again.
    var hierarchyUses: [String: Int] = [:]
    /// Option names per enumeration datatype, computed once (values are mapped per object).
    var options: [String: [(id: String, name: String)]] = [:]

    mutating func hierarchyIdentifier(_ identifier: String) -> String {
        let uses = hierarchyUses[identifier, default: 0] + 1
        hierarchyUses[identifier] = uses
        return uses == 1 ? identifier : "\(identifier)#\(uses)"
    }

    /// How the mapping and the import page name an attribute definition.
    static func label(_ definition: ReqIFDocument.AttributeDefinition) -> String {
        definition.identity.longName ?? definition.identity.identifier
    }

    init(document: ReqIFDocument, linkKinds: [LinkKind], mapping: ReqIFFieldMapping) {
        self.document = document
        self.linkKinds = linkKinds
        self.mapping = mapping
        for type in document.specTypes {
            types[type.identity.identifier] = type
            for definition in type.attributes { definitions[definition.identity.identifier] = definition }
        }
        for datatype in document.datatypes { datatypes[datatype.identity.identifier] = datatype }
        for datatype in document.datatypes where datatype.kind == .enumeration {
            options[datatype.identity.identifier] = Self.optionNames(datatype)
        }
        for object in document.specObjects { objects[object.identity.identifier] = object }
    }

    mutating func modules() -> [ReqIFImportPlan.Module] {
        var modules: [ReqIFImportPlan.Module] = []
        for specification in document.specifications {
            let id = specification.identity.identifier
            var typeRefs: [String] = []
            let items = specification.children.flatMap { node(node: $0, specification: id, typeRefs: &typeRefs) }
            modules.append(ReqIFImportPlan.Module(
                identifier: id, role: .specification, name: specification.identity.longName ?? id,
                description: specification.identity.description ?? "", attributes: attributes(of: typeRefs), items: items))
        }
        let unplaced = document.specObjects.filter { !placed.contains($0.identity.identifier) }
        if !unplaced.isEmpty {
            let items = unplaced.map { item($0, hierarchy: "") }
            modules.append(ReqIFImportPlan.Module(
                identifier: "unplaced", role: .unplaced, name: "ReqIF objects outside any specification",
                description: "Spec objects of imported ReqIF files that no specification places.",
                attributes: attributes(of: unplaced.map(\.typeRef)), items: items))
        }
        return modules
    }

    /// The node as an item; a node whose object is missing is recorded and its children take its place.
    private mutating func node(node: ReqIFDocument.HierarchyNode, specification: String, typeRefs: inout [String])
        -> [ReqIFImportPlan.Item]
    {
        let identifier = hierarchyIdentifier(node.identity.identifier)
        guard let object = objects[node.objectRef] else {
            dangling.append(.init(identifier: identifier, objectRef: node.objectRef, specification: specification))
            warnings.append("SPEC-HIERARCHY \(node.identity.identifier) places the object \(node.objectRef), which the file does "
                            + "not contain: the node is kept for export, its children move up")
            return node.children.flatMap { self.node(node: $0, specification: specification, typeRefs: &typeRefs) }
        }
        var item: ReqIFImportPlan.Item
        if placed.contains(node.objectRef) {
            item = ReqIFImportPlan.Item(hierarchyIdentifier: identifier, objectIdentifier: node.objectRef,
                                        type: itemTypes[node.objectRef] ?? .requirement, isRepeat: true)
        } else {
            placed.insert(node.objectRef)
            typeRefs.append(object.typeRef)
            item = self.item(object, hierarchy: identifier)
        }
        item.children = node.children.flatMap { self.node(node: $0, specification: specification, typeRefs: &typeRefs) }
        return [item]
    }

    private mutating func item(_ object: ReqIFDocument.SpecObject, hierarchy: String) -> ReqIFImportPlan.Item {
        var item = ReqIFImportPlan.Item(hierarchyIdentifier: hierarchy, objectIdentifier: object.identity.identifier,
                                        type: .requirement, longName: object.identity.longName)
        for value in object.values {
            guard let definition = definitions[value.definitionRef] else { continue }
            if let name = mapping.standardName(Self.label(definition)) {
                // Two attributes mapped to one field (the tool's own and ReqIF.Text): the first with a value wins.
                if let present = item.standard[name], !present.text.isEmpty { continue }
                switch value.value {
                case .xhtml(let xhtml, _): item.standard[name] = .init(text: XHTMLText.plain(xhtml), xhtml: xhtml)
                case .text(let text): item.standard[name] = .init(text: text)
                case .enumeration(let refs): item.standard[name] = .init(text: enumNames(refs, definition).joined(separator: ", "))
                }
                continue
            }
            let id = definition.identity.identifier
            switch value.value {
            case .xhtml(let xhtml, _):
                item.values[id] = .string(XHTMLText.plain(xhtml))
                item.xhtml[id] = xhtml
            case .enumeration(let refs):
                let names = enumNames(refs, definition)
                // Several values are kept in the order of the enumeration, as SESA's forms keep them.
                let order = (options[definition.datatypeRef] ?? []).map(\.name)
                let sorted = names.sorted { (order.firstIndex(of: $0) ?? Int.max) < (order.firstIndex(of: $1) ?? Int.max) }
                item.values[id] = definition.multiValued ? .list(sorted) : .string(names.first ?? "")
            case .text(let text):
                switch definition.kind {
                case .boolean: item.values[id] = .bool(text == "true" || text == "1")
                case .integer, .real: item.values[id] = RequirementDraft.isDecimal(text) ? .decimal(text) : .string(text)
                default: item.values[id] = .string(text)
                }
            }
        }
        let chapter = item.standard[ReqIFImportPlan.chapterName]?.text ?? ""
        let text = item.standard[ReqIFImportPlan.text]?.text ?? ""
        // A heading: a chapter name without text, or any object of a type called Section or Heading (as SESA
        // exports its sections, whose text would otherwise make them requirements on the way back).
        let typeName = (types[object.typeRef]?.identity.longName ?? "").lowercased()
        if !chapter.isEmpty && (text.isEmpty || typeName == "section" || typeName == "heading") { item.type = .section }
        itemTypes[object.identity.identifier] = item.type
        return item
    }

    /// The custom attributes of a module: every non-standard definition of the spec types its objects use.
    private func attributes(of typeRefs: [String]) -> [ReqIFImportPlan.Attribute] {
        var seen: Set<String> = []
        var names: Set<String> = []
        var result: [ReqIFImportPlan.Attribute] = []
        for typeRef in typeRefs where !seen.contains(typeRef) {
            seen.insert(typeRef)
            for definition in types[typeRef]?.attributes ?? [] {
                let label = Self.label(definition)
                guard mapping.standardName(label) == nil,
                    !result.contains(where: { $0.definitions.contains(definition.identity.identifier) })
                else { continue }
                let (type, options) = valueType(definition)
                // The same attribute in another spec type (a "Status" of headings and of requirements) is one attribute.
                if let same = result.firstIndex(where: { $0.label == String(label.prefix(100)) && $0.type == type }) {
                    result[same].aliases.append(definition.identity.identifier)
                    result[same].options += options.filter { !result[same].options.contains($0) }
                    continue
                }
                var name = ReqIFImportPlan.attributeName(label)
                var suffix = 2
                while names.contains(name) { name = ReqIFImportPlan.attributeName(label) + "-\(suffix)"; suffix += 1 }
                names.insert(name)
                result.append(.init(definition: definition.identity.identifier, name: name, label: String(label.prefix(100)),
                                    type: type, options: options,
                                    reqifKind: definition.kind.rawValue + " " + definition.datatypeRef))
            }
        }
        return result
    }

    /// DATE values stay text: ReqIF dates carry a time and zone SESA's date attribute has no room for.
    private func valueType(_ definition: ReqIFDocument.AttributeDefinition) -> (AttributeDefinition.ValueType, [String]) {
        switch definition.kind {
        case .boolean: return (.boolean, [])
        case .integer, .real: return (.number, [])
        case .date, .string, .xhtml: return (.text, [])
        case .enumeration:
            return (definition.multiValued ? .multiEnumeration : .enumeration, (options[definition.datatypeRef] ?? []).map(\.name))
        }
    }

    /// Enumeration values as option names: LONG-NAME, else KEY, else IDENTIFIER, made unique.
    private static func optionNames(_ datatype: ReqIFDocument.Datatype?) -> [(id: String, name: String)] {
        var used: Set<String> = []
        return (datatype?.values ?? []).map { value in
            let base = value.identity.longName ?? (value.key.isEmpty ? value.identity.identifier : value.key)
            var name = String(base.prefix(200))
            var suffix = 2
            while used.contains(name) { name = "\(base.prefix(190)) (\(suffix))"; suffix += 1 }
            used.insert(name)
            return (value.identity.identifier, name)
        }
    }

    private func enumNames(_ refs: [String], _ definition: ReqIFDocument.AttributeDefinition) -> [String] {
        let names = Dictionary((options[definition.datatypeRef] ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return refs.map { names[$0] ?? $0 }
    }

    mutating func relations() -> [ReqIFImportPlan.Relation] {
        document.specRelations.map { relation in
            let type = types[relation.typeRef]
            let typeName = type?.identity.longName ?? relation.typeRef
            let resolvable = objects[relation.sourceRef] != nil && objects[relation.targetRef] != nil
            if !resolvable {
                warnings.append("SPEC-RELATION \(relation.identity.identifier) relates \(relation.sourceRef) to \(relation.targetRef), "
                                + "and the file does not contain both: it is kept for export, no link is made")
            }
            let source = itemTypes[relation.sourceRef] ?? .requirement
            let target = itemTypes[relation.targetRef] ?? .requirement
            return ReqIFImportPlan.Relation(
                identifier: relation.identity.identifier, typeName: typeName,
                linkKind: linkKind(typeName, source: source, target: target), source: relation.sourceRef,
                target: relation.targetRef, resolvable: resolvable)
        }
    }

    /// The link kind a relation type names ("refines", "Satisfies", "derives from"), if that kind joins the two
    /// ends; otherwise `relates-to`.
    private func linkKind(_ typeName: String, source: DocumentItem.ItemType, target: DocumentItem.ItemType) -> String {
        func normal(_ text: String) -> String {
            text.lowercased().map { $0 == " " || $0 == "_" ? "-" : $0 }.reduce(into: "") { $0.append($1) }
        }
        let wanted = normal(typeName)
        let match = linkKinds.first { normal($0.id) == wanted || normal($0.label) == wanted }
        if let match, match.allows(source: source.rawValue, target: target.rawValue) { return match.id }
        return RequirementKinds.relatesTo.id
    }
}
