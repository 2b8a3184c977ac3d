import Artifacts
import Fluent
import Governance
import Platform
import Vapor

/// System elements (the decomposition tree, typed relations, levels) and the architecture view generated from
/// them: kinds, migrations, pages and API.
public enum SystemDesignModule {
    public static let migrations: [any Migration] = [CreateSystemElements()]
    /// Owners and scope allocations name governance rows, so they run after `GovernanceModule.migrations`.
    public static let migrationsAfterGovernance: [any Migration] = [AddElementOwnership(), CreateArchitectures()]

    public static func register(on app: Application) {
        SystemDesignKinds.register(app.artifactRegistry)
        GovernanceReferences.organisations.register(table: SystemElement.schema, column: "owner_org_id", noun: "element")
        GovernanceReferences.organisations.register(table: ScopeAllocation.schema, column: "org_id", noun: "scope allocation")
        GovernanceReferences.phases.register(table: ScopeAllocation.schema, column: "phase_id", noun: "scope allocation")
        ElementReferences.register(table: ScopeAllocation.schema, column: "element_id", noun: "scope allocation")
        ElementReferences.register(table: ArchitectureNode.schema, column: "element_id", noun: "architecture node")
        PackageReportSections.register(.init(
            kind: SystemDesignKinds.element.id, title: "Elements",
            columns: [.init("level", "Level"), .init("owner", "Owner"), .init("status", "Status")],
            path: { SystemDesignRoute.element(project: $0, key: $1).path },
            details: { ids, projectID, db in
                let wanted = Set(ids)
                var details: [UUID: [String: String]] = [:]
                for row in try await SystemElementQueries.all(projectID: projectID, on: db) where wanted.contains(row.id) {
                    details[row.id] = ["level": row.level, "owner": row.ownerCode, "status": row.status.rawValue]
                }
                return details
            }))
        ProjectTabs.register(.init(title: "System") { SystemDesignRoute.elements(project: $0).path })
        registerPages(app)
        registerAPI(app)
    }

    static func registerPages(_ app: Application) {
        let (viewers, editors, leads) = ProjectRouteGroups.pages(app).all
        let element: [PathComponent] = ["elements", .parameter(ElementsAPIController.keyParameter)]
        typealias C = ElementsController

        viewers.get("elements", use: C.tree).htmlPage()
        editors.post("elements", use: C.create).htmlPage()
        viewers.get("elements-picker", use: C.picker).htmlPage()
        viewers.get("element-tree.svg", use: C.treeSVG).htmlPage()
        viewers.get("element-tree.drawio", use: C.treeDrawIO).htmlPage()
        viewers.get("elements-export.csv", use: C.exportCSV).htmlPage()
        viewers.get("elements-export.xlsx", use: C.exportXLSX).htmlPage()
        editors.on(.POST, "elements-import", body: .collect(maxSize: "16mb"), use: C.importSheet).maxBodySize(16 << 20).htmlPage()
        leads.post("element-levels", use: C.saveLevels).htmlPage()
        viewers.get(element, use: C.element).htmlPage()
        editors.post(element + ["edit"], use: C.save).htmlPage()
        editors.post(element + ["move"], use: C.move).htmlPage()
        editors.post(element + ["delete"], use: C.delete).htmlPage()
        editors.post(element + ["relations"], use: C.relate).htmlPage()
        editors.post("element-relations", ":linkID", "remove", use: C.unrelate).htmlPage()
        let architecture: [PathComponent] = ["architectures", .parameter(ArchitecturesController.keyParameter)]
        typealias R = ArchitecturesController
        viewers.get("architectures", use: R.list).htmlPage()
        editors.post("architectures", use: R.create).htmlPage()
        viewers.get(architecture, use: R.architecture).htmlPage()
        viewers.get(architecture + ["view.svg"], use: R.svg).htmlPage()
        viewers.get(architecture + ["view.drawio"], use: R.drawIO).htmlPage()
        editors.post(architecture + ["edit"], use: R.save).htmlPage()
        editors.post(architecture + ["status"], use: R.status).htmlPage()
        editors.post(architecture + ["delete"], use: R.delete).htmlPage()
        viewers.get("scope", use: ScopeController.page).htmlPage()
        editors.post("scope", use: ScopeController.allocate).htmlPage()
        editors.post("scope", ":allocationID", "edit", use: ScopeController.update).htmlPage()
        editors.post("scope", ":allocationID", "remove", use: ScopeController.remove).htmlPage()
    }

    static func registerAPI(_ app: Application) {
        app.registerSchema("SystemElement", ElementDTOs.ElementDTO.schema)
        app.registerSchema("ElementImportReport", ElementDTOs.ImportReportDTO.schema)
        typealias A = ElementsAPIController
        typealias P = OpenAPIOperation.Parameter
        let (viewers, editors, leads) = ProjectRouteGroups.api(app).all
        let docs = ProjectAPIDocs(tag: "system design", things: "element")
        let (forbidden, invalid, conflict) = (ProjectAPIDocs.forbidden, ProjectAPIDocs.invalid, ProjectAPIDocs.conflict)
        let key = P(name: A.keyParameter, in: .path, required: true, description: "Element key, e.g. EL-007")
        let element: [PathComponent] = ["elements", .parameter(A.keyParameter)]
        let list = JSONSchema.object([("items", .array(.ref("SystemElement")))], required: ["items"])

        viewers.get("elements", use: A.list).openAPI(docs.op(
            "listSystemElements", "The element tree in order (with depths), or with ?q= the picker's best matches",
            [P(name: "q", in: .query, description: "Words that the key or title must contain; key prefixes rank first"),
             P(name: "limit", in: .query, description: "With q: 1–50 (20)")],
            [.json(200, "Elements", list)]))
        editors.post("elements", use: A.create).openAPI(docs.op(
            "createSystemElement", "Create an element, at the top or under a parent (editors)", [],
            body: ElementDTOs.ElementInput.schema, [.json(201, "Created", .ref("SystemElement")), forbidden, invalid]))
        viewers.get(element, use: A.show).openAPI(docs.op(
            "getSystemElement", "One element", [key], [.json(200, "The element", .ref("SystemElement"))]))
        editors.put(element, use: A.update).openAPI(docs.op(
            "updateSystemElement", "Save title, description, level and status (send the version you edited)", [key],
            body: ElementDTOs.ElementInput.schema, [.json(200, "Saved", .ref("SystemElement")), forbidden, invalid, conflict]))
        editors.post(element + ["move"], use: A.move).openAPI(docs.op(
            "moveSystemElement", "Move an element with its subtree under another element or to the top; a move below itself is refused",
            [key], body: ElementDTOs.MoveInput.schema, [.json(200, "Moved", .ref("SystemElement")), forbidden, invalid, conflict]))
        editors.delete(element, use: A.delete).openAPI(docs.op(
            "deleteSystemElement", "Delete an element without children (?version=N); its key stays reserved",
            [key, P(name: "version", in: .query, required: true, description: "The version you mean to delete")],
            [.init(204, "Deleted"), forbidden, invalid, conflict]))
        viewers.get("element-levels", use: A.levels).openAPI(docs.op(
            "getElementLevels", "The project's element levels, top to bottom", [],
            [.json(200, "Levels", ElementDTOs.LevelsDTO.schema)]))
        leads.put("element-levels", use: A.saveLevels).openAPI(docs.op(
            "replaceElementLevels", "Replace the levels (leads); a level still in use cannot go", [],
            body: ElementDTOs.LevelsDTO.schema, [.json(200, "Saved", ElementDTOs.LevelsDTO.schema), forbidden, invalid]))
        registerArchitectureAPI(app)
        editors.on(.POST, "imports", "elements", body: .collect(maxSize: "16mb"), use: A.importSheet).maxBodySize(16 << 20).openAPI(docs.op(
            "importSystemElements", "Import elements from a CSV or XLSX sheet sent as the body (editors): rows matched by key, all or nothing",
            [P(name: "file", in: .query, description: "The file's name; .xlsx is read as a workbook, anything else as CSV"),
             P(name: "dry_run", in: .query, description: "1: answer with what would change, store nothing")],
            [.json(200, "What was (or would be) created and changed", .ref("ElementImportReport")), forbidden, invalid]))
        viewers.get("exports", "elements", use: A.export).openAPI(docs.op(
            "exportSystemElements", "The element tree as a sheet (the import's columns)",
            [P(name: "format", in: .query, description: "csv (default) or xlsx")],
            [.init(200, "The file", content: [("text/csv", .string()), ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", .string(format: "binary"))]), invalid]))
    }

    static func registerArchitectureAPI(_ app: Application) {
        typealias R = ArchitecturesAPIController
        typealias P = OpenAPIOperation.Parameter
        app.registerSchema("Architecture", R.ArchitectureDTO.schema)
        let (viewers, editors, _) = ProjectRouteGroups.api(app).all
        let docs = ProjectAPIDocs(tag: "system design", things: "architecture")
        let (forbidden, invalid, conflict) = (ProjectAPIDocs.forbidden, ProjectAPIDocs.invalid, ProjectAPIDocs.conflict)
        let key = P(name: ArchitecturesController.keyParameter, in: .path, required: true, description: "Architecture key, e.g. AR-001")
        let architecture: [PathComponent] = ["architectures", .parameter(ArchitecturesController.keyParameter)]
        viewers.get("architectures", use: R.list).openAPI(docs.op(
            "listArchitectures", "The project's architectures with their elements and status", [],
            [.json(200, "Architectures", .object([("items", .array(.ref("Architecture")))], required: ["items"]))]))
        editors.post("architectures", use: R.create).openAPI(docs.op(
            "createArchitecture", "Create a draft architecture from element keys (editors)", [], body: R.ArchitectureInput.schema,
            [.json(201, "Created", .ref("Architecture")), forbidden, invalid]))
        viewers.get(architecture, use: R.show).openAPI(docs.op(
            "getArchitecture", "One architecture", [key], [.json(200, "The architecture", .ref("Architecture"))]))
        editors.put(architecture, use: R.update).openAPI(docs.op(
            "updateArchitecture", "Save a draft's title, description and elements (send the version you edited)", [key],
            body: R.ArchitectureInput.schema, [.json(200, "Saved", .ref("Architecture")), forbidden, invalid, conflict]))
        editors.post(architecture + ["status"], use: R.transition).openAPI(docs.op(
            "changeArchitectureStatus", "Submit (editors), withdraw (editors), approve (leads) or supersede (leads)", [key],
            body: R.StatusInput.schema, [.json(200, "Changed", .ref("Architecture")), forbidden, invalid, conflict]))
    }
}
