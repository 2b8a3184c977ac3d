import Artifacts
import Fluent
import Platform
import TraceEngine
import Vapor

/// Requirement modules and requirements on the artifact core: registration of kinds, link kinds, migrations,
/// pages and API.
public enum RequirementsModule {
    public static let migrations: [any Migration] = [CreateRequirements(), AddCoverageDefinitions(), CreateReqIFImports(), CreateReqIFMappings(), CreateReqIFAttachments()]

    public static func register(on app: Application) {
        RequirementKinds.register(app.artifactRegistry)
        BlobReferences.register(table: ReqIFAttachment.schema, column: "blob_id")
        ProjectTabs.register(.init(title: "Requirements") { RequirementRoute.modules(project: $0).path })
        registerPages(app)
        registerAPI(app)
        app.registerJob(ReqIFImportJob.kind, handler: ReqIFImportJob.run)
    }

    static func registerPages(_ app: Application) {
        let (viewers, editors, leads) = ProjectRouteGroups.pages(app).all
        let module: [PathComponent] = ["requirements", .parameter(RequirementsAPIController.prefixParameter)]
        let item: [PathComponent] = ["items", .parameter(RequirementsAPIController.keyParameter)]
        typealias C = RequirementsController

        viewers.get("requirements", use: C.modules).htmlPage()
        editors.post("requirements", use: C.createModule).htmlPage()
        viewers.get(module, use: C.document).htmlPage()
        editors.post(module + ["items"], use: C.createItem).htmlPage()
        editors.post(module + ["bulk"], use: C.bulk).htmlPage()
        leads.post(module + ["attributes"], use: C.defineAttribute).htmlPage()
        editors.post(module + ["details"], use: C.saveModuleDetails).htmlPage()
        leads.post(module + ["delete"], use: C.deleteModule).htmlPage()
        leads.post(module + ["attributes", ":attributeID"], use: C.updateAttribute).htmlPage()
        leads.post(module + ["attributes", ":attributeID", "remove"], use: C.removeAttribute).htmlPage()
        viewers.get(module + ["quality"], use: C.quality).htmlPage()
        viewers.get(module + ["export.reqif"], use: C.exportReqIF).htmlPage()
        viewers.get(module + ["export.reqifz"], use: C.exportReqIF).htmlPage()
        viewers.get(module + ["attachments", ":attachmentID"], use: C.attachment).htmlPage()
        viewers.get("requirements-search", use: C.search).htmlPage()
        editors.get("requirements-import", use: C.importForm).htmlPage()
        editors.on(.POST, "requirements-import", body: .collect(maxSize: "64mb"), use: C.importCompare).maxBodySize(64 << 20).htmlPage()
        editors.post("requirements-import", ":uploadID", "apply", use: C.importApply).htmlPage()
        editors.post("requirements-import", ":uploadID", "mapping", use: C.importMapping).htmlPage()
        leads.get("requirements-settings", use: C.settings).htmlPage()
        leads.post("requirements-settings", use: C.saveSettings).htmlPage()
        leads.post("requirements-settings", "triggers", use: C.saveTriggers).htmlPage()
        viewers.get("suspect-links", use: C.suspect).htmlPage()
        viewers.get("requirements-coverage", use: C.coverage).htmlPage()
        viewers.get(item, use: C.item).htmlPage()
        editors.get(item + ["edit"], use: C.editForm).htmlPage()
        editors.post(item + ["edit"], use: C.save).htmlPage()
        editors.post(item + ["status"], use: C.setStatus).htmlPage()
        editors.post(item + ["move"], use: C.move).htmlPage()
        editors.post(item + ["links"], use: C.addLink).htmlPage()
        viewers.post(item + ["comments"], use: C.addComment).htmlPage()
        viewers.get(item + ["diff"], use: C.diff).htmlPage()
        viewers.get(item + ["impact"], use: C.impact).htmlPage()
        viewers.get(item + ["impact.svg"], use: C.impactSVG).htmlPage()
        viewers.post("comments", ":threadID", "resolve", use: C.resolveThread).htmlPage()
        editors.post("links", .parameter(RequirementsAPIController.linkParameter), "clear", use: C.clearLink).htmlPage()
        editors.post("links", .parameter(RequirementsAPIController.linkParameter), "remove", use: C.removeLink).htmlPage()
    }

    static func registerAPI(_ app: Application) {
        app.registerSchema("RequirementModule", RequirementDTOs.ModuleDTO.schema)
        app.registerSchema("Requirement", RequirementDTOs.RequirementDTO.schema)
        app.registerSchema("QualityFinding", RequirementDTOs.RequirementDTO.findingSchema)
        app.registerSchema("DocumentItem", RequirementDTOs.DocumentRowDTO.schema)
        app.registerSchema("RequirementSearchHit", RequirementDTOs.SearchHitDTO.schema)
        app.registerSchema("SuspectLink", RequirementDTOs.SuspectDTO.schema)
        app.registerSchema("ImpactSet", RequirementDTOs.ImpactDTO.schema)
        app.registerSchema("RequirementComment", RequirementDTOs.CommentDTO.schema)
        app.registerSchema("CoverageDefinition", CoverageDTOs.DefinitionDTO.schema)
        app.registerSchema("ProjectCoverage", CoverageDTOs.ProjectCoverageDTO.schema)
        app.registerSchema("AttributeDefinition", ModuleDTOs.AttributeDTO.schema)
        app.registerSchema("ReqIFImportPreview", ImportDTOs.PreviewDTO.schema)
        app.registerSchema("ReqIFMapping", ImportDTOs.MappingDTO.schema)

        typealias A = RequirementsAPIController
        typealias P = OpenAPIOperation.Parameter
        let (viewers, editors, leads) = ProjectRouteGroups.api(app).all
        let docs = ProjectAPIDocs(tag: "requirements", things: "item")
        let (forbidden, invalid, conflict) = (ProjectAPIDocs.forbidden, ProjectAPIDocs.invalid, ProjectAPIDocs.conflict)
        let prefix = P(name: A.prefixParameter, in: .path, required: true, description: "Module prefix, e.g. SYS")
        let key = P(name: A.keyParameter, in: .path, required: true, description: "Requirement or section key, e.g. SYS-REQ-042")
        let linkID = P(name: A.linkParameter, in: .path, required: true, description: "Link id (UUID)")
        let module: [PathComponent] = ["requirement-modules", .parameter(A.prefixParameter)]
        let requirement: [PathComponent] = ["requirements", .parameter(A.keyParameter)]
        let filters = ["q", "module", "status", "type", "tag", "finding", "suspect", "attribute", "page", "per_page"].map {
            P(name: $0, in: .query, description: [
                "q": "Full-text terms (key, title, statement); word prefixes match", "module": "Module prefix",
                "status": "draft, in-review, approved or obsolete", "type": "Requirement type", "tag": "A tag",
                "finding": "A quality rule id", "suspect": "1: only requirements with suspect links",
                "attribute": "name=value of a custom attribute", "page": "Page, from 1", "per_page": "1–500 (50)",
            ][$0]!)
        }

        let importQuery = [
            P(name: "file", in: .query, description: "The file's name; .reqifz is read as an archive (default upload.reqif)"),
            P(name: "module", in: .query, description: "Import only the specification of this name"),
            P(name: "dry_run", in: .query, description: "1: answer with the comparison, store nothing"),
        ]
        editors.on(.POST, "imports", "reqif", body: .collect(maxSize: "64mb"), use: A.importReqIF).maxBodySize(64 << 20).openAPI(docs.op(
            "importReqIF", "Import a ReqIF or ReqIFZ file sent as the body (editors): a dry run compares, otherwise a job applies it in one transaction",
            importQuery, [.json(200, "Dry run: per ReqIF document of the file, what would be new, changed, unchanged and missing", ImportDTOs.PreviewsDTO.schema),
                          .json(202, "Accepted: the import job", ImportDTOs.AcceptedDTO.schema), forbidden, invalid]))
        viewers.get("reqif-mappings", use: A.mappings).openAPI(docs.op(
            "listReqIFMappings", "The project's saved ReqIF field mappings, one per source tool", [],
            [.json(200, "Mappings", ImportDTOs.MappingsDTO.schema)]))
        editors.put("reqif-mappings", use: A.saveMapping).openAPI(docs.op(
            "saveReqIFMapping", "Replace the field mapping for one source tool (editors); later imports of its files use it", [],
            body: .ref("ReqIFMapping"), [.json(200, "The saved mapping", .ref("ReqIFMapping")), forbidden, invalid]))
        editors.on(.POST, module + ["imports", "table"], body: .collect(maxSize: "64mb"), use: A.importTable).maxBodySize(64 << 20).openAPI(docs.op(
            "importRequirementTable", "Import a CSV or XLSX sheet into the module (editors): rows matched by key, all or nothing; a dry run compares",
            [prefix, P(name: "file", in: .query, description: "The file's name; .xlsx is read as a workbook, anything else as CSV"),
             P(name: "dry_run", in: .query, description: "1: answer with the comparison, store nothing")],
            [.json(200, "The comparison (dry run) or what was applied", ImportDTOs.PreviewsDTO.schema), forbidden, invalid]))
        viewers.get("exports", "reqif", use: A.exportReqIF).openAPI(docs.op(
            "exportReqIF", "The project's requirement modules, or one, as ReqIF 1.2 (or a ReqIFZ archive), as a download",
            [P(name: "module", in: .query, description: "Only the module with this prefix"),
             P(name: "format", in: .query, description: "reqif (default) or reqifz")],
            [.init(200, "The file", content: [("application/xml", .string()), ("application/zip", .string(format: "binary"))]), invalid]))
        viewers.get("requirement-modules", use: A.modules).openAPI(docs.op(
            "listRequirementModules", "The project's requirement modules", [],
            [.json(200, "Modules", .object([("items", .array(.ref("RequirementModule")))], required: ["items"]))]))
        editors.post("requirement-modules", use: A.createModule).openAPI(docs.op(
            "createRequirementModule", "Create a module (editors)", [], body: RequirementDTOs.ModuleInput.schema,
            [.json(201, "Created", .ref("RequirementModule")), forbidden, invalid]))
        editors.put(module, use: A.updateModule).openAPI(docs.op(
            "updateRequirementModule", "Rename a module, change its description or parent expectation (editors; the prefix stays)",
            [prefix], body: ModuleDTOs.ModuleUpdate.schema, [.json(200, "Saved", .ref("RequirementModule")), forbidden, invalid]))
        leads.delete(module, use: A.deleteModule).openAPI(docs.op(
            "deleteRequirementModule", "Delete an empty module (leads; its prefix stays reserved)", [prefix],
            [.init(204, "Deleted"), forbidden, invalid]))
        let attributeName = P(name: A.attributeParameter, in: .path, required: true, description: "Attribute name, e.g. sil")
        viewers.get(module + ["attributes"], use: A.attributes).openAPI(docs.op(
            "listModuleAttributes", "The module's custom attribute definitions", [prefix],
            [.json(200, "Definitions", .array(.ref("AttributeDefinition")))]))
        leads.post(module + ["attributes"], use: A.defineAttribute).openAPI(docs.op(
            "defineModuleAttribute", "Define a custom attribute (leads)", [prefix], body: ModuleDTOs.AttributeInput.createSchema,
            [.json(201, "Created", .ref("AttributeDefinition")), forbidden, invalid]))
        leads.put(module + ["attributes", .parameter(A.attributeParameter)], use: A.updateAttribute).openAPI(docs.op(
            "updateModuleAttribute", "Relabel an attribute or change an enumeration's values (leads; name and type stay)",
            [prefix, attributeName], body: ModuleDTOs.AttributeInput.updateSchema,
            [.json(200, "Saved", .ref("AttributeDefinition")), forbidden, invalid]))
        leads.delete(module + ["attributes", .parameter(A.attributeParameter)], use: A.removeAttribute).openAPI(docs.op(
            "removeModuleAttribute", "Remove an attribute no current requirement has a value for (leads)", [prefix, attributeName],
            [.init(204, "Removed"), forbidden, invalid]))
        viewers.get(module + ["document"], use: A.document).openAPI(docs.op(
            "getRequirementDocument", "A module's sections and requirements in document order", [prefix],
            [.json(200, "Document", .object([("module", .ref("RequirementModule")), ("items", .array(.ref("DocumentItem")))],
                                            required: ["module", "items"]))]))
        editors.post(module + ["requirements"], use: A.createRequirement).openAPI(docs.op(
            "createRequirement", "Add a draft requirement to a module (editors)", [prefix], body: RequirementDTOs.RequirementInput.schema,
            [.json(201, "Created", .ref("Requirement")), forbidden, invalid]))
        editors.post(module + ["sections"], use: A.createSection).openAPI(docs.op(
            "createSection", "Add a section to a module (editors)", [prefix],
            body: .object([("title", .string()), ("text", .string()), ("parent", .string(description: "Parent section key"))], required: ["title"]),
            [.json(201, "Created", .object([("key", .string())], required: ["key"])), forbidden, invalid]))
        viewers.get(module + ["coverage"], use: A.coverage).openAPI(docs.op(
            "getModuleCoverage", "Coverage of a module's requirements for each coverage definition on requirements", [prefix],
            [.json(200, "Coverage", .array(.object([("name", .string()), ("total", .integer()), ("covered", .integer()),
                                                    ("share", .number()), ("uncovered", .array(.string()))],
                                                   required: ["name", "total", "covered", "share", "uncovered"])))]))
        viewers.get("coverage", use: A.projectCoverage).openAPI(docs.op(
            "getProjectCoverage", "Every coverage definition over all artifacts of its source kind in the project", [],
            [.json(200, "Coverage", .array(.ref("ProjectCoverage")))]))
        viewers.get("coverage-definitions", use: A.coverageDefinitions).openAPI(docs.op(
            "listCoverageDefinitions", "The project's coverage definitions (the built-in four until a lead changes them)", [],
            [.json(200, "Definitions", .array(.ref("CoverageDefinition")))]))
        leads.put("coverage-definitions", use: A.saveCoverageDefinitions).openAPI(docs.op(
            "replaceCoverageDefinitions", "Replace the coverage definitions (leads; audited)", [],
            body: .object([("definitions", .array(.ref("CoverageDefinition")))], required: ["definitions"]),
            [.json(200, "Saved", .array(.ref("CoverageDefinition"))), forbidden, invalid]))
        viewers.get("requirements", use: A.search).openAPI(docs.op(
            "searchRequirements", "Full-text search and filters over the project's requirements, paginated", filters,
            [.json(200, "Matches", .object([("items", .array(.ref("RequirementSearchHit"))), ("total", .integer()), ("page", .integer()),
                                            ("per_page", .integer())], required: ["items", "total", "page", "per_page"])), invalid]))
        viewers.get(requirement, use: A.show).openAPI(docs.op(
            "getRequirement", "A requirement with its findings", [key], [.json(200, "The requirement", .ref("Requirement"))]))
        editors.put(requirement, use: A.update).openAPI(docs.op(
            "updateRequirement", "Save a new version (send the version you edited); a section takes {version, title, text}", [key],
            body: RequirementDTOs.RequirementInput.schema,
            [.json(200, "Saved", .ref("Requirement")), forbidden, invalid, conflict]))
        editors.delete(requirement, use: A.delete).openAPI(docs.op(
            "deleteRequirement", "Delete a draft requirement or empty section (?version=N)",
            [key, P(name: "version", in: .query, required: true, description: "The version you mean to delete")],
            [.init(204, "Deleted"), forbidden, invalid, conflict]))
        editors.post(requirement + ["status"], use: A.setStatus).openAPI(docs.op(
            "setRequirementStatus", "Move along the lifecycle (approve and obsolete: leads)", [key], body: RequirementDTOs.StatusInput.schema,
            [.json(200, "Saved", .ref("Requirement")), forbidden, invalid, conflict]))
        editors.post(requirement + ["move"], use: A.move).openAPI(docs.op(
            "moveRequirementItem", "Move a section or requirement: one step, or under a parent at a position (editors)", [key],
            body: ModuleDTOs.MoveInput.schema,
            [.json(200, "The module's document in its new order", .object([("module", .ref("RequirementModule")),
                                                                           ("items", .array(.ref("DocumentItem")))],
                                                                          required: ["module", "items"])), forbidden, invalid]))
        viewers.get(requirement + ["findings"], use: A.findings).openAPI(docs.op(
            "getRequirementFindings", "Quality findings of the statement (enabled rules)", [key],
            [.json(200, "Findings", .array(.ref("QualityFinding")))]))
        viewers.get(requirement + ["comments"], use: A.comments).openAPI(docs.op(
            "listRequirementComments", "Comments, oldest first", [key], [.json(200, "Comments", .array(.ref("RequirementComment")))]))
        viewers.post(requirement + ["comments"], use: A.addComment).openAPI(docs.op(
            "addRequirementComment", "Comment, or reply to a thread", [key],
            body: .object([("body", .string()), ("thread", .string(format: "uuid"))], required: ["body"]),
            [.json(201, "Created", .ref("RequirementComment")), invalid]))
        let thread = P(name: A.threadParameter, in: .path, required: true, description: "Id of the thread's first comment")
        viewers.post("comments", .parameter(A.threadParameter), "resolve", use: A.resolveThread).openAPI(docs.op(
            "resolveCommentThread", "Resolve a comment thread (editors, or the thread's author)", [thread],
            [.json(200, "The thread's first comment", .ref("RequirementComment")), forbidden, invalid]))
        viewers.post("comments", .parameter(A.threadParameter), "reopen", use: A.reopenThread).openAPI(docs.op(
            "reopenCommentThread", "Reopen a resolved comment thread (editors, or the thread's author)", [thread],
            [.json(200, "The thread's first comment", .ref("RequirementComment")), forbidden, invalid]))
        viewers.get("artifacts", .parameter(A.artifactParameter), "impact", use: A.impact).openAPI(docs.op(
            "getImpactSet", "The transitive set reachable from an artifact over chosen link kinds",
            [P(name: A.artifactParameter, in: .path, required: true, description: "Artifact key of any kind"),
             P(name: "direction", in: .query, description: "upstream (default: what depends on it), downstream, both"),
             P(name: "kinds", in: .query, description: "Comma-separated link kinds; all when absent"),
             P(name: "depth", in: .query, description: "Maximum depth 1–50; unlimited when absent")],
            [.json(200, "Impact set", .ref("ImpactSet")), invalid]))
        editors.post("links", use: A.createLink).openAPI(docs.op(
            "createLink", "Link two artifacts with a registered link kind (editors)", [], body: RequirementDTOs.LinkInput.schema,
            [.json(201, "Created", .ref("SuspectLink")), forbidden, invalid, .problem(409, "The link exists already")]))
        editors.delete("links", .parameter(A.linkParameter), use: A.deleteLink).openAPI(docs.op(
            "deleteLink", "Remove a link (editors)", [linkID], [.init(204, "Removed"), forbidden]))
        viewers.get("suspect-links", use: A.suspectLinks).openAPI(docs.op(
            "listSuspectLinks", "Suspect links of the project, or of one artifact (?artifact=KEY)",
            [P(name: "artifact", in: .query, description: "Only links at this artifact")],
            [.json(200, "Suspect links", .object([("items", .array(.ref("SuspectLink")))], required: ["items"]))]))
        editors.post("links", .parameter(A.linkParameter), "clear", use: A.clearSuspect).openAPI(docs.op(
            "clearSuspectLink", "Clear a suspect link with a reason (editors; audited)", [linkID], body: RequirementDTOs.ClearInput.schema,
            [.init(204, "Cleared"), forbidden, invalid, .problem(409, "The link is not suspect")]))
    }
}
