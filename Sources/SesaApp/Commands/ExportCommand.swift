import Fluent
import Foundation
import Interchange
import Platform
import Requirements
import Vapor

/// `sesa export reqif|reqifz|csv|xlsx --project KEY [--module PREFIX] [--output FILE]`: the project's requirement
/// modules (or one) as ReqIF 1.2 or a ReqIFZ archive, or one module as CSV; to standard output unless `--output`
/// names a file.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "format", help: "reqif or reqifz.")
        var format: String

        @Option(name: "project", help: "The project's key, e.g. ATC.")
        var project: String?

        @Option(name: "module", help: "Export only the module with this key prefix, e.g. SYS.")
        var module: String?

        @Option(name: "output", help: "Write to this file instead of standard output.")
        var output: String?

        init() {}
    }

    var help: String { "Exports requirements: sesa export reqif|reqifz|csv|xlsx --project KEY [--module PREFIX] [--output FILE]" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        guard ["reqif", "reqifz", "csv", "xlsx"].contains(signature.format) else {
            console.error("Unknown format '\(signature.format)'. Supported: reqif, reqifz, csv, xlsx.")
            throw CommandExit(code: 2)
        }
        let (key, projectID) = try await CommandProject.resolve(signature.project, app: app, console: console)
        var module: RequirementModule?
        if let prefix = signature.module?.uppercased() {
            module = try await RequirementModule.query(on: app.db).filter(\.$projectID == projectID).filter(\.$prefix == prefix)
                .filter(\.$deletedAt == nil).first()
            guard module != nil else {
                console.error("--module: project \(key) has no module with the prefix '\(prefix)'.")
                throw CommandExit(code: 2)
            }
        }
        let data: Data
        if signature.format == "csv" || signature.format == "xlsx" {
            guard let module else {
                console.error("--module: a \(signature.format.uppercased()) export holds one module; give its prefix.")
                throw CommandExit(code: 2)
            }
            let table = try await RequirementTable.export(module: module, on: app.db)
            data = signature.format == "csv" ? table.write() : try XLSXTable.write(table, sheet: module.prefix)
        } else {
            data = try await ReqIFExportFile.data(format: signature.format, projectID: projectID, projectKey: key,
                                                  prefix: module?.prefix, on: app.db, now: app.clock.now())
        }
        if let output = signature.output {
            try data.write(to: URL(fileURLWithPath: output))
            console.print("Wrote \(output) (\(data.count) bytes).")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
