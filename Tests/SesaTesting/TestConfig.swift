import Foundation
import Platform

/// Configuration for apps under test: testing mode, quiet logs, the package's own `Public/`.
public enum TestConfig {
    /// The package root, found from this file's path (Tests/SesaTesting/TestConfig.swift).
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A configuration read the way `sesa` reads one, from the given variables on top of test defaults.
    public static func make(databaseURL: String, environment: [String: String] = [:]) throws -> AppConfig {
        let dataDirectory = NSTemporaryDirectory() + "sesa-test-data-" + UUID().uuidString
        var variables = [
            "SESA_ENV": "testing",
            "SESA_DATABASE_URL": databaseURL,
            "SESA_DATA_DIR": dataDirectory,
            "SESA_PUBLIC_DIR": packageRoot + "/Public",
            "SESA_LOG_LEVEL": ProcessInfo.processInfo.environment["SESA_TEST_LOG_LEVEL"] ?? "warning",
        ]
        variables.merge(environment) { $1 }
        return try AppConfig.load(from: .init(
            arguments: ["sesa"], environment: variables, workingDirectory: packageRoot, dotEnv: nil)).config
    }
}
