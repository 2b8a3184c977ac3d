import Fluent
import Platform
import Vapor

/// The artifact core's registration: migrations, the registry, and the read API every kind shares.
public enum ArtifactsModule {
    public static let migrations: [any Migration] = [CreateArtifacts(), AddTraceGraphIndexes(), CreateTriggerFieldSettings()]
    /// Columns later modules read (`trigger_revision`, for verification evidence): after every module's tables.
    public static let migrationsAfterInterfaces: [any Migration] = [AddTriggerRevision()]

    public static func register(on app: Application) {
        _ = app.artifactRegistry
        _ = app.traceGraphs
        app.registerSchema("Artifact", ArtifactDTOs.ArtifactDTO.schema)
        app.registerSchema("ArtifactVersion", ArtifactDTOs.VersionDTO.schema)
        app.registerSchema("ArtifactLink", ArtifactDTOs.LinkDTO.schema)

        let refused = OpenAPIOperation.Response.problem(401, "Missing, invalid or expired token")
        let notFound = OpenAPIOperation.Response.problem(404, "No such project or artifact, or the caller is not a member")
        let projectKey = OpenAPIOperation.Parameter(name: ProjectAccessMiddleware.parameter, in: .path, required: true,
                                                    description: "Project key, e.g. ATC")
        let artifactKey = OpenAPIOperation.Parameter(name: ArtifactsAPIController.keyParameter, in: .path, required: true,
                                                     description: "Artifact key, e.g. SYS-REQ-042")
        app.get("api", "v1", "artifact-kinds", use: ArtifactsAPIController.kinds).openAPI(.init(
            "listArtifactKinds", summary: "Registered artifact kinds and link kinds", tag: "artifacts",
            responses: [.json(200, "Kinds", .object([
                ("kinds", .array(.object([("id", .string()), ("label", .string()), ("key_pattern", .string()),
                                          ("trigger_fields", .array(.string()))],
                                         required: ["id", "label", "key_pattern", "trigger_fields"]))),
                ("link_kinds", .array(.object([("id", .string()), ("label", .string()), ("inverse_label", .string()),
                                               ("pairs", .array(.array(.string()))), ("acyclic", .boolean())],
                                              required: ["id", "label", "inverse_label", "pairs", "acyclic"]))),
            ], required: ["kinds", "link_kinds"])), refused], security: ["bearer"]))

        let viewers = app.grouped(["api", "v1"] + ProjectRoute.groupPath).grouped(ProjectAccessMiddleware(.viewer))
        viewers.get("revision", use: ArtifactsAPIController.revision).openAPI(.init(
            "getProjectRevision", summary: "The project's revision: it moves with every change to its artifacts",
            tag: "artifacts", parameters: [projectKey],
            responses: [.json(200, "Revision", .object([("revision", .integer())], required: ["revision"])), refused, notFound],
            security: ["bearer"]))
        app.registerSchema("KindTriggerFields", TriggerFieldsAPIController.KindTriggers.schema)
        viewers.get("trigger-fields", use: TriggerFieldsAPIController.list).openAPI(.init(
            "listTriggerFields", summary: "For every artifact kind, the fields whose change turns links suspect in this project",
            tag: "artifacts", parameters: [projectKey],
            responses: [.json(200, "Kinds", .array(.ref("KindTriggerFields"))), refused, notFound], security: ["bearer"]))
        let leads = app.grouped(["api", "v1"] + ProjectRoute.groupPath).grouped(ProjectAccessMiddleware(.lead))
        leads.put("trigger-fields", .parameter(TriggerFieldsAPIController.kindParameter), use: TriggerFieldsAPIController.replace)
            .openAPI(.init(
                "replaceTriggerFields",
                summary: "Choose a kind's trigger fields (leads; audited). Hashes are recomputed and in-sync links re-baselined, so nothing turns suspect",
                tag: "artifacts",
                parameters: [projectKey, .init(name: TriggerFieldsAPIController.kindParameter, in: .path, required: true,
                                               description: "Artifact kind, e.g. requirement")],
                requestBody: .object([("fields", .array(.string()))], required: ["fields"]),
                responses: [.json(200, "Saved", .ref("KindTriggerFields")), refused,
                            .problem(403, "The caller is not a lead"), notFound,
                            .problem(422, "Unknown fields, or none")],
                security: ["bearer"]))
        let artifact = viewers.grouped("artifacts", .parameter(ArtifactsAPIController.keyParameter))
        artifact.get(use: ArtifactsAPIController.show).openAPI(.init(
            "getArtifact", summary: "An artifact of any kind, by key", tag: "artifacts", parameters: [projectKey, artifactKey],
            responses: [.json(200, "The artifact", .ref("Artifact")), refused, notFound], security: ["bearer"]))
        artifact.get("history", use: ArtifactsAPIController.history).openAPI(.init(
            "getArtifactHistory", summary: "Every version of an artifact, oldest first", tag: "artifacts",
            parameters: [projectKey, artifactKey],
            responses: [.json(200, "Versions", .object([("items", .array(.ref("ArtifactVersion")))], required: ["items"])),
                        refused, notFound], security: ["bearer"]))
        artifact.get("links", use: ArtifactsAPIController.links).openAPI(.init(
            "getArtifactLinks", summary: "An artifact's links, both directions", tag: "artifacts",
            parameters: [projectKey, artifactKey],
            responses: [.json(200, "Links", .object([("outgoing", .array(.ref("ArtifactLink"))),
                                                     ("incoming", .array(.ref("ArtifactLink")))],
                                                    required: ["outgoing", "incoming"])), refused, notFound],
            security: ["bearer"]))
    }
}
