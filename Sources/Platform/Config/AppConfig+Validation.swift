extension AppConfig {
    /// The smallest secret accepted: 32 bytes, the HS256 key size (JWTKit asserts it too).
    public static let minimumSecretBytes = 32

    /// What production refuses: each problem names its variable and says how to fix it.
    public func productionProblems() -> [ConfigError.Problem] {
        var problems: [ConfigError.Problem] = []
        if secretKey.isEmpty {
            problems.append(.init(
                variable: ConfigKey.secretKey.rawValue,
                reason: "is not set; generate one with `openssl rand -base64 48`"))
        } else if secretKey.count < Self.minimumSecretBytes {
            problems.append(.init(
                variable: ConfigKey.secretKey.rawValue,
                reason: "is \(secretKey.count) bytes; at least \(Self.minimumSecretBytes) are required"))
        }
        if databaseURL.isSQLite {
            problems.append(.init(
                variable: ConfigKey.databaseURL.rawValue,
                reason: "is SQLite (\(databaseURL)); production needs postgres://USER:PASSWORD@HOST:5432/DB"))
        }
        if allowedHosts.isEmpty {
            problems.append(.init(
                variable: ConfigKey.allowedHosts.rawValue,
                reason: "is empty; list the host names this instance answers to, e.g. sesa.example.com"))
        } else if allowedHosts.contains("*") {
            problems.append(.init(
                variable: ConfigKey.allowedHosts.rawValue,
                reason: "contains the wildcard '*'; list the host names explicitly"))
        }
        if logLevel <= .debug {
            problems.append(.init(
                variable: ConfigKey.logLevel.rawValue,
                reason: "is '\(logLevel.rawValue)'; debug logs may record request data, use info or higher"))
        }
        return problems
    }
}
