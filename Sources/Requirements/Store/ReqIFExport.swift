import Artifacts
import Fluent
import Foundation
import Interchange
import Platform

/// Requirement modules as a ReqIF document — the inverse of `ReqIFImportPlan`: a module is a SPECIFICATION,
/// its tree the hierarchy, SESA's fields the implementation guide's standard attributes (kept as XHTML where
/// they came as XHTML), custom attributes typed as they were read, links as relations with their type names.
/// Imported elements keep their IDENTIFIERs, so the other tool recognises its objects; SESA's own get
/// `sesa-…` identifiers from their ids, stable across exports. Importing the export gives the same content.
public enum ReqIFExport {
    /// `prefix` limits the export to one module.
    public static func document(projectID: UUID, prefix: String? = nil, on db: any Database, now: Date) async throws -> ReqIFDocument {
        var query = RequirementModule.query(on: db).filter(\.$projectID == projectID).filter(\.$deletedAt == nil)
        if let prefix { query = query.filter(\.$prefix == prefix.uppercased()) }
        let modules = try await query.sort(\.$position).all()
        var builder = Builder(now: ISO8601DateFormatter().string(from: now))
        let identities = try await ReqIFIdentity.query(on: db).filter(\.$projectID == projectID).all()
        for row in identities {
            if let target = row.targetID { builder.identityByTarget[row.role, default: [:]][target] = row }
        }
        for module in modules { try await builder.add(module, on: db) }
        try await builder.addLinks(on: db)
        return builder.finish(title: modules.count == 1 ? modules[0].name : "SESA export")
    }
}

private struct Builder {
    let now: String
    var document = ReqIFDocument()
    var identityByTarget: [ReqIFIdentity.Role: [UUID: ReqIFIdentity]] = [:]
    var objectIDs: [UUID: String] = [:]
    var usedIdentifiers: Set<String> = []
    var relationTypes: [String: String] = [:]
    var prefixes: Set<String> = ["xhtml"]
    static let stringType = "sesa-datatype-string", xhtmlType = "sesa-datatype-xhtml", booleanType = "sesa-datatype-boolean"
    let formatter = ISO8601DateFormatter()
    static let realType = "sesa-datatype-real", integerType = "sesa-datatype-integer", dateType = "sesa-datatype-date"

    init(now: String) {
        self.now = now
        for (id, kind) in [(Self.stringType, ReqIFDocument.ValueKind.string), (Self.xhtmlType, .xhtml), (Self.booleanType, .boolean),
                           (Self.realType, .real), (Self.integerType, .integer), (Self.dateType, .date)]
        {
            var datatype = ReqIFDocument.Datatype(identity: identity(id, name: kind.rawValue.capitalized), kind: kind)
            switch kind {
            case .string: datatype.maxLength = "1000000"
            case .integer: (datatype.min, datatype.max) = ("-9223372036854775808", "9223372036854775807")
            case .real: (datatype.min, datatype.max, datatype.accuracy) = ("-1.0E308", "1.0E308", "15")
            default: break
            }
            document.datatypes.append(datatype)
        }
        usedIdentifiers = Set(document.datatypes.map(\.identity.identifier))
    }

    func identity(_ id: String, name: String? = nil) -> ReqIFDocument.Identity {
        ReqIFDocument.Identity(identifier: id, longName: name, lastChange: now)
    }

    /// `preferred` unless another element of this document took it; then a suffixed one.
    mutating func claim(_ preferred: String) -> String {
        var candidate = preferred.replacingOccurrences(of: "#", with: "_")
        var suffix = 2
        while usedIdentifiers.contains(candidate) { candidate = preferred + "-\(suffix)"; suffix += 1 }
        usedIdentifiers.insert(candidate)
        return candidate
    }

    /// One attribute definition of a module's spec types.
    struct Definition {
        var id: String
        var kind: ReqIFDocument.ValueKind
        var attribute: AttributeDefinition?
        var enumValues: [String: String] = [:]
        /// The enumeration's own datatype.
        var datatype: String?
    }

    mutating func add(_ module: RequirementModule, on db: any Database) async throws {
        let moduleID = try module.requireID()
        let items = try await DocumentItem.query(on: db).filter(\.$moduleID == moduleID).all()
        let artifacts = try await Artifact.query(on: db).filter(\.$id ~~ items.compactMap(\.id)).filter(\.$deletedAt == nil).all()
        var fields: [UUID: (Artifact, ArtifactFields)] = [:]
        for artifact in artifacts {
            let id = try artifact.requireID()
            fields[id] = (artifact, try await ArtifactQueries.version(id, artifact.version, on: db).fields())
        }
        let attributes = try await RequirementStore.attributes(of: moduleID, on: db)
        var custom: [String: Definition] = [:]
        for attribute in attributes {
            custom[attribute.name] = defineCustom(attribute, module: module)
        }
        // A spec type per shape of standard values; an ATTRIBUTE-DEFINITION belongs to one type, so each type
        // has its own (the first keeps an imported definition's IDENTIFIER; the importer joins same-named ones).
        var types: [String: (id: String, definitions: [String: String])] = [:]
        for item in items {
            guard let id = item.id, let (artifact, values) = fields[id] else { continue }
            let objectID = claim(identityByTarget[.object]?[id]?.identifier ?? "sesa-object-" + id.uuidString.lowercased())
            objectIDs[id] = objectID
            let pieces = standardValues(item.itemType, values)
            let signature = item.itemType.rawValue + ":" + pieces.map { $0.name + ($0.xhtml == nil ? "" : "*") }.joined(separator: ",")
            if types[signature] == nil { types[signature] = defineType(signature, number: types.count + 1, item.itemType, pieces, attributes, custom, module) }
            let type = types[signature]!
            var object = ReqIFDocument.SpecObject(identity: ReqIFDocument.Identity(identifier: objectID, lastChange: iso(artifact.updatedAt)),
                                                  typeRef: type.id)
            for piece in pieces {
                let kind: ReqIFDocument.ValueKind = piece.xhtml == nil ? .string : .xhtml
                object.values.append(value(kind, type.definitions[piece.name]!, piece.text, xhtml: piece.xhtml))
            }
            for attribute in attributes {
                guard var definition = custom[attribute.name], let definitionID = type.definitions["attr." + attribute.name] else { continue }
                let field = values["attr." + attribute.name]
                if field == .null { continue }
                definition.id = definitionID
                object.values.append(customValue(definition, field, xhtml: values["xhtml.attr." + attribute.name]))
            }
            document.specObjects.append(object)
        }
        // The hierarchy, in document order; the module of objects outside any specification has none.
        let role = identityByTarget[.unplaced]?[moduleID] == nil ? ReqIFIdentity.Role.specification : .unplaced
        guard role == .specification else { return }
        let children = Dictionary(grouping: items, by: \.parentID).mapValues { $0.sorted { $0.position < $1.position } }
        func nodes(_ parent: UUID?) -> [ReqIFDocument.HierarchyNode] {
            (children[parent] ?? []).compactMap { item in
                guard let id = item.id, let object = objectIDs[id] else { return nil }
                return ReqIFDocument.HierarchyNode(identity: identity(hierarchyIDs[id]!), objectRef: object, children: nodes(id))
            }
        }
        var hierarchyIDs: [UUID: String] = [:]
        for item in items { if let id = item.id, objectIDs[id] != nil {
            hierarchyIDs[id] = claim(identityByTarget[.hierarchy]?[id]?.identifier ?? "sesa-node-" + id.uuidString.lowercased())
        } }
        let specTypeID = claim("sesa-\(module.prefix.lowercased())-specification-type")
        document.specTypes.append(.init(identity: identity(specTypeID, name: "Specification"), category: .specification))
        let specID = claim(identityByTarget[.specification]?[moduleID]?.identifier ?? "sesa-module-" + moduleID.uuidString.lowercased())
        var specification = ReqIFDocument.Specification(identity: identity(specID, name: module.name), typeRef: specTypeID, children: nodes(nil))
        if !module.description.isEmpty { specification.identity.description = module.description }
        document.specifications.append(specification)
    }

    struct Piece { var name: String; var text: String; var xhtml: String? }

    /// A spec object type with its own definitions: standard ones by ReqIF name, custom ones by `attr.<name>`.
    mutating func defineType(_ signature: String, number: Int, _ itemType: DocumentItem.ItemType, _ pieces: [Piece],
                             _ attributes: [AttributeDefinition], _ custom: [String: Definition], _ module: RequirementModule)
        -> (id: String, definitions: [String: String])
    {
        let typeID = claim("sesa-\(module.prefix.lowercased())-type-\(number)")
        var definitions: [String: String] = [:]
        var type = ReqIFDocument.SpecType(identity: identity(typeID, name: itemType == .section ? "Section" : "Requirement"),
                                          category: .specObject)
        for piece in pieces {
            let kind: ReqIFDocument.ValueKind = piece.xhtml == nil ? .string : .xhtml
            let id = claim("\(typeID)-\(piece.name.lowercased().replacingOccurrences(of: ".", with: "-"))")
            definitions[piece.name] = id
            type.attributes.append(.init(identity: identity(id, name: piece.name), kind: kind,
                                         datatypeRef: kind == .xhtml ? Self.xhtmlType : Self.stringType))
        }
        for attribute in attributes {
            guard let definition = custom[attribute.name] else { continue }
            let id = claim(definition.id)
            definitions["attr." + attribute.name] = id
            type.attributes.append(.init(identity: identity(id, name: attribute.label), kind: definition.kind,
                                         datatypeRef: datatypeRef(definition), multiValued: attribute.valueType == .multiEnumeration))
        }
        document.specTypes.append(type)
        return (typeID, definitions)
    }

    /// The standard attributes of an item, from the fields `ReqIFImportPlan.fields` fills.
    func standardValues(_ type: DocumentItem.ItemType, _ fields: ArtifactFields) -> [Piece] {
        func text(_ field: String) -> String? { if case .string(let value) = fields[field] { value } else { nil } }
        func piece(_ name: String, _ field: String, always: Bool = false) -> Piece? {
            let xhtml = text("xhtml." + field)
            // `reqif.` fields exist only where the file had the value, so they go back even when empty.
            guard let value = text(field), always || field.hasPrefix("reqif.") || !value.isEmpty || xhtml != nil else { return nil }
            return Piece(name: name, text: value, xhtml: xhtml)
        }
        switch type {
        case .requirement:
            return [piece(ReqIFImportPlan.name, "title", always: true), piece(ReqIFImportPlan.text, "statement", always: true),
                    piece(ReqIFImportPlan.description, "rationale"), piece(ReqIFImportPlan.chapterName, "reqif.chaptername")].compactMap { $0 }
        case .section:
            return [piece(ReqIFImportPlan.chapterName, "title", always: true), piece(ReqIFImportPlan.text, "text"),
                    piece(ReqIFImportPlan.name, "reqif.name"), piece(ReqIFImportPlan.description, "reqif.description")].compactMap { $0 }
        }
    }

    mutating func defineCustom(_ attribute: AttributeDefinition, module: RequirementModule) -> Definition {
        let imported = attribute.id.flatMap { identityByTarget[.attribute]?[$0] }
        let originalKind = imported.flatMap { ReqIFDocument.ValueKind(rawValue: String($0.detail.split(separator: " ").first ?? "")) }
        let kind: ReqIFDocument.ValueKind
        switch attribute.valueType {
        case .text: kind = originalKind == .xhtml || originalKind == .date ? originalKind! : .string
        case .number: kind = originalKind == .integer ? .integer : .real
        case .date: kind = .string
        case .boolean: kind = .boolean
        case .enumeration, .multiEnumeration: kind = .enumeration
        }
        let preferred = imported.map { String($0.identifier.split(separator: "/").last ?? "") } ?? "sesa-\(module.prefix.lowercased())-attr-\(attribute.name)"
        var definition = Definition(id: preferred, kind: kind, attribute: attribute)
        if kind == .enumeration {
            let typeID = claim("sesa-\(module.prefix.lowercased())-enum-\(attribute.name)")
            definition.datatype = typeID
            var datatype = ReqIFDocument.Datatype(identity: identity(typeID, name: attribute.label), kind: .enumeration)
            for (index, option) in attribute.optionList.enumerated() {
                let valueID = claim("\(typeID)-\(index + 1)")
                definition.enumValues[option] = valueID
                datatype.values.append(.init(identity: identity(valueID, name: option), key: String(index + 1)))
            }
            document.datatypes.append(datatype)
        }
        return definition
    }

    func datatypeRef(_ definition: Definition) -> String {
        switch definition.kind {
        case .string: Self.stringType
        case .xhtml: Self.xhtmlType
        case .boolean: Self.booleanType
        case .integer: Self.integerType
        case .real: Self.realType
        case .date: Self.dateType
        case .enumeration: definition.datatype ?? Self.stringType
        }
    }

    mutating func value(_ kind: ReqIFDocument.ValueKind, _ definition: String, _ text: String, xhtml: String?) -> ReqIFDocument.AttributeValue {
        if kind == .xhtml {
            let content = xhtml ?? "<xhtml:div>\(XMLEscape.escape(text, quotes: false))</xhtml:div>"
            notePrefixes(content)
            return .init(kind: .xhtml, definitionRef: definition, value: .xhtml(content, original: nil))
        }
        return .init(kind: kind, definitionRef: definition, value: .text(text))
    }

    mutating func customValue(_ definition: Definition, _ field: ArtifactValue, xhtml: ArtifactValue) -> ReqIFDocument.AttributeValue {
        switch field {
        case .list(let options):
            return .init(kind: .enumeration, definitionRef: definition.id, value: .enumeration(options.compactMap { definition.enumValues[$0] }))
        case .bool(let flag):
            return .init(kind: .boolean, definitionRef: definition.id, value: .text(flag ? "true" : "false"))
        default:
            let text = rawText(field)
            if definition.kind == .enumeration {
                return .init(kind: .enumeration, definitionRef: definition.id, value: .enumeration(definition.enumValues[text].map { [$0] } ?? []))
            }
            if case .string(let original) = xhtml { return value(.xhtml, definition.id, text, xhtml: original) }
            return value(definition.kind, definition.id, text, xhtml: nil)
        }
    }

    func rawText(_ value: ArtifactValue) -> String {
        switch value {
        case .string(let text), .decimal(let text): text
        case .int(let number): String(number)
        default: value.displayText
        }
    }

    mutating func notePrefixes(_ xhtml: String) {
        for match in xhtml.matches(of: /<\/?([A-Za-z_][A-Za-z0-9_.-]*):/) { prefixes.insert(String(match.1)) }
    }

    mutating func addLinks(on db: any Database) async throws {
        let ids = Array(objectIDs.keys)
        guard !ids.isEmpty else { return }
        let links = try await ArtifactLink.query(on: db).filter(\.$sourceID ~~ ids).all()
        for link in links.sorted(by: { ($0.createdAt, $0.id?.uuidString ?? "") < ($1.createdAt, $1.id?.uuidString ?? "") }) {
            guard let id = link.id, let source = objectIDs[link.sourceID], let target = objectIDs[link.targetID] else { continue }
            let imported = identityByTarget[.relation]?[id]
            let typeName = imported.map { String($0.detail.split(separator: "\u{1F}", omittingEmptySubsequences: false).first ?? "") }
                ?? link.kind
            if relationTypes[typeName] == nil {
                let typeID = claim("sesa-relation-type-" + ReqIFImportPlan.attributeName(typeName))
                relationTypes[typeName] = typeID
                document.specTypes.append(.init(identity: identity(typeID, name: typeName), category: .specRelation))
            }
            document.specRelations.append(.init(
                identity: ReqIFDocument.Identity(identifier: claim(imported?.identifier ?? "sesa-link-" + id.uuidString.lowercased()),
                                                 lastChange: iso(link.clearedAt ?? link.createdAt)),
                typeRef: relationTypes[typeName]!, sourceRef: source, targetRef: target))
        }
    }

    func iso(_ date: Date?) -> String { date.map(formatter.string) ?? now }

    mutating func finish(title: String) -> ReqIFDocument {
        document.header = .init(identifier: "sesa-export-" + UUID().uuidString.lowercased(), creationTime: now,
                                repositoryID: "SESA", toolID: "SESA \(SesaVersion.current)", version: "1.0",
                                sourceToolID: "SESA", title: title)
        for prefix in prefixes { document.namespaces["xmlns:" + prefix] = ReqIFWriter.xhtmlNamespace }
        return document
    }
}
