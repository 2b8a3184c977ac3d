import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Vapor

/// Brings a `ReqIFImportPlan` into a project. `preview` is the dry run: what is new, what changed (field by
/// field), what is unchanged, and what the project has from earlier imports of the same specifications that
/// the file no longer contains. `apply` (ReqIFImporter+Apply.swift) writes exactly that in one transaction.
/// Identity is the ReqIF IDENTIFIER (`ReqIFIdentity`), so a re-import updates in place; fields SESA owns
/// (status, type, priority, tags, owner, verification methods, attributes defined in SESA) are never touched.
public enum ReqIFImporter {
    public enum State: String, Sendable, CaseIterable { case new, changed, unchanged, missing }

    public struct FieldChange: Sendable, Equatable {
        public var field: String
        public var before: String
        public var after: String
    }

    public struct ItemChange: Sendable, Equatable {
        public var objectIdentifier: String
        /// The SESA key (nil for a new item until it is applied).
        public var key: String?
        public var title: String
        public var module: String
        public var state: State
        public var changes: [FieldChange]
        /// Placed under another parent or in another module than before.
        public var moved: Bool
    }

    public struct ModuleChange: Sendable, Equatable {
        public var identifier: String
        public var name: String
        public var prefix: String?
        public var isNew: Bool
    }

    public struct Preview: Sendable {
        public var modules: [ModuleChange] = []
        public var items: [ItemChange] = []
        public var newLinks: [String] = []
        public var unchangedLinks = 0
        /// Links made by an earlier import whose relation the file no longer contains (kept, listed).
        public var missingLinks: [String] = []
        /// Relations and hierarchy nodes kept for export only (an end or object is not in the file).
        public var keptOnly = 0
        public var warnings: [String] = []
        /// ReqIFZ attachments that come with the modules (paths in the archive).
        public var attachments: [String] = []

        public func count(_ state: State) -> Int { items.filter { $0.state == state }.count }
        public var changed: [ItemChange] { items.filter { $0.state == .changed } }

        public var summary: String {
            "\(count(.new)) new, \(count(.changed)) changed, \(count(.unchanged)) unchanged, \(count(.missing)) missing; "
                + "\(newLinks.count) new links, \(unchangedLinks) unchanged, \(missingLinks.count) missing"
                + (attachments.isEmpty ? "" : "; \(attachments.count) attachment\(attachments.count == 1 ? "" : "s")")
        }
    }

    /// The dry run: compares the plan with the project, writes nothing.
    public static func preview(_ context: RequirementContext, _ plan: ReqIFImportPlan) async throws -> Preview {
        try context.requireRole(.editor, to: "import requirements")
        return try await Comparison.make(plan, context: context, on: context.database).preview
    }

    /// What the project holds for a plan's elements, and the merged snapshot of each item the file changes.
    struct Comparison {
        var identities: [ReqIFIdentity.Role: [String: IdentityRow]] = [:]
        var modules: [String: RequirementModule] = [:]
        /// Attribute names of existing modules by definition identifier.
        var attributeNames: [String: [String: String]] = [:]
        /// The plan's objects the project has.
        var existing: [String: ExistingItem] = [:]
        /// The objects the file changes: their fields now (`before`), and the title and fields an import gives
        /// them. Only these: an unchanged object's decoded snapshots, kept for every object of a large file, were
        /// most of a re-import's memory.
        var changed: [String: (before: ArtifactFields, title: String, fields: ArtifactFields)] = [:]
        var preview = Preview()
        /// What the project has of the plan's objects, read before the walk in a few queries (three a object, one
        /// object at a time, were most of a re-import). Current versions are read as the walk reaches them,
        /// `versionSlice` objects at a time (`fields(of:)`).
        private var prefetched: [UUID: ExistingItem] = [:]
        private var contents: [UUID: String] = [:]
        /// The existing objects in the order the walk meets them, and where each is in it.
        private var walkOrder: [UUID] = []
        private var walkIndex: [UUID: Int] = [:]
        static let versionSlice = 500

        func identity(_ role: ReqIFIdentity.Role, _ identifier: String) -> IdentityRow? { identities[role]?[identifier] }

        static func make(_ plan: ReqIFImportPlan, context: RequirementContext, on db: any Database) async throws -> Comparison {
            var comparison = Comparison()
            comparison.identities = try await identityRows(projectID: context.projectID, on: db)
            try await comparison.compare(plan, context: context, on: db)
            return comparison
        }

        private mutating func compare(_ plan: ReqIFImportPlan, context: RequirementContext, on db: any Database) async throws {
            preview.warnings = plan.warnings
            preview.attachments = plan.attachments
            let liveModules = try await RequirementModule.query(on: db).filter(\.$projectID == context.projectID)
                .filter(\.$deletedAt == nil).all()
            let byID = Dictionary(liveModules.compactMap { module in module.id.map { ($0, module) } }, uniquingKeysWith: { a, _ in a })
            var planned: Set<String> = []
            var touchedModules: Set<UUID> = []
            try await prefetch(plan.modules.flatMap { Self.objectIdentifiers($0.items) }, on: db)
            for module in plan.modules {
                let found = identity(module.role, module.identifier)?.targetID.flatMap { byID[$0] }
                if let found, let id = found.id {
                    modules[module.identifier] = found
                    touchedModules.insert(id)
                    var names: [String: String] = [:]
                    let definitions = try await AttributeDefinition.query(on: db).filter(\.$moduleID == id).all()
                    for attribute in module.attributes {
                        let targets = attribute.definitions.compactMap { identity(.attribute, module.identifier + "/" + $0)?.targetID }
                        let known = targets.compactMap { target in definitions.first { $0.id == target } }.first
                        if let known { for definition in attribute.definitions { names[definition] = known.name } }
                    }
                    attributeNames[module.identifier] = names
                }
                preview.modules.append(ModuleChange(identifier: module.identifier, name: found?.name ?? module.name,
                                                    prefix: found?.prefix, isNew: found == nil))
                try await compare(module.items, in: module, parent: nil, planned: &planned, on: db)
            }
            contents = [:]
            try await findMissing(planned: planned, modules: touchedModules, on: db)
            compareRelations(plan)
            preview.keptOnly = plan.danglingNodes.count + plan.relations.filter { !$0.resolvable }.count
        }

        private mutating func compare(_ items: [ReqIFImportPlan.Item], in module: ReqIFImportPlan.Module, parent: UUID?,
                                      planned: inout Set<String>, on db: any Database) async throws
        {
            for item in items {
                defer { planned.insert(item.objectIdentifier) }
                if item.isRepeat {
                    try await compare(item.children, in: module, parent: parent, planned: &planned, on: db)
                    continue
                }
                let names = attributeNames[module.identifier] ?? ReqIFImportPlan.names(of: module.attributes)
                var artifactID: UUID?
                if let target = identity(.object, item.objectIdentifier)?.targetID, let found = prefetched[target] {
                    artifactID = target
                    let fields = try await fields(of: target, on: db)
                    existing[item.objectIdentifier] = found
                    let (title, planned) = ReqIFImportPlan.fields(of: item, as: found.itemType, names: names)
                    let merged = ReqIFImporter.merge(fields, title: title, planned: planned, owned: Set(names.values))
                    let changed = fields.changes(to: merged)
                    if !changed.isEmpty { self.changed[item.objectIdentifier] = (fields, title, merged) }
                    let moved = found.parentID != parent || found.moduleID != modules[module.identifier]?.id
                    preview.items.append(ItemChange(
                        objectIdentifier: item.objectIdentifier, key: found.key, title: title, module: module.name,
                        state: changed.isEmpty ? .unchanged : .changed,
                        changes: changed.map { FieldChange(field: $0, before: fields[$0].displayText, after: merged[$0].displayText) },
                        moved: moved))
                } else {
                    let (title, _) = ReqIFImportPlan.fields(of: item, as: item.type, names: names)
                    preview.items.append(ItemChange(objectIdentifier: item.objectIdentifier, key: nil, title: title,
                                                    module: module.name, state: .new, changes: [], moved: false))
                }
                try await compare(item.children, in: module, parent: artifactID, planned: &planned, on: db)
            }
        }

        private static func objectIdentifiers(_ items: [ReqIFImportPlan.Item]) -> [String] {
            items.flatMap { [$0.objectIdentifier] + objectIdentifiers($0.children) }
        }

        private mutating func prefetch(_ objects: [String], on db: any Database) async throws {
            var ids: [UUID] = []
            var seen: Set<UUID> = []
            for id in objects.compactMap({ identity(.object, $0)?.targetID }) where seen.insert(id).inserted { ids.append(id) }
            prefetched = try await Self.existingItems(ids, on: db)
            for id in ids where prefetched[id] != nil {
                walkIndex[id] = walkOrder.count
                walkOrder.append(id)
            }
        }

        /// The fields of `id`'s current version, read with the next objects of the walk when not at hand.
        private mutating func fields(of id: UUID, on db: any Database) async throws -> ArtifactFields {
            if contents[id] == nil, let start = walkIndex[id] {
                contents = try await Self.currentContents(Array(walkOrder[start..<min(start + Self.versionSlice, walkOrder.count)]), on: db)
            }
            guard let content = contents[id] else {
                throw Abort(.internalServerError, reason: "The current version of \(prefetched[id]?.key ?? id.uuidString) is missing.")
            }
            return try ArtifactFields.decode(canonicalJSON: content)
        }

        /// Objects an earlier import put into the same modules that the file no longer has: listed, kept.
        /// In key order, read in a few queries (a module the file dropped was a query per object).
        private mutating func findMissing(planned: Set<String>, modules: Set<UUID>, on db: any Database) async throws {
            let gone = (identities[.object] ?? [:]).compactMap { identifier, row -> (identifier: String, target: UUID, module: UUID)? in
                guard !planned.contains(identifier), let module = row.moduleID, modules.contains(module), let target = row.targetID else { return nil }
                return (identifier, target, module)
            }
            let live = try await Self.liveArtifacts(gone.map(\.target), on: db)
            let names = Dictionary(self.modules.values.compactMap { module in module.id.map { ($0, module.name) } }, uniquingKeysWith: { a, _ in a })
            let missing = gone.compactMap { entry in live[entry.target].map { (entry, $0) } }.sorted { $0.1.key < $1.1.key }
            for (entry, artifact) in missing {
                preview.items.append(ItemChange(objectIdentifier: entry.identifier, key: artifact.key, title: artifact.title,
                                                module: names[entry.module] ?? "", state: .missing, changes: [], moved: false))
            }
        }

        private mutating func compareRelations(_ plan: ReqIFImportPlan) {
            var inFile: Set<String> = []
            for relation in plan.relations where relation.resolvable {
                inFile.insert(relation.identifier)
                if identity(.relation, relation.identifier)?.targetID != nil {
                    preview.unchangedLinks += 1
                } else {
                    preview.newLinks.append("\(relation.source) \(relation.linkKind) \(relation.target) (\(relation.typeName))")
                }
            }
            let placed = Set(existing.values.map(\.artifactID))
            for (identifier, row) in identities[.relation] ?? [:] where !inFile.contains(identifier) && row.targetID != nil {
                let ends = row.detail.split(separator: "\u{1F}").map(String.init)
                guard ends.count == 3, let source = identity(.object, ends[1])?.targetID, let target = identity(.object, ends[2])?.targetID,
                    placed.contains(source) || placed.contains(target)
                else { continue }
                preview.missingLinks.append("\(ends[1]) → \(ends[2]) (\(ends[0]))")
            }
        }
    }

    /// `current` with the fields an import owns replaced by `planned`: title, statement or text, rationale, the
    /// module's imported attributes, and the `xhtml.` and `reqif.` fields.
    static func merge(_ current: ArtifactFields, title: String, planned: ArtifactFields, owned attributes: Set<String>) -> ArtifactFields {
        let imported: Set<String> = ["title", "statement", "rationale", "text"]
        var values = current.values.filter { name, _ in
            !(imported.contains(name) || name.hasPrefix("xhtml.") || name.hasPrefix("reqif.")
                || (name.hasPrefix("attr.") && attributes.contains(String(name.dropFirst(5)))))
        }
        for (name, value) in planned.values { values[name] = value }
        values["title"] = .string(title)
        for name in ["statement", "rationale"] where current.values[name] != nil && values[name] == nil { values[name] = .string("") }
        if current.values["text"] != nil && values["text"] == nil { values["text"] = .string("") }
        return ArtifactFields(values)
    }
}
