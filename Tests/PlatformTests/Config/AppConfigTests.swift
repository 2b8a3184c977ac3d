import Foundation
import Interchange
@testable import Platform
import Testing

@Suite struct AppConfigTests {
    func load(_ environment: [String: String], dotEnv: String? = nil, arguments: [String] = ["sesa"]) throws
        -> (config: AppConfig, arguments: [String])
    {
        try AppConfig.load(from: .init(
            arguments: arguments, environment: environment, workingDirectory: "/srv/sesa",
            dotEnv: try dotEnv.map { try DotEnvFile(path: "/srv/sesa/.env", contents: $0) }))
    }

    func problems(_ environment: [String: String]) -> [ConfigError.Problem] {
        do {
            _ = try load(environment)
            return []
        } catch {
            return (error as? ConfigError)?.problems ?? []
        }
    }

    @Test func zeroConfigurationIsADevelopmentInstanceOnSQLite() throws {
        let config = try load([:]).config
        #expect(config.mode == .development)
        #expect(config.databaseURL == .sqliteFile(path: "/srv/sesa/data/sesa.sqlite"))
        #expect(config.dataDirectory == "/srv/sesa/data")
        #expect(config.httpHost == "127.0.0.1")
        #expect(config.httpPort == 8080)
        #expect(config.allowedHosts == ["localhost", "127.0.0.1", "::1"])
        #expect(config.logFormat == .text)
        #expect(config.logLevel == .info)
        #expect(config.maxBodyBytes == 10 << 20)
        #expect(config.displayURL == "http://127.0.0.1:8080")
        #expect(config.inProcessWorker)
        #expect(config.jobBacklogLimit == 900)
        #expect(config.sessionIdleTimeout == 12 * 3600)
        #expect(config.sessionMaxAge == 7 * 86_400)
        #expect(!config.isServedOverTLS)
    }

    @Test func environmentBeatsDotEnvAndFlagsBeatBoth() throws {
        let dotEnv = "SESA_HTTP_PORT=9001\nSESA_LOG_LEVEL=warning\nSESA_ENV=production"
        let (config, arguments) = try load(
            ["SESA_HTTP_PORT": "9002"], dotEnv: dotEnv, arguments: ["sesa", "--env", "development", "serve", "-p", "1"])
        #expect(config.httpPort == 9002)
        #expect(config.logLevel == .warning)
        #expect(config.mode == .development)
        #expect(arguments == ["sesa", "serve", "-p", "1"])
    }

    @Test func dataDirectoryMovesTheDefaultDatabase() throws {
        let config = try load(["SESA_DATA_DIR": "/var/lib/sesa"]).config
        #expect(config.databaseURL == .sqliteFile(path: "/var/lib/sesa/sesa.sqlite"))
    }

    @Test func productionRefusesEachWeaknessNamingItsVariable() {
        let found = problems(["SESA_ENV": "production", "SESA_LOG_LEVEL": "debug"])
        #expect(found.map(\.variable) == ["SESA_SECRET_KEY", "SESA_DATABASE_URL", "SESA_ALLOWED_HOSTS", "SESA_LOG_LEVEL"])
        #expect(found[0].reason.contains("not set"))
        #expect(found[1].reason.contains("SQLite"))
    }

    @Test func productionRefusesAShortSecretAndAWildcardHost() {
        let found = problems([
            "SESA_ENV": "production", "SESA_SECRET_KEY": String(repeating: "x", count: 31),
            "SESA_DATABASE_URL": "postgres://sesa@db.internal:5432/sesa", "SESA_ALLOWED_HOSTS": "sesa.example.com, *",
        ])
        #expect(found.map(\.variable) == ["SESA_SECRET_KEY", "SESA_ALLOWED_HOSTS"])
        #expect(found[0].reason.contains("31 bytes"))
        #expect(found[1].reason.contains("wildcard"))
    }

    @Test func aProperProductionConfigurationLoads() throws {
        let config = try load([
            "SESA_ENV": "production", "SESA_SECRET_KEY": String(repeating: "k", count: 48),
            "SESA_DATABASE_URL": "postgres://sesa:pw@db.internal:5432/sesa", "SESA_ALLOWED_HOSTS": "sesa.example.com",
            "SESA_PUBLIC_URL": "https://sesa.example.com",
        ]).config
        #expect(config.mode == .production)
        #expect(config.logFormat == .json)
        #expect(config.isServedOverTLS)
        #expect(config.databaseURL.description == "postgres://sesa:***@db.internal:5432/sesa")
    }

    @Test func invalidValuesAreReportedTogether() {
        let found = problems([
            "SESA_ENV": "staging", "SESA_HTTP_PORT": "80000", "SESA_LOG_LEVEL": "loud", "SESA_LOG_FORMAT": "xml",
            "SESA_DATABASE_URL": "mysql://x", "SESA_PUBLIC_URL": "ftp://x", "SESA_TRUST_PROXY": "maybe",
            "SESA_MAX_BODY_SIZE": "lots",
        ])
        #expect(Set(found.map(\.variable)) == [
            "SESA_ENV", "SESA_HTTP_PORT", "SESA_LOG_LEVEL", "SESA_LOG_FORMAT", "SESA_DATABASE_URL", "SESA_PUBLIC_URL",
            "SESA_TRUST_PROXY", "SESA_MAX_BODY_SIZE",
        ])
        #expect(found.first { $0.variable == "SESA_HTTP_PORT" }?.reason == "'80000' is not a TCP port (1–65535)")
    }

    @Test func bodySizeAcceptsUnits() throws {
        #expect(try load(["SESA_MAX_BODY_SIZE": "512kb"]).config.maxBodyBytes == 512 * 1024)
        #expect(try load(["SESA_MAX_BODY_SIZE": "2MB"]).config.maxBodyBytes == 2 << 20)
        #expect(try load(["SESA_MAX_BODY_SIZE": "1000"]).config.maxBodyBytes == 1000)
    }

    @Test func workerSettings() throws {
        let config = try load(["SESA_WORKER": "off", "SESA_JOB_BACKLOG_LIMIT": "90s"]).config
        #expect(!config.inProcessWorker)
        #expect(config.jobBacklogLimit == 90)
        #expect(try load(["SESA_JOB_BACKLOG_LIMIT": "2h"]).config.jobBacklogLimit == 7200)
        #expect(try load(["SESA_SESSION_MAX_AGE": "30d"]).config.sessionMaxAge == 30 * 86_400)
        #expect(problems(["SESA_JOB_BACKLOG_LIMIT": "soon", "SESA_WORKER": "sometimes"]).map(\.variable)
            == ["SESA_WORKER", "SESA_JOB_BACKLOG_LIMIT"])
    }

    @Test func errorDescriptionListsOneLinePerProblem() {
        let error = ConfigError(problems: [.init(variable: "A", reason: "x"), .init(variable: "B", reason: "y")])
        #expect(error.description.split(separator: "\n").count == 3)
        #expect(error.description.contains("  - A: x"))
    }
}

@Suite struct SecretKeyStoreTests {
    @Test func developmentSecretIsGeneratedOnceWithMode0600() throws {
        // setup
        let directory = NSTemporaryDirectory() + "sesa-secret-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var config = try AppConfig.load(from: .init(
            arguments: ["sesa"], environment: ["SESA_DATA_DIR": directory], workingDirectory: "/", dotEnv: nil)).config
        // act
        let first = try SecretKeyStore.resolve(for: config)
        let second = try SecretKeyStore.resolve(for: config)
        // validate
        #expect(first.count >= AppConfig.minimumSecretBytes)
        #expect(first == second)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/secret.key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        config.secretKey = Array("explicit-secret-explicit-secret-explicit".utf8)
        #expect(try SecretKeyStore.resolve(for: config) == config.secretKey)
    }

    @Test func testingSecretsAreFreshAndNeverWritten() throws {
        let config = try AppConfig.load(from: .init(
            arguments: ["sesa"], environment: ["SESA_ENV": "testing", "SESA_DATA_DIR": "/nonexistent/sesa"],
            workingDirectory: "/", dotEnv: nil)).config
        #expect(try SecretKeyStore.resolve(for: config) != SecretKeyStore.resolve(for: config))
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent/sesa"))
    }
}

@Suite struct DatabaseURLTests {
    @Test(arguments: [
        ("sqlite://./data/x.sqlite", DatabaseURL.sqliteFile(path: "/srv/data/x.sqlite")),
        ("sqlite:///var/lib/sesa.sqlite", .sqliteFile(path: "/var/lib/sesa.sqlite")),
        ("sqlite::memory:", .sqliteMemory),
        ("postgres://u:p@127.0.0.1:5432/sesa", .postgres(url: "postgres://u:p@127.0.0.1:5432/sesa")),
        ("postgresql://u@db/sesa", .postgres(url: "postgresql://u@db/sesa")),
    ])
    func parses(text: String, expected: DatabaseURL) throws {
        #expect(try DatabaseURL.parse(text, workingDirectory: "/srv").get() == expected)
    }

    @Test(arguments: ["mysql://x/y", "sqlite://", "postgres://u@/db", "postgres://u@host"])
    func refuses(text: String) {
        #expect(throws: DatabaseURL.ParseError.self) { try DatabaseURL.parse(text, workingDirectory: "/").get() }
    }
}
