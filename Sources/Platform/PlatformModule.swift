import Fluent
import Vapor

/// Platform's registration: its migrations, routes, schemas and menu entries.
public enum PlatformModule {
    public static let migrations = PlatformMigrations.all

    public static func register(on app: Application) {
        app.registerSchema("Problem", .object([
            ("type", .string()), ("title", .string()), ("status", .integer()), ("detail", .string()),
            ("instance", .string()), ("request_id", .string()),
            ("errors", .array(.object([("field", .string()), ("reason", .string())], required: ["field", "reason"]))),
        ], required: ["type", "title", "status", "detail"], description: "RFC 9457 problem details"))
        app.registerSchema("HealthReport", HealthReport.schema)
        app.registerSchema("InstanceStatus", InstanceStatus.schema)
        app.registerSchema("Job", JobsController.JobDTO.schema)
        app.addNavigation(NavigationEntry(title: "Projects", href: ProjectRoute.list.path, order: 10))
        app.addNavigation(NavigationEntry(title: "Status", href: PlatformRoute.home.path, order: 1000))
        registerRoutes(on: app)
    }

    static func registerRoutes(on app: Application) {
        do { // pages
            app.get(PlatformRoute.home.pathComponents, use: HomeController.show).htmlPage()
        }
        do { // sign-in, first administrator, own account
            app.get(IdentityRoute.loginPath, use: LoginController.show).htmlPage()
            app.post(IdentityRoute.loginPath, use: LoginController.submit).htmlPage()
            app.post(IdentityRoute.logoutPath, use: LoginController.logout).htmlPage()
            app.get(IdentityRoute.setupPath, use: SetupController.show).htmlPage()
            app.post(IdentityRoute.setupPath, use: SetupController.submit).htmlPage()
            app.get(IdentityRoute.accountPath, use: AccountController.show).htmlPage()
            app.post(IdentityRoute.accountPasswordPath, use: AccountController.changePassword).htmlPage()
            app.post(IdentityRoute.accountSessionRevokePath, use: AccountController.revokeSession).htmlPage()
            app.post("account", "tokens", use: AccountController.createToken).htmlPage()
            app.post("account", "tokens", ":id", "revoke", use: AccountController.revokeToken).htmlPage()
        }
        do { // projects: every route sits in the group of the least role it needs
            app.get(["projects"], use: ProjectsController.list).htmlPage()
            let project = app.grouped(ProjectRoute.groupPath)
            let viewers = project.grouped(ProjectAccessMiddleware(.viewer))
            let editors = project.grouped(ProjectAccessMiddleware(.editor))
            let leads = project.grouped(ProjectAccessMiddleware(.lead))
            let governors = project.grouped(ProjectAccessMiddleware(.lead, allowsArchived: true))
            viewers.get(use: ProjectsController.overview).htmlPage()
            viewers.get("members", use: MembersController.list).htmlPage()
            editors.get("edit", use: ProjectsController.showEdit).htmlPage()
            editors.post("edit", use: ProjectsController.submitEdit).htmlPage()
            leads.post("members", use: MembersController.add).htmlPage()
            leads.post("members", ":userID", "role", use: MembersController.changeRole).htmlPage()
            leads.post("members", ":userID", "remove", use: MembersController.remove).htmlPage()
            governors.get("settings", use: ProjectsController.showSettings).htmlPage()
            governors.post("settings", use: ProjectsController.submitSettings).htmlPage()
            governors.get("audit", use: AuditController.project).htmlPage()
        }
        do { // site administration
            let admin = app.grouped("admin").grouped(SiteAdminMiddleware())
            admin.get("users", use: AdminUsersController.list).htmlPage()
            admin.post("users", use: AdminUsersController.create).htmlPage()
            admin.post("users", ":userID", use: AdminUsersController.update).htmlPage()
            admin.post("users", ":userID", "unlock", use: AdminUsersController.unlock).htmlPage()
            admin.get("projects", use: AdminProjectsController.list).htmlPage()
            admin.post("projects", "new", use: AdminProjectsController.createProject).htmlPage()
            admin.post("programs", "new", use: AdminProjectsController.createProgram).htmlPage()
            admin.get("audit", use: AuditController.site).htmlPage()
        }
        do { // API: sign-in and tokens
            app.registerSchema("TokenPair", AuthAPIController.TokenPair.schema)
            app.registerSchema("Me", AuthAPIController.Me.schema)
            app.registerSchema("Project", ProjectsAPIController.ProjectDTO.schema)
            app.registerSchema("Member", ProjectsAPIController.MemberDTO.schema)
            let refused = OpenAPIOperation.Response.problem(401, "Missing, invalid or expired token")
            let limited = OpenAPIOperation.Response.problem(429, "Too many attempts; see Retry-After")
            app.post("api", "v1", "auth", "login", use: AuthAPIController.login).openAPI(.init(
                "login", summary: "Sign in: an access token and a refresh token", tag: "auth",
                requestBody: .object([("email", .string(format: "email")), ("password", .string(format: "password"))],
                                     required: ["email", "password"]),
                responses: [.json(200, "Signed in", .ref("TokenPair")), .problem(401, "Wrong email or password"), limited]))
            app.post("api", "v1", "auth", "refresh", use: AuthAPIController.refresh).openAPI(.init(
                "refreshToken", summary: "Rotate a refresh token; a reused one revokes its whole session", tag: "auth",
                requestBody: .object([("refresh_token", .string())], required: ["refresh_token"]),
                responses: [.json(200, "New tokens", .ref("TokenPair")), .problem(401, "Invalid, expired or reused token"),
                            limited]))
            app.post("api", "v1", "auth", "logout", use: AuthAPIController.logout).openAPI(.init(
                "logout", summary: "End the API session: its access and refresh tokens stop working at once",
                tag: "auth", responses: [.init(204, "Signed out"), refused], security: ["bearer"]))
            app.get("api", "v1", "me", use: AuthAPIController.me).openAPI(.init(
                "getMe", summary: "The signed-in user", tag: "auth",
                responses: [.json(200, "The user", .ref("Me")), refused], security: ["bearer"]))
        }
        do { // API: projects (the same role groups as the pages)
            let notFound = OpenAPIOperation.Response.problem(404, "No such project, or the caller is not a member")
            let refused = OpenAPIOperation.Response.problem(401, "Missing, invalid or expired token")
            let keyParameter = OpenAPIOperation.Parameter(name: ProjectAccessMiddleware.parameter, in: .path,
                                                          required: true, description: "Project key, e.g. ATC")
            app.get("api", "v1", "projects", use: ProjectsAPIController.list).openAPI(.init(
                "listProjects", summary: "The projects the caller can open", tag: "projects",
                responses: [.json(200, "Projects", .object([("items", .array(.ref("Project")))], required: ["items"])),
                            refused], security: ["bearer"]))
            let project = app.grouped(["api", "v1"] + ProjectRoute.groupPath)
            project.grouped(ProjectAccessMiddleware(.viewer)).get(use: ProjectsAPIController.show).openAPI(.init(
                "getProject", summary: "One project", tag: "projects", parameters: [keyParameter],
                responses: [.json(200, "The project", .ref("Project")), refused, notFound], security: ["bearer"]))
            project.grouped(ProjectAccessMiddleware(.editor)).patch(use: ProjectsAPIController.patch).openAPI(.init(
                "updateProject", summary: "Change the description (editors)", tag: "projects", parameters: [keyParameter],
                requestBody: .object([("description", .string())], required: []),
                responses: [.json(200, "The project", .ref("Project")), refused,
                            .problem(403, "The caller's role is below editor"), notFound,
                            .problem(409, "The project is archived"), .problem(422, "Invalid fields")],
                security: ["bearer"]))
            project.grouped(ProjectAccessMiddleware(.viewer)).get("members", use: ProjectsAPIController.members)
                .openAPI(.init(
                    "listProjectMembers", summary: "The project's members and roles", tag: "projects",
                    parameters: [keyParameter],
                    responses: [.json(200, "Members", .object([("items", .array(.ref("Member")))], required: ["items"])),
                                refused, notFound], security: ["bearer"]))
        }
        do { // jobs
            app.get("jobs", ":jobID", use: JobsController.page).htmlPage()
            app.get("jobs", ":jobID", "progress", use: JobsController.progress).htmlPage()
            app.get("api", "v1", "jobs", ":jobID", use: JobsController.api).openAPI(.init(
                "getJob", summary: "A job's status and progress (its starter, its project's members, administrators)",
                tag: "jobs",
                parameters: [.init(name: "jobID", in: .path, required: true, description: "Job id", schema: .string(format: "uuid"))],
                responses: [.json(200, "The job", .ref("Job")),
                            .problem(401, "Missing, invalid or expired token"),
                            .problem(404, "No such job, or the caller may not see it")],
                security: ["bearer"]))
        }
        do { // probes and metrics
            let notReady = OpenAPIOperation.Response.json(503, "A check failed; see `checks`", .ref("HealthReport"))
            app.get(PlatformRoute.health.pathComponents, use: HealthController.live).openAPI(.init(
                "getHealth", summary: "Liveness: the process answers", tag: "operations",
                responses: [.json(200, "Alive", .object([("status", .string(enumValues: ["pass"]))], required: ["status"]))]))
            app.get(PlatformRoute.healthReady.pathComponents, use: HealthController.ready).openAPI(.init(
                "getHealthReady", summary: "Readiness: database reachable and no migration pending", tag: "operations",
                responses: [.json(200, "Ready", .ref("HealthReport")), notReady]))
            app.get(PlatformRoute.healthDB.pathComponents, use: HealthController.database).openAPI(.init(
                "getHealthDatabase", summary: "Database round-trip time", tag: "operations",
                responses: [.json(200, "The database answered", .ref("HealthReport")), notReady]))
            app.get(PlatformRoute.healthDetailed.pathComponents, use: HealthController.detailed).openAPI(.init(
                "getHealthDetailed", summary: "Every check with its timing (needs the metrics token)", tag: "operations",
                responses: [.json(200, "All checks pass", .ref("HealthReport")), notReady,
                            .problem(401, "Missing or wrong metrics token"),
                            .problem(404, "No metrics token is configured")],
                security: ["metricsToken"]))
            app.get(PlatformRoute.metrics.pathComponents, use: HealthController.metrics).openAPI(.init(
                "getMetrics", summary: "Prometheus metrics", tag: "operations",
                responses: [.init(200, "Prometheus text exposition format", content: [("text/plain", .string())]),
                            .problem(401, "Missing or wrong metrics token"),
                            .problem(404, "Production without a metrics token")],
                security: ["metricsToken"]))
        }
        do { // API
            app.get(PlatformRoute.apiStatus.pathComponents, use: HomeController.apiStatus).openAPI(.init(
                "getStatus", summary: "Instance status: version, database, schema", tag: "instance",
                responses: [.json(200, "Status", .ref("InstanceStatus"))]))
            app.get(PlatformRoute.openAPI.pathComponents, use: HomeController.openAPI).openAPI(.init(
                "getOpenAPI", summary: "This document", tag: "instance",
                responses: [.json(200, "OpenAPI 3.1 document", .object([], required: []))]))
        }
    }
}
