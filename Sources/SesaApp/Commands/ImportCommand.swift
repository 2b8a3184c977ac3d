import Fluent
import Foundation
import Interchange
import Platform
import Requirements
import Vapor

/// `sesa import reqif FILE --project KEY [--module NAME] [--dry-run]`: imports a ReqIF or ReqIFZ file into a
/// project's requirement modules. The dry run prints what would be new, changed (field by field), unchanged
/// and missing; without it the import is applied in one transaction — on any error nothing is stored.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "format", help: "reqif (a .reqif or .reqifz file).")
        var format: String

        @Argument(name: "file", help: "The file to import.")
        var file: String

        @Option(name: "project", help: "The project's key, e.g. ATC.")
        var project: String?

        @Option(name: "module", help: "reqif: import only the specification with this name; csv: the module's prefix.")
        var module: String?

        @Flag(name: "dry-run", help: "Show what the import would change; store nothing.")
        var dryRun: Bool

        init() {}
    }

    var help: String { "Imports requirements: sesa import reqif|csv|xlsx FILE --project KEY [--module NAME|PREFIX] [--dry-run]" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        guard ["reqif", "csv", "xlsx"].contains(signature.format) else {
            console.error("Unknown format '\(signature.format)'. Supported: reqif (.reqif and .reqifz files), csv, xlsx.")
            throw CommandExit(code: 2)
        }
        let (key, projectID) = try await CommandProject.resolve(signature.project, app: app, console: console)
        let url = URL(fileURLWithPath: signature.file)
        let requirements = RequirementContext(database: app.db, projectID: projectID, role: .lead, registry: app.artifactRegistry,
                                              actor: .commandLine, now: app.clock.now())
        if signature.format == "csv" || signature.format == "xlsx" {
            try await importTable(url, signature: signature, context: requirements, console: console)
            return
        }
        let plans: [ReqIFImportPlan]
        do {
            plans = try ReqIFFileImport.plans(of: url, module: signature.module,
                                              mappings: try await ReqIFMappings.all(projectID: projectID, on: app.db))
        } catch let error as ReqIFError {
            console.error(error.description)
            throw CommandExit(code: 1)
        } catch let error as ReqIFFileImport.Problem {
            console.error(error.message)
            throw CommandExit(code: 1)
        }
        do {
            let previews = signature.dryRun
                ? try await ReqIFFileImport.preview(requirements, plans)
                : try await ReqIFFileImport.apply(requirements, plans, file: url.lastPathComponent,
                                                  archive: url.pathExtension.lowercased() == "reqifz" ? try Data(contentsOf: url) : nil)
            for preview in previews { Self.print(preview, to: console) }
            console.print(signature.dryRun ? "Dry run: nothing was stored." : "Imported into \(key).")
        } catch let invalid as RequirementInvalid {
            console.error("\(url.lastPathComponent): \(invalid.errors.map(\.reason).joined(separator: "; ")). Nothing was stored.")
            throw CommandExit(code: 1)
        }
    }

    /// `sesa import csv|xlsx FILE --project KEY --module PREFIX [--dry-run]`: rows into one module, matched by key.
    func importTable(_ url: URL, signature: Signature, context: RequirementContext, console: any Console) async throws {
        guard let prefix = signature.module?.uppercased(),
            let module = try await RequirementModule.query(on: context.database).filter(\.$projectID == context.projectID)
                .filter(\.$prefix == prefix).filter(\.$deletedAt == nil).first()
        else {
            console.error("--module: give the prefix of an existing module of the project (e.g. --module SYS).")
            throw CommandExit(code: 2)
        }
        do {
            let data = try Data(contentsOf: url)
            let table = signature.format == "xlsx" ? try XLSXTable.read(data, file: url.lastPathComponent)
                : try CSVTable.read(data, file: url.lastPathComponent)
            let preview = signature.dryRun
                ? try await RequirementTable.preview(context, module: module, table: table, file: url.lastPathComponent)
                : try await RequirementTable.apply(context, module: module, table: table, file: url.lastPathComponent)
            Self.print(preview, to: console)
            console.print(signature.dryRun ? "Dry run: nothing was stored." : "Imported into \(module.prefix).")
        } catch let error as TableError {
            console.error(error.description + ". Nothing was stored.")
            throw CommandExit(code: 1)
        } catch let problems as RequirementTable.Problems {
            problems.errors.prefix(100).forEach { console.error($0.description) }
            console.error("\(problems.errors.count) problems; nothing was stored.")
            throw CommandExit(code: 1)
        }
    }

    static func print(_ preview: ReqIFImporter.Preview, to console: any Console) {
        for module in preview.modules {
            console.print("\(module.isNew ? "new module" : "module") \(module.name)\(module.prefix.map { " (\($0))" } ?? "")")
        }
        for item in preview.items where item.state != .unchanged || item.moved {
            console.print("  \(item.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(item.key ?? item.objectIdentifier)  \(item.title)"
                          + (item.moved ? "  (moved)" : ""))
            for change in item.changes {
                console.print("      \(change.field): \(change.before.prefix(120)) → \(change.after.prefix(120))")
            }
        }
        for link in preview.newLinks { console.print("  new link  \(link)") }
        for link in preview.missingLinks { console.print("  missing   link \(link)") }
        for warning in preview.warnings { console.warning("  warning: \(warning)") }
        console.print(preview.summary)
    }
}
