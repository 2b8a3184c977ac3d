import Foundation
import Platform
import SesaApp
import Vapor

/// A configured, migrated SESA app for a benchmark: a fresh SQLite file in a temporary directory, or the given
/// (empty) PostgreSQL database.
enum BenchApp {
    static func run(postgresURL: String?, _ body: (Application, _ databaseName: String) async throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "sesa-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let databaseURL = postgresURL ?? "sqlite://\(directory)/bench.sqlite"
        let databaseName = postgresURL == nil ? "SQLite" : "PostgreSQL"
        let packageRoot = FileManager.default.currentDirectoryPath
        let config = try AppConfig.load(from: .init(
            arguments: ["sesa"],
            // Production refuses SQLite by design; the embedded default is measured in development mode.
            environment: ["SESA_ENV": postgresURL == nil ? "development" : "production", "SESA_DATABASE_URL": databaseURL,
                          "SESA_DATA_DIR": directory, "SESA_PUBLIC_DIR": packageRoot + "/Public", "SESA_LOG_LEVEL": "error",
                          "SESA_SECRET_KEY": String(repeating: "b", count: 64), "SESA_ALLOWED_HOSTS": "localhost"],
            workingDirectory: packageRoot, dotEnv: nil)).config
        let app = try await Application.make(.production)
        do {
            try await SesaApp.configure(app, config: config)
            try await app.autoMigrate()
            try await body(app, databaseName)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
