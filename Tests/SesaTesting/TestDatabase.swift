import Foundation
import Testing

/// The databases persistence and HTTP tests run on: SQLite always, PostgreSQL when `SESA_TEST_POSTGRES_URL`
/// names a loopback server. Use as `@Test(arguments: TestDatabase.all)`.
public enum TestDatabase: Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres(adminURL: String)

    public var testDescription: String {
        switch self {
        case .sqlite: return "SQLite"
        case .postgres: return "PostgreSQL"
        }
    }

    public static let all: [TestDatabase] = {
        guard let url = ProcessInfo.processInfo.environment["SESA_TEST_POSTGRES_URL"], !url.isEmpty else {
            print("◇ PostgreSQL suite skipped: SESA_TEST_POSTGRES_URL is not set (CI sets it; see scripts/postgres-test-cluster.sh). Running on SQLite only.")
            return [.sqlite]
        }
        guard let host = URLComponents(string: url)?.host, isLoopback(host) else {
            // Tests create and drop databases: never against a server that is not on this machine.
            fatalError("SESA_TEST_POSTGRES_URL must point at a loopback host (127.0.0.1, ::1, localhost); got \(url)")
        }
        print("◇ Persistence tests run on SQLite and on PostgreSQL at \(host).")
        return [.sqlite, .postgres(adminURL: url)]
    }()

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }
}
