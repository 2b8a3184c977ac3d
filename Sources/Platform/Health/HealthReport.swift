import Vapor

/// The outcome of the instance's checks, as `/health/ready` and `/health/detailed` return it.
public struct HealthReport: Content, Sendable {
    public enum Status: String, Codable, Sendable { case pass, fail }

    public struct Check: Content, Sendable {
        public var name: String
        public var status: Status
        public var durationMS: Double
        public var detail: String

        enum CodingKeys: String, CodingKey {
            case name, status, detail
            case durationMS = "duration_ms"
        }
    }

    public var status: Status
    public var version: String
    public var checks: [Check]

    public init(checks: [Check]) {
        self.status = checks.allSatisfy { $0.status == .pass } ? .pass : .fail
        self.version = SesaVersion.current
        self.checks = checks
    }

    static let schema: JSONSchema = .object([
        ("status", .string(enumValues: ["pass", "fail"])),
        ("version", .string()),
        ("checks", .array(.object([
            ("name", .string()),
            ("status", .string(enumValues: ["pass", "fail"])),
            ("duration_ms", .number()),
            ("detail", .string()),
        ], required: ["name", "status", "duration_ms", "detail"]))),
    ], required: ["status", "version", "checks"])
}
