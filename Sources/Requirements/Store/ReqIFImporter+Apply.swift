import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Vapor

extension ReqIFImporter {
    /// Applies the plan in one transaction — modules, attributes, items, placement, links and identities all
    /// commit or none does — and returns the comparison it applied (keys filled in). Changed trigger fields
    /// turn the links at that item suspect, and send an approved requirement back to review, as any edit does.
    @discardableResult
    public static func apply(_ context: RequirementContext, _ plan: ReqIFImportPlan, file: String) async throws -> Preview {
        try context.requireRole(.editor, to: "import requirements")
        return try await context.write { writer in
            var run = try await ReqIFApplyRun(writer: writer, context: context, plan: plan)
            try await run.modules()
            try await run.items()
            try await run.links()
            try await run.saveIdentities()
            let preview = run.preview
            try await AuditLog.record(
                AuditEvent("reqif.imported", kind: "reqif-import", key: String(file.prefix(200)), project: context.projectID,
                           after: ["new": String(preview.count(.new)), "changed": String(preview.count(.changed)),
                                   "unchanged": String(preview.count(.unchanged)), "missing": String(preview.count(.missing)),
                                   "links": String(preview.newLinks.count)],
                           note: "ReqIF from \(plan.sourceTool): \(plan.counts)"),
                by: context.actor, on: writer.database, at: context.now)
            return run.preview
        }
    }
}

/// One application of a plan inside the writer's transaction (links and identities: ReqIFImporter+ApplyLinks.swift).
struct ReqIFApplyRun {
    let writer: ArtifactWriter
    let context: RequirementContext
    let plan: ReqIFImportPlan
    var comparison: ReqIFImporter.Comparison
    var preview: ReqIFImporter.Preview
    var moduleIDs: [String: UUID] = [:]
    var names: [String: [String: String]] = [:]
    var artifactIDs: [String: UUID] = [:]
    var identities: [(ReqIFIdentity.Role, String, UUID?, UUID?, String)] = []
    var groups: Set<Group> = []
    var placedIDs: Set<UUID> = []
    var requirementDefaults: ArtifactFields = [:]
    /// Where each new object's line is in the preview, to fill in its key once created.
    var newItems: [String: Int] = [:]
    var triggerFields: [String] = []
    /// New objects in document order, created together once the walk is done (`createNew`).
    var created: [NewItem] = []
    /// Objects the project has, updated after the new ones exist (one may move under a new one).
    var updates: [Update] = []

    struct Group: Hashable { var module: UUID; var parent: UUID? }

    /// A new object: its id is fixed when the walk meets it, so its children can be placed under it. Its fields,
    /// models and rows are made only when its slice is written (`createNew`): held for every object of a 100k
    /// file at once, they were most of the import's memory.
    struct NewItem {
        let item: ReqIFImportPlan.Item
        let module: String
        let id: UUID
        let moduleID: UUID
        let parent: UUID?
        let position: Int
        let kind: String
        /// Kind and key prefix: each group is created in document order, so the keys come out as creating one
        /// object at a time gives them.
        let group: String
        let pattern: KeyPattern
    }

    /// New objects are written this many at a time.
    static let slice = 1_000

    struct Update {
        let item: ReqIFImportPlan.Item
        let module: ReqIFImportPlan.Module
        let moduleID: UUID
        let parent: UUID?
        let position: Int
    }

    var db: any Database { writer.database }

    init(writer: ArtifactWriter, context: RequirementContext, plan: ReqIFImportPlan) async throws {
        self.writer = writer
        self.context = context
        self.plan = plan
        comparison = try await .make(plan, context: context, on: writer.database)
        preview = comparison.preview
        for (index, item) in preview.items.enumerated() where item.state == .new { newItems[item.objectIdentifier] = index }
        let settings = try await RequirementSettings.of(context.projectID, on: writer.database)
        requirementDefaults = [
            "statement": .string(""), "rationale": .string(""), "type": .string(settings.typeList.first ?? "functional"),
            "priority": .string("medium"), "verification_methods": .list([]), "source": .string(""), "owner": .string(""),
            "tags": .list([]), "status": .string(RequirementStatus.draft.rawValue),
        ]
        triggerFields = try await writer.triggerFields(of: RequirementKinds.requirement)
    }

    // MARK: modules and attributes

    mutating func modules() async throws {
        var live = try await RequirementModule.query(on: db).filter(\.$projectID == context.projectID).all()
        for (index, module) in plan.modules.enumerated() {
            let target: RequirementModule
            if let found = comparison.modules[module.identifier] {
                target = found
            } else {
                target = RequirementModule()
                target.id = UUID()
                target.projectID = context.projectID
                target.name = Self.unique(String(module.name.prefix(190)), among: Set(live.filter { $0.deletedAt == nil }.map { $0.name.lowercased() }))
                target.prefix = Self.prefix(for: module.name, taken: Set(live.map(\.prefix)))
                target.description = String(module.description.prefix(5_000))
                target.parentExpected = false
                target.position = (live.map(\.position).max() ?? -1) + 1
                target.createdAt = context.now
                try await target.create(on: db)
                live.append(target)
                try await AuditLog.record(
                    AuditEvent("requirement-module.created", kind: "requirement-module", id: target.id?.uuidString.lowercased(),
                               key: target.prefix, project: context.projectID, after: ["name": target.name, "prefix": target.prefix],
                               note: "ReqIF import of specification \(module.identifier)"),
                    by: context.actor, on: db, at: context.now)
                preview.modules[index].prefix = target.prefix
            }
            let id = try target.requireID()
            moduleIDs[module.identifier] = id
            identities.append((module.role, module.identifier, id, id, ""))
            names[module.identifier] = try await attributes(module, moduleID: id)
        }
    }

    /// The module's attribute definitions for the plan's attributes: found by identity, else created (a name
    /// SESA already uses gets a suffix); enumerations gain the file's new values.
    private mutating func attributes(_ module: ReqIFImportPlan.Module, moduleID: UUID) async throws -> [String: String] {
        var definitions = try await AttributeDefinition.query(on: db).filter(\.$moduleID == moduleID).all()
        var result: [String: String] = [:]
        for attribute in module.attributes {
            let targets = attribute.definitions.compactMap { comparison.identity(.attribute, module.identifier + "/" + $0)?.targetID }
            let known = targets.compactMap { target in definitions.first { $0.id == target } }.first
            let definition: AttributeDefinition
            if let known {
                definition = known
                let missing = attribute.options.filter { !definition.optionList.contains($0) }
                if !missing.isEmpty {
                    definition.options = (definition.optionList + missing).joined(separator: "\n")
                    try await definition.save(on: db)
                }
            } else {
                definition = AttributeDefinition()
                definition.id = UUID()
                definition.projectID = context.projectID
                definition.moduleID = moduleID
                definition.name = Self.unique(attribute.name, among: Set(definitions.map(\.name)), separator: "-")
                definition.label = attribute.label
                definition.valueType = attribute.type
                definition.options = attribute.options.joined(separator: "\n")
                definition.position = (definitions.map(\.position).max() ?? -1) + 1
                try await definition.create(on: db)
                definitions.append(definition)
            }
            for reqif in attribute.definitions {
                result[reqif] = definition.name
                identities.append((.attribute, module.identifier + "/" + reqif, try definition.requireID(), moduleID, attribute.reqifKind))
            }
        }
        return result
    }

    // MARK: items

    mutating func items() async throws {
        for module in plan.modules {
            guard let moduleID = moduleIDs[module.identifier] else { continue }
            try place(module.items, module: module, moduleID: moduleID, parent: nil)
        }
        try await createNew()
        for update in updates { try await self.update(update) }
        for node in plan.danglingNodes {
            identities.append((.hierarchy, node.identifier, nil, moduleIDs[node.specification], node.objectRef))
        }
        for group in groups {
            let children = try await RequirementStore.children(module: group.module, parent: group.parent, on: db)
            let ordered = children.enumerated().sorted { a, b in
                let (planA, planB) = (placedIDs.contains(a.element.id ?? UUID()), placedIDs.contains(b.element.id ?? UUID()))
                if planA != planB { return planA }
                return a.element.position == b.element.position ? a.offset < b.offset : a.element.position < b.element.position
            }.map(\.element)
            try await RequirementStore.renumber(ordered, on: db)
        }
    }

    /// Walks the module's tree: fixes where each object goes and the id of each new one, writing nothing yet.
    private mutating func place(_ items: [ReqIFImportPlan.Item], module: ReqIFImportPlan.Module, moduleID: UUID,
                                parent: UUID?) throws
    {
        // Only a level the file puts objects in is renumbered afterwards (a query each).
        guard !items.isEmpty else { return }
        var position = 0
        for item in items {
            if item.isRepeat {
                identities.append((.hierarchy, item.hierarchyIdentifier, artifactIDs[item.objectIdentifier], moduleID, item.objectIdentifier))
                try place(item.children, module: module, moduleID: moduleID, parent: parent)
                continue
            }
            let id = try prepare(item, module: module, moduleID: moduleID, parent: parent, position: position)
            position += 1
            artifactIDs[item.objectIdentifier] = id
            placedIDs.insert(id)
            identities.append((.object, item.objectIdentifier, id, moduleID, ""))
            if !item.hierarchyIdentifier.isEmpty {
                identities.append((.hierarchy, item.hierarchyIdentifier, id, moduleID, item.objectIdentifier))
            }
            try place(item.children, module: module, moduleID: moduleID, parent: id)
        }
        groups.insert(Group(module: moduleID, parent: parent))
    }

    /// The object's id: the existing one (its update queued), or a new one (its creation queued).
    private mutating func prepare(_ item: ReqIFImportPlan.Item, module: ReqIFImportPlan.Module, moduleID: UUID, parent: UUID?,
                                  position: Int) throws -> UUID
    {
        if let existing = comparison.existing[item.objectIdentifier] {
            updates.append(Update(item: item, module: module, moduleID: moduleID, parent: parent, position: position))
            return existing.artifactID
        }
        guard let prefix = comparison.modules[module.identifier]?.prefix ?? preview.modules.first(where: { $0.identifier == module.identifier })?.prefix
        else { throw Abort(.internalServerError, reason: "The module of specification \(module.identifier) was not created.") }
        let kind = item.type == .requirement ? RequirementKinds.requirement : RequirementKinds.section
        let pattern = item.type == .requirement ? RequirementKinds.requirementPattern(prefix: prefix) : RequirementKinds.sectionPattern(prefix: prefix)
        let id = UUID()
        created.append(NewItem(item: item, module: module.identifier, id: id, moduleID: moduleID, parent: parent, position: position,
                               kind: kind.id, group: kind.id + "\u{1F}" + pattern.prefix, pattern: pattern))
        return id
    }

    /// Creates the new objects a kind and key prefix at a time, a slice of them after the other
    /// (`ArtifactWriter.createMany`: versions and audit entries included), each slice with its document rows —
    /// batched statements where one object at a time took a dozen round trips each. (Document rows may come before
    /// their parent's: `parent_id` is not a foreign key.)
    private mutating func createNew() async throws {
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for (index, new) in created.enumerated() {
            if groups[new.group] == nil { order.append(new.group) }
            groups[new.group, default: []].append(index)
        }
        for group in order {
            let indices = groups[group] ?? []
            for start in stride(from: 0, to: indices.count, by: Self.slice) {
                try await createSlice(Array(indices[start..<min(start + Self.slice, indices.count)]))
            }
        }
        created = []
    }

    private mutating func createSlice(_ indices: [Int]) async throws {
        let first = created[indices[0]]
        let drafts = indices.map { index in
            let new = created[index]
            let (title, planned) = ReqIFImportPlan.fields(of: new.item, as: new.item.type, names: names[new.module] ?? [:])
            var fields = new.item.type == .requirement ? requirementDefaults : ["text": .string("")]
            for (name, value) in planned.values { fields[name] = value }
            return (title: title, fields: fields)
        }
        let artifacts = try await writer.createMany(kind: first.kind, drafts, keyPattern: first.pattern, ids: indices.map { created[$0].id })
        var rows: [DocumentItem] = []
        for ((index, artifact), draft) in zip(zip(indices, artifacts), drafts) {
            let new = created[index]
            let row = DocumentItem()
            row.id = new.id
            row.projectID = context.projectID
            row.moduleID = new.moduleID
            row.parentID = new.parent
            row.position = new.position
            row.itemType = new.item.type
            RequirementStore.fill(row, artifact: artifact, fields: draft.fields)
            rows.append(row)
            if let line = newItems[new.item.objectIdentifier] { preview.items[line].key = artifact.key }
        }
        try await RequirementStore.createMany(rows, on: db)
    }

    /// Brings an existing object up to the file: its fields where they changed, its place in the document.
    private mutating func update(_ update: Update) async throws {
        let (item, moduleID, parent, position) = (update.item, update.moduleID, update.parent, update.position)
        guard let existing = comparison.existing[item.objectIdentifier] else { return }
        let id = existing.artifactID
        let change = comparison.changed[item.objectIdentifier]
        var artifact: Artifact?
        var fields: ArtifactFields?
        if let change {
            var changedFields = change.fields
            let status = RequirementStatus(rawValue: change.before["status"].displayText)
            let triggerChanged = !Set(change.before.changes(to: changedFields)).isDisjoint(with: triggerFields)
            if existing.itemType == .requirement, status == .approved, triggerChanged {
                changedFields["status"] = .string(RequirementStatus.inReview.rawValue)
            }
            let updated = try await writer.update(id, expectedVersion: existing.version, title: change.title, fields: changedFields)
            (artifact, fields) = (updated, changedFields)
            if changedFields["status"] != change.before["status"] {
                try await AuditLog.record(
                    AuditEvent("requirement.status-changed", kind: "requirement", id: id.uuidString.lowercased(), key: updated.key,
                               project: context.projectID, before: ["status": "approved"], after: ["status": "in-review"],
                               note: "a ReqIF re-import changed an approved requirement's trigger fields: back to review"),
                    by: context.actor, on: db, at: context.now)
            }
        }
        let moved = existing.moduleID != moduleID || existing.parentID != parent
        // An unchanged object in its place keeps its row as it is: a re-import of an unchanged file rewrote
        // every document and search row.
        guard change != nil || moved || existing.position != position else { return }
        if moved { groups.insert(Group(module: existing.moduleID, parent: existing.parentID)) }
        // The models are read here, for the few objects that change or move (the comparison keeps plain values).
        if artifact == nil { artifact = try await Artifact.find(id, on: db) }
        guard let documentItem = try await DocumentItem.find(id, on: db), let artifact else {
            throw Abort(.internalServerError, reason: "\(existing.key) is gone from the project.")
        }
        if fields == nil {
            guard let version = try await ArtifactQueries.currentVersions(of: [artifact], on: db)[id] else {
                throw Abort(.internalServerError, reason: "The current version of \(existing.key) is missing.")
            }
            fields = try version.fields()
        }
        documentItem.moduleID = moduleID
        documentItem.parentID = parent
        documentItem.position = position
        try await RequirementStore.sync(documentItem, artifact: artifact, fields: fields ?? [:], on: db)
    }

    // MARK: naming

    static func unique(_ name: String, among taken: Set<String>, separator: String = " ") -> String {
        var candidate = name
        var suffix = 2
        while taken.contains(separator == " " ? candidate.lowercased() : candidate) {
            candidate = separator == " " ? "\(name) (\(suffix))" : "\(name)\(separator)\(suffix)"
            suffix += 1
        }
        return candidate
    }

    /// A key prefix from the module name: initials of several words ("System Requirements" → SR), or the first
    /// letters of one; a number is appended when the prefix is taken.
    static func prefix(for name: String, taken: Set<String>) -> String {
        let words = name.uppercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init)
        var base = words.count >= 2 ? String(words.prefix(5).compactMap(\.first)) : String(words.first?.prefix(4) ?? "")
        base = String(base.drop { !$0.isLetter }.prefix(8))
        if base.isEmpty { base = "RQ" }
        var candidate = base
        var suffix = 2
        while taken.contains(candidate) {
            candidate = base + String(suffix)
            suffix += 1
        }
        return candidate
    }
}
