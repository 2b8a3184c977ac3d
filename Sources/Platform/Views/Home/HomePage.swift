import Foundation
import Plot

/// The start page: is this instance healthy, what is it running, and what to do when it is not.
struct HomePage: PageView {
    let status: InstanceStatus

    var pageTitle: String { "Instance status" }

    var isHealthy: Bool { status.ready }

    static let checkTitles = ["database": "Database", "migrations": "Schema", "jobs": "Background jobs"]

    func content() -> Component {
        Div {
            H1("Instance status")
            Paragraph(isHealthy ? "All checks pass. This instance is ready." : "This instance is not ready.")
                .class(isHealthy ? "status-banner status-pass" : "status-banner status-fail")
                .attribute(named: "role", value: "status")
            Table(
                caption: TableCaption("Checks"),
                header: TableRow {
                    TableHeaderCell("Check")
                    TableHeaderCell("Result")
                    TableHeaderCell("Detail")
                }
            ) {
                for check in status.checks {
                    row(Self.checkTitles[check.name] ?? check.name, pass: check.status == .pass,
                        detail: check.name == "migrations" ? schemaDetail : check.detail)
                }
            }.class("checks")
            H2("This instance")
            Tag("dl") {
                term("Version", status.version)
                term("Environment", status.environment)
                term("Database", status.database)
                term("Installed", status.installedAt.map { Self.format($0) + (status.installedVersion.map { " (\($0))" } ?? "") }
                    ?? "not yet")
                term("Running since", Self.format(status.startedAt) + " (" + Self.uptime(status.uptimeSeconds) + ")")
            }.class("facts")
            H2("For operators")
            Paragraph {
                Text("Probes: ")
                Link("/health", url: PlatformRoute.health.path)
                Text(", ")
                Link("/health/ready", url: PlatformRoute.healthReady.path)
                Text(", ")
                Link("/health/db", url: PlatformRoute.healthDB.path)
                Text(". Metrics: ")
                Link("/metrics", url: PlatformRoute.metrics.path)
                Text(". API description: ")
                Link("/api/v1/openapi.json", url: PlatformRoute.openAPI.path)
                Text(".")
            }
        }.class("home")
    }

    var schemaDetail: String {
        if !status.databaseReachable { return "not checked: the database is unreachable" }
        if status.migrationsPending.isEmpty { return "up to date (\(Self.count(status.migrationsApplied, "migration")) applied)" }
        return "\(Self.count(status.migrationsPending.count, "migration")) pending — run `sesa migrate`"
    }

    func row(_ name: String, pass: Bool, detail: String) -> Component {
        TableRow {
            TableCell(name)
            TableCell { Span(pass ? "pass" : "fail").class(pass ? "badge badge-pass" : "badge badge-fail") }
            TableCell(detail)
        }
    }

    func term(_ name: String, _ value: String) -> Component {
        ComponentGroup {
            Tag("dt", text: name)
            Tag("dd", text: value)
        }
    }

    static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d UTC", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0)
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    static func uptime(_ seconds: Int) -> String {
        let days = seconds / 86_400, hours = seconds % 86_400 / 3600, minutes = seconds % 3600 / 60
        if days > 0 { return "up \(days) d \(hours) h" }
        if hours > 0 { return "up \(hours) h \(minutes) min" }
        return "up \(minutes) min"
    }
}
