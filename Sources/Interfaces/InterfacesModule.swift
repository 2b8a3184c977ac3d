import Artifacts
import Fluent
import Foundation
import Governance
import Platform
import SystemDesign
import Vapor

/// Interfaces between system elements, interface types, and the N² matrix: kinds, migrations, pages and API.
public enum InterfacesModule {
    public static let migrations: [any Migration] = [CreateInterfaces()]
    /// Owners, side organisations and project interface ids name governance rows: after `GovernanceModule.migrations`.
    public static let migrationsAfterGovernance: [any Migration] = [AddInterfaceOwnership(), CreateInterfaceDocuments()]

    public static func register(on app: Application) {
        InterfaceKinds.register(app.artifactRegistry)
        ElementReferences.register(table: SystemInterface.schema, column: "side_a_id", noun: "interface")
        ElementReferences.register(table: SystemInterface.schema, column: "side_b_id", noun: "interface")
        BlobReferences.register(table: InterfaceDocumentFile.schema, column: "blob_id")
        for column in ["owner_org_id", "side_a_org_id", "side_b_org_id"] {
            GovernanceReferences.organisations.register(table: SystemInterface.schema, column: column, noun: "interface")
        }
        ArchitectureConnections.register("interfaces") { projectID, db in
            try await InterfaceQueries.all(projectID: projectID, on: db).filter { $0.status != .retired }.map {
                .init(from: $0.sideA, to: $0.sideB, label: "\($0.key) \($0.title)")
            }
        }
        PackageReportSections.register(.init(
            kind: InterfaceKinds.interface.id, title: "Interfaces",
            columns: [.init("interface_id", "Interface id"), .init("side_a", "Side A"), .init("side_b", "Side B"), .init("type", "Type"),
                      .init("owner", "Owner"), .init("status", "Status")],
            path: { InterfacesRoute.interface(project: $0, key: $1).path },
            details: { ids, projectID, db in
                let wanted = Set(ids)
                var details: [UUID: [String: String]] = [:]
                for row in try await InterfaceQueries.all(projectID: projectID, on: db) where wanted.contains(row.id) {
                    details[row.id] = ["interface_id": row.projectInterfaceID, "side_a": row.sideAKey, "side_b": row.sideBKey,
                                       "type": row.type, "owner": row.ownerCode, "status": row.status.rawValue]
                }
                return details
            }))
        ProjectTabs.register(.init(title: "Interfaces") { InterfacesRoute.list(project: $0).path })
        ProjectTabs.register(.init(title: "Design dashboard") { InterfacesRoute.dashboard(project: $0).path })
        ElementPageLinks.register(.init(title: "Interfaces at this element") { project, element in
            InterfacesRoute.list(project: project).path + "?element=" + PathSegment.encodeKey(element)
        })
        registerPages(app)
        registerAPI(app)
    }

    static func registerPages(_ app: Application) {
        let (viewers, editors, leads) = ProjectRouteGroups.pages(app).all
        let interface: [PathComponent] = ["interfaces", .parameter(InterfaceRequest.keyParameter)]
        typealias C = InterfacesController

        viewers.get("interfaces", use: C.list).htmlPage()
        editors.post("interfaces", use: C.create).htmlPage()
        leads.post("interface-types", use: C.saveTypes).htmlPage()
        viewers.get("n2", use: C.n2).htmlPage()
        viewers.get("n2.svg", use: C.n2SVG).htmlPage()
        viewers.get("n2.csv", use: C.n2CSV).htmlPage()
        viewers.get("interface-reports", use: C.gaps).htmlPage()
        viewers.get("design-dashboard", use: C.dashboard).htmlPage()
        viewers.get("interfaces-export.csv", use: InterfaceSheetsController.export(format: "csv")).htmlPage()
        viewers.get("interfaces-export.xlsx", use: InterfaceSheetsController.export(format: "xlsx")).htmlPage()
        editors.on(.POST, "interfaces-import", body: .collect(maxSize: "16mb"), use: InterfaceSheetsController.importPage).maxBodySize(16 << 20).htmlPage()
        typealias D = InterfaceDocumentsController
        let document: [PathComponent] = ["interface-documents", .parameter(D.idParameter)]
        viewers.get("interface-documents", use: D.list).htmlPage()
        editors.post("interface-documents", use: D.create).htmlPage()
        viewers.get(document, use: D.document).htmlPage()
        editors.post(document + ["edit"], use: D.save).htmlPage()
        editors.post(document + ["delete"], use: D.delete).htmlPage()
        editors.on(.POST, document + ["files"], body: .collect(maxSize: "65mb"), use: D.upload).maxBodySize(65 << 20).htmlPage()
        viewers.get(document + ["files", ":fileID"], use: D.download).htmlPage()
        editors.post(document + ["files", ":fileID", "remove"], use: D.removeFile).htmlPage()
        viewers.get(interface, use: C.interface).htmlPage()
        editors.post(interface + ["edit"], use: C.save).htmlPage()
        editors.post(interface + ["delete"], use: C.delete).htmlPage()
    }

    static func registerAPI(_ app: Application) {
        app.registerSchema("Interface", InterfaceDTOs.InterfaceDTO.schema)
        app.registerSchema("N2Matrix", InterfaceDTOs.MatrixDTO.schema)
        typealias A = InterfacesAPIController
        typealias P = OpenAPIOperation.Parameter
        let (viewers, editors, leads) = ProjectRouteGroups.api(app).all
        let docs = ProjectAPIDocs(tag: "interfaces", things: "interface")
        let (forbidden, invalid, conflict) = (ProjectAPIDocs.forbidden, ProjectAPIDocs.invalid, ProjectAPIDocs.conflict)
        let key = P(name: InterfaceRequest.keyParameter, in: .path, required: true, description: "Interface key, e.g. IF-012")
        let interface: [PathComponent] = ["interfaces", .parameter(InterfaceRequest.keyParameter)]
        let filters = [
            P(name: "type", in: .query, description: "Comma-separated interface types"),
            P(name: "status", in: .query, description: "Comma-separated statuses: proposed, agreed, controlled, retired"),
        ]

        viewers.get("interfaces", use: A.list).openAPI(docs.op(
            "listInterfaces", "The project's interfaces, filtered", filters + [P(name: "element", in: .query, description: "Only those with this element at an end")],
            [.json(200, "Interfaces", .object([("items", .array(.ref("Interface")))], required: ["items"])), invalid]))
        editors.post("interfaces", use: A.create).openAPI(docs.op(
            "createInterface", "Create an interface between two elements (editors)", [], body: InterfaceDTOs.InterfaceInput.schema,
            [.json(201, "Created", .ref("Interface")), forbidden, invalid]))
        viewers.get(interface, use: A.show).openAPI(docs.op(
            "getInterface", "One interface", [key], [.json(200, "The interface", .ref("Interface"))]))
        editors.put(interface, use: A.update).openAPI(docs.op(
            "updateInterface", "Save a new version (send the version you edited)", [key], body: InterfaceDTOs.InterfaceInput.schema,
            [.json(200, "Saved", .ref("Interface")), forbidden, invalid, conflict]))
        editors.delete(interface, use: A.delete).openAPI(docs.op(
            "deleteInterface", "Delete an interface (?version=N); its key stays reserved",
            [key, P(name: "version", in: .query, required: true, description: "The version you mean to delete")],
            [.init(204, "Deleted"), forbidden, invalid, conflict]))
        viewers.get("n2", use: A.matrix).openAPI(docs.op(
            "getN2Matrix", "The N² matrix at one level of the element tree: non-empty cells with their interfaces",
            [P(name: "level", in: .query, description: "An element level; the first level with elements when absent")] + filters,
            [.json(200, "The matrix", .ref("N2Matrix")), invalid]))
        registerDocumentAPI(app)
        editors.on(.POST, "imports", "interfaces", body: .collect(maxSize: "16mb"), use: InterfaceSheetsController.importAPI).maxBodySize(16 << 20).openAPI(docs.op(
            "importInterfaces", "Import interfaces from a CSV or XLSX sheet sent as the body (editors): rows matched by key, all or nothing",
            [P(name: "file", in: .query, description: "The file's name; .xlsx is read as a workbook, anything else as CSV"),
             P(name: "dry_run", in: .query, description: "1: answer with what would change, store nothing")],
            [.json(200, "What was (or would be) created and changed (changed: key → columns)",
                   .object([("dry_run", .boolean()), ("created", .array(.string())), ("changed", .map(.array(.string()))),
                            ("unchanged", .array(.string()))], required: ["dry_run", "created", "changed", "unchanged"])), forbidden, invalid]))
        viewers.get("exports", "interfaces", use: InterfaceSheetsController.exportAPI).openAPI(docs.op(
            "exportInterfaces", "The interface register as a sheet (the import's columns)",
            [P(name: "format", in: .query, description: "csv (default) or xlsx")],
            [.init(200, "The file", content: [("text/csv", .string()), ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", .string(format: "binary"))]), invalid]))
        viewers.get("design-dashboard", use: A.dashboard).openAPI(docs.op(
            "getDesignDashboard", "Counts by status for governance, system design and interfaces (each chart: label → count, in order)", [],
            [.json(200, "The charts", .object([("charts", .array(.object([("id", .string()), ("title", .string()),
                                                                            ("counts", .array(.object([("label", .string()), ("count", .integer())],
                                                                                                      required: ["label", "count"])))],
                                                                           required: ["id", "title", "counts"])))], required: ["charts"]))]))
        viewers.get("interface-gaps", use: A.gaps).openAPI(docs.op(
            "getInterfaceGaps", "The interface reports: interfaces between different delivery organisations, sides without an organisation, "
                + "elements without interfaces, interfaces without requirements, design packages without elements (keys)", [],
            [.json(200, "The reports", InterfaceDTOs.GapsDTO.schema)]))
        viewers.get("interface-types", use: A.types).openAPI(docs.op(
            "getInterfaceTypes", "The project's interface types", [], [.json(200, "Types", InterfaceDTOs.TypesDTO.schema)]))
        leads.put("interface-types", use: A.saveTypes).openAPI(docs.op(
            "replaceInterfaceTypes", "Replace the interface types (leads); a type still in use cannot go", [],
            body: InterfaceDTOs.TypesDTO.schema, [.json(200, "Saved", InterfaceDTOs.TypesDTO.schema), forbidden, invalid]))
    }

    static func registerDocumentAPI(_ app: Application) {
        typealias D = InterfaceDocumentsController
        typealias P = OpenAPIOperation.Parameter
        app.registerSchema("InterfaceDocument", D.DocumentDTO.schema)
        let (viewers, editors, _) = ProjectRouteGroups.api(app).all
        let docs = ProjectAPIDocs(tag: "interfaces", things: "interface document")
        let (forbidden, invalid) = (ProjectAPIDocs.forbidden, ProjectAPIDocs.invalid)
        let id = P(name: D.idParameter, in: .path, required: true, description: "Document id")
        let document: [PathComponent] = ["interface-documents", .parameter(D.idParameter)]
        viewers.get("interface-documents", use: D.apiList).openAPI(docs.op(
            "listInterfaceDocuments", "The project's IDS and ICD documents", [],
            [.json(200, "Documents", .object([("items", .array(.ref("InterfaceDocument")))], required: ["items"]))]))
        editors.post("interface-documents", use: D.apiCreate).openAPI(docs.op(
            "createInterfaceDocument", "Register a document (number and revision unique in the project)", [], body: D.DocumentInput.schema,
            [.json(201, "Created", .ref("InterfaceDocument")), forbidden, invalid]))
        viewers.get(document, use: D.apiShow).openAPI(docs.op(
            "getInterfaceDocument", "One document with its interfaces and files", [id], [.json(200, "The document", .ref("InterfaceDocument"))]))
        editors.put(document, use: D.apiUpdate).openAPI(docs.op(
            "updateInterfaceDocument", "Change a document", [id], body: D.DocumentInput.schema,
            [.json(200, "Saved", .ref("InterfaceDocument")), forbidden, invalid]))
        editors.delete(document, use: D.apiDelete).openAPI(docs.op(
            "deleteInterfaceDocument", "Delete a document and its files", [id], [.init(204, "Deleted"), forbidden]))
        editors.on(.POST, document + ["files"], body: .collect(maxSize: "65mb"), use: D.apiUpload).maxBodySize(65 << 20).openAPI(docs.op(
            "addInterfaceDocumentFile", "Add a file: the body is the file (at most 64 MB), ?name= its name",
            [id, P(name: "name", in: .query, required: true, description: "The file's name")],
            [.json(201, "The document", .ref("InterfaceDocument")), forbidden, invalid]))
        viewers.get(document + ["files", ":fileID"], use: D.download).openAPI(docs.op(
            "getInterfaceDocumentFile", "A file, as a download (members only)",
            [id, P(name: "fileID", in: .path, required: true, description: "File id")],
            [.init(200, "The file", content: [("application/octet-stream", .string(format: "binary"))])]))
    }
}
