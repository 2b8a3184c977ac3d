import Vapor

/// What the status page and `GET /api/v1/status` show about this instance. No host names, credentials or
/// paths: the page is public until sign-in exists.
public struct InstanceStatus: Content, Sendable {
    public var version: String
    public var environment: String
    public var database: String
    public var databaseReachable: Bool
    public var databaseRoundTripMS: Double?
    public var migrationsApplied: Int
    public var migrationsPending: [String]
    public var installedAt: Date?
    public var installedVersion: String?
    public var startedAt: Date
    public var uptimeSeconds: Int
    /// The readiness checks, as `/health/ready` runs them.
    public var checks: [HealthReport.Check]
    public var ready: Bool { checks.allSatisfy { $0.status == .pass } }

    enum CodingKeys: String, CodingKey {
        case version, environment, database
        case databaseReachable = "database_reachable"
        case databaseRoundTripMS = "database_roundtrip_ms"
        case migrationsApplied = "migrations_applied"
        case migrationsPending = "migrations_pending"
        case installedAt = "installed_at"
        case installedVersion = "installed_version"
        case startedAt = "started_at"
        case uptimeSeconds = "uptime_seconds"
        case checks
    }

    /// The query behind the status page and API: one round trip, the migration log, the installation row.
    public static func query(app: Application, now: Date = Date()) async -> InstanceStatus {
        let checks = await HealthChecks.readiness(app: app)
        let database = checks[0]
        let reachable = database.status == .pass
        let migrations = reachable ? try? await app.migrationStatus() : nil
        let installation = reachable && migrations?.applied.isEmpty == false
            ? try? await InstanceInfo.current(on: app.db) : nil
        return InstanceStatus(
            version: SesaVersion.current,
            environment: app.config.mode.rawValue,
            database: app.config.databaseURL.backendName,
            databaseReachable: reachable,
            databaseRoundTripMS: reachable ? database.durationMS : nil,
            migrationsApplied: migrations?.applied.count ?? 0,
            migrationsPending: migrations?.pending ?? [],
            installedAt: installation?.installedAt,
            installedVersion: installation?.installedVersion,
            startedAt: app.startedAt,
            uptimeSeconds: max(0, Int(now.timeIntervalSince(app.startedAt))),
            checks: checks)
    }

    static let schema: JSONSchema = .object([
        ("version", .string()),
        ("environment", .string(enumValues: AppConfig.Mode.allCases.map(\.rawValue))),
        ("database", .string(enumValues: ["SQLite", "PostgreSQL"])),
        ("database_reachable", .boolean()),
        ("database_roundtrip_ms", .nullable(.number())),
        ("migrations_applied", .integer(minimum: 0)),
        ("migrations_pending", .array(.string())),
        ("installed_at", .nullable(.string(format: "date-time"))),
        ("installed_version", .nullable(.string())),
        ("started_at", .string(format: "date-time")),
        ("uptime_seconds", .integer(minimum: 0)),
        ("checks", .array(.object([
            ("name", .string()), ("status", .string(enumValues: ["pass", "fail"])), ("duration_ms", .number()),
            ("detail", .string()),
        ], required: ["name", "status", "duration_ms", "detail"]))),
    ], required: ["version", "environment", "database", "database_reachable", "migrations_applied",
                  "migrations_pending", "started_at", "uptime_seconds", "checks"])
}
