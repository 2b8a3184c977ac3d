import Artifacts
import Fluent
import Platform
import Vapor

/// Phases, delivery organisations and design packages (with their report): kinds, migrations, pages and API.
/// Sits below `SystemDesign` and `Interfaces`, so elements and interfaces can name owners; they add themselves
/// to packages through the `in-package` pairs and `PackageReportSections`.
public enum GovernanceModule {
    public static let migrations: [any Migration] = [CreateGovernance()]

    public static func register(on app: Application) {
        GovernanceKinds.register(app.artifactRegistry)
        GovernanceReferences.organisations.register(table: DesignPackage.schema, column: "owner_org_id", noun: "design package")
        GovernanceReferences.phases.register(table: DesignPackage.schema, column: "phase_id", noun: "design package")
        ProjectTabs.register(.init(title: "Governance") { GovernanceRoute.overview(project: $0).path })
        registerPages(app)
        registerAPI(app)
    }

    static func registerPages(_ app: Application) {
        let (viewers, editors, leads) = ProjectRouteGroups.pages(app).all
        let id = PathComponent.parameter(GovernanceRequest.idParameter)
        let package: [PathComponent] = ["packages", .parameter(GovernanceRequest.packageParameter)]
        typealias G = GovernanceController
        typealias P = PackagesController

        viewers.get("governance", use: G.overview).htmlPage()
        leads.post("phases", use: G.createPhase).htmlPage()
        leads.post("phases", id, "edit", use: G.savePhase).htmlPage()
        leads.post("phases", id, "move", use: G.movePhase).htmlPage()
        leads.post("phases", id, "delete", use: G.deletePhase).htmlPage()
        leads.post("organisations", use: G.createOrganisation).htmlPage()
        leads.post("organisations", id, "edit", use: G.saveOrganisation).htmlPage()
        leads.post("organisations", id, "delete", use: G.deleteOrganisation).htmlPage()

        viewers.get("packages", use: P.list).htmlPage()
        editors.post("packages", use: P.create).htmlPage()
        viewers.get("packages-export.csv", use: P.exportList(format: "csv")).htmlPage()
        viewers.get("packages-export.xlsx", use: P.exportList(format: "xlsx")).htmlPage()
        editors.on(.POST, "packages-import", body: .collect(maxSize: "16mb"), use: P.importSheet).maxBodySize(16 << 20).htmlPage()
        viewers.get(package, use: P.package).htmlPage()
        viewers.get(package + ["report.csv"], use: P.report(format: "csv")).htmlPage()
        viewers.get(package + ["report.xlsx"], use: P.report(format: "xlsx")).htmlPage()
        editors.post(package + ["edit"], use: P.save).htmlPage()
        editors.post(package + ["delete"], use: P.delete).htmlPage()
        editors.post(package + ["contents"], use: P.include).htmlPage()
        editors.post(package + ["contents", ":linkID", "remove"], use: P.exclude).htmlPage()
    }

    static func registerAPI(_ app: Application) {
        typealias D = GovernanceDTOs
        app.registerSchema("DeliveryOrganisation", D.OrganisationDTO.schema)
        app.registerSchema("Phase", D.PhaseDTO.schema)
        app.registerSchema("DesignPackage", D.PackageDTO.schema)
        typealias A = GovernanceAPIController
        typealias P = OpenAPIOperation.Parameter
        let (viewers, editors, leads) = ProjectRouteGroups.api(app).all
        let docs = ProjectAPIDocs(tag: "governance", things: "design package")
        let (forbidden, invalid, conflict) = (ProjectAPIDocs.forbidden, ProjectAPIDocs.invalid, ProjectAPIDocs.conflict)
        let list = { (name: String) in JSONSchema.object([("items", .array(.ref(name)))], required: ["items"]) }
        let code = P(name: "code", in: .path, required: true, description: "Organisation code, e.g. ACME")
        let phaseID = P(name: GovernanceRequest.idParameter, in: .path, required: true, description: "Phase id")
        let key = P(name: GovernanceRequest.packageParameter, in: .path, required: true, description: "Package key, e.g. DP-002")
        let org: [PathComponent] = ["organisations", ":code"]
        let phase: [PathComponent] = ["phases", .parameter(GovernanceRequest.idParameter)]
        let package: [PathComponent] = ["design-packages", .parameter(GovernanceRequest.packageParameter)]

        viewers.get("organisations", use: A.organisations).openAPI(docs.op(
            "listDeliveryOrganisations", "The project's delivery organisations", [], [.json(200, "Organisations", list("DeliveryOrganisation"))]))
        leads.post("organisations", use: A.createOrganisation).openAPI(docs.op(
            "createDeliveryOrganisation", "Add a delivery organisation (leads)", [], body: D.OrganisationInput.schema,
            [.json(201, "Created", .ref("DeliveryOrganisation")), forbidden, invalid]))
        leads.put(org, use: A.updateOrganisation).openAPI(docs.op(
            "updateDeliveryOrganisation", "Change an organisation's code, name or kind (leads)", [code], body: D.OrganisationInput.schema,
            [.json(200, "Saved", .ref("DeliveryOrganisation")), forbidden, invalid]))
        leads.delete(org, use: A.deleteOrganisation).openAPI(docs.op(
            "deleteDeliveryOrganisation", "Remove an organisation nothing names any more (leads)", [code], [.init(204, "Deleted"), forbidden, invalid]))

        viewers.get("phases", use: A.phases).openAPI(docs.op(
            "listPhases", "The project's phases in order", [], [.json(200, "Phases", list("Phase"))]))
        leads.post("phases", use: A.createPhase).openAPI(docs.op(
            "createPhase", "Add a phase at the end (leads)", [], body: D.PhaseInput.schema, [.json(201, "Created", .ref("Phase")), forbidden, invalid]))
        leads.put(phase, use: A.updatePhase).openAPI(docs.op(
            "updatePhase", "Change a phase (leads)", [phaseID], body: D.PhaseInput.schema, [.json(200, "Saved", .ref("Phase")), forbidden, invalid]))
        leads.delete(phase, use: A.deletePhase).openAPI(docs.op(
            "deletePhase", "Remove a phase nothing names any more (leads)", [phaseID], [.init(204, "Deleted"), forbidden, invalid]))

        viewers.get("design-packages", use: A.packages).openAPI(docs.op(
            "listDesignPackages", "The project's design packages with owner, phase and status", [], [.json(200, "Packages", list("DesignPackage"))]))
        editors.post("design-packages", use: A.createPackage).openAPI(docs.op(
            "createDesignPackage", "Create a design package (editors)", [], body: D.PackageInput.schema,
            [.json(201, "Created", .ref("DesignPackage")), forbidden, invalid]))
        editors.on(.POST, "imports", "design-packages", body: .collect(maxSize: "16mb"), use: A.importSheet).maxBodySize(16 << 20).openAPI(docs.op(
            "importDesignPackages", "Import packages from a CSV or XLSX sheet sent as the body (editors): rows matched by key, all or nothing",
            [P(name: "file", in: .query, description: "The file's name; .xlsx is read as a workbook, anything else as CSV"),
             P(name: "dry_run", in: .query, description: "1: answer with what would change, store nothing")],
            [.json(200, "What was (or would be) created and changed", .object([("dry_run", .boolean()), ("created", .array(.string())),
                                                                              ("changed", .array(.string())), ("unchanged", .array(.string()))],
                                                                             required: ["dry_run", "created", "changed", "unchanged"])),
             forbidden, invalid]))
        viewers.get("exports", "design-packages", use: A.exportSheet).openAPI(docs.op(
            "exportDesignPackages", "The packages as a sheet (the import's columns)",
            [P(name: "format", in: .query, description: "csv (default) or xlsx")],
            [.init(200, "The file", content: [("text/csv", .string()), ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", .string(format: "binary"))]), invalid]))
        viewers.get(package, use: A.package).openAPI(docs.op(
            "getDesignPackage", "One package with its contents (the report)", [key], [.json(200, "The package", .ref("DesignPackage"))]))
        editors.put(package, use: A.updatePackage).openAPI(docs.op(
            "updateDesignPackage", "Save a new version (send the version you edited)", [key], body: D.PackageInput.schema,
            [.json(200, "Saved", .ref("DesignPackage")), forbidden, invalid, conflict]))
        editors.delete(package, use: A.deletePackage).openAPI(docs.op(
            "deleteDesignPackage", "Delete a package (?version=N); its contents stay",
            [key, P(name: "version", in: .query, required: true, description: "The version you mean to delete")],
            [.init(204, "Deleted"), forbidden, invalid, conflict]))
        editors.post(package + ["contents"], use: A.include).openAPI(docs.op(
            "addDesignPackageContent", "Put an element or interface into the package", [key], body: D.ContentInput.schema,
            [.json(200, "The package", .ref("DesignPackage")), forbidden, invalid]))
        editors.delete(package + ["contents", ":artifactKey"], use: A.exclude).openAPI(docs.op(
            "removeDesignPackageContent", "Take an element or interface out of the package",
            [key, P(name: "artifactKey", in: .path, required: true, description: "The element or interface key")],
            [.init(204, "Taken out"), forbidden]))
    }
}
