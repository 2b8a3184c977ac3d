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
        app.addNavigation(NavigationEntry(title: "Status", href: PlatformRoute.home.path, order: 1000))
        registerRoutes(on: app)
    }

    static func registerRoutes(on app: Application) {
        do { // pages
            app.get(PlatformRoute.home.pathComponents, use: HomeController.show).htmlPage()
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
