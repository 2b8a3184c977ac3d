import Foundation
import Platform
import Vapor

/// `sesa check [--deploy]`: checks this instance's configuration, database and schema without starting it;
/// `--deploy` adds the go-live rules production enforces and hardening advice. Exits 1 on any failure.
struct CheckCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "deploy", help: "Also check what a production deployment needs (as SESA_ENV=production enforces).")
        var deploy: Bool

        init() {}
    }

    var help: String { "Checks configuration, database and schema; --deploy checks readiness for production." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let findings = await DeployCheck.run(app: context.application, deploy: signature.deploy)
        for finding in findings { context.console.print(finding.line) }
        let failures = findings.filter { $0.level == .fail }.count
        let warnings = findings.filter { $0.level == .warn }.count
        context.console.print("\(failures) failed, \(warnings) warnings, \(findings.count - failures - warnings) passed")
        if failures > 0 { throw CommandExit(code: 1) }
    }
}

/// The checks behind `sesa check`, kept apart from the command so tests can read the findings.
enum DeployCheck {
    struct Finding: Equatable {
        enum Level: String { case pass = "ok  ", warn = "warn", fail = "FAIL" }
        let level: Level
        let subject: String
        let detail: String
        var line: String { "\(level.rawValue)  \(subject): \(detail)" }
    }

    static func run(app: Application, deploy: Bool) async -> [Finding] {
        let config = app.config
        var findings: [Finding] = []
        if deploy {
            if config.mode != .production {
                findings.append(.init(level: .fail, subject: "SESA_ENV", detail: "is '\(config.mode.rawValue)'; set production"))
            }
            let problems = config.productionProblems()
            findings += problems.map { .init(level: .fail, subject: $0.variable, detail: $0.reason) }
            for key in [ConfigKey.secretKey, .databaseURL, .allowedHosts, .logLevel]
            where !problems.contains(where: { $0.variable == key.rawValue }) {
                findings.append(.init(level: .pass, subject: key.rawValue, detail: "acceptable for production"))
            }
            findings.append(config.isServedOverTLS
                ? .init(level: .pass, subject: "SESA_PUBLIC_URL", detail: "https (HSTS on)")
                : .init(level: .warn, subject: "SESA_PUBLIC_URL",
                        detail: "not an https URL; serve SESA behind TLS and set it, so HSTS is sent"))
            findings.append(config.metricsToken == nil
                ? .init(level: .warn, subject: "SESA_METRICS_TOKEN", detail: "not set; /metrics and /health/detailed stay hidden")
                : .init(level: .pass, subject: "SESA_METRICS_TOKEN", detail: "set"))
        }
        findings.append(.init(level: .pass, subject: ConfigKey.publicDirectory.rawValue,
                              detail: "static files found in \(config.publicDirectory)"))
        let database = await HealthChecks.database(app: app)
        guard database.status == .pass else {
            findings.append(.init(level: .fail, subject: "database", detail: "\(config.databaseURL) did not answer"))
            return findings
        }
        findings.append(.init(level: .pass, subject: "database", detail: "\(config.databaseURL) answered in \(database.durationMS) ms"))
        let migrations = await HealthChecks.migrations(app: app)
        findings.append(.init(level: migrations.status == .pass ? .pass : .fail, subject: "schema", detail: migrations.detail))
        return findings
    }
}
