import Foundation
import Interchange
import Logging

extension AppConfig {
    /// The raw inputs of the configuration, kept apart from reading the process so tests can pass their own.
    public struct Sources: Sendable {
        public var arguments: [String]
        public var environment: [String: String]
        public var workingDirectory: String
        /// Contents of `.env`, when one exists in the working directory.
        public var dotEnv: DotEnvFile?

        public init(arguments: [String], environment: [String: String], workingDirectory: String, dotEnv: DotEnvFile?) {
            self.arguments = arguments
            self.environment = environment
            self.workingDirectory = workingDirectory
            self.dotEnv = dotEnv
        }

        /// Reads this process: its arguments, environment, working directory and `./.env`.
        public static func process() throws(ConfigError) -> Sources {
            let cwd = FileManager.default.currentDirectoryPath
            let path = (cwd as NSString).appendingPathComponent(".env")
            var dotEnv: DotEnvFile?
            if let contents = try? String(contentsOfFile: path, encoding: .utf8) {
                do { dotEnv = try DotEnvFile(path: path, contents: contents) } catch {
                    throw ConfigError(problems: [.init(variable: ".env", reason: error.description)])
                }
            }
            return Sources(
                arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment,
                workingDirectory: cwd, dotEnv: dotEnv)
        }
    }

    /// Reads the configuration: command-line flags, then `SESA_*` environment variables, then `.env`, then
    /// development defaults. Returns every problem at once rather than the first.
    /// - Returns: the configuration and the arguments left once SESA's own global flags are removed.
    /// - Parameter enforceProduction: false only for `sesa check`, which reports production problems itself.
    public static func load(from sources: Sources, enforceProduction: Bool = true) throws(ConfigError)
        -> (config: AppConfig, arguments: [String])
    {
        var reader = Reader(sources: sources)
        let config = reader.read()
        if !reader.problems.isEmpty { throw ConfigError(problems: reader.problems) }
        if enforceProduction, config.mode == .production {
            let problems = config.productionProblems()
            if !problems.isEmpty { throw ConfigError(problems: problems) }
        }
        return (config, reader.arguments)
    }
}

/// One pass over the layered sources, collecting problems instead of stopping at the first.
private struct Reader {
    var arguments: [String]
    let environment: [String: String]
    let dotEnv: [String: String]
    let workingDirectory: String
    var problems: [ConfigError.Problem] = []
    var envFlag: String?

    init(sources: AppConfig.Sources) {
        environment = sources.environment
        dotEnv = sources.dotEnv?.values ?? [:]
        workingDirectory = sources.workingDirectory
        arguments = []
        // `--env NAME` / `--env=NAME` / `-e NAME` is the one global flag; serve's own flags stay with serve.
        var iterator = sources.arguments.makeIterator()
        while let argument = iterator.next() {
            if argument == "--env" || argument == "-e" {
                envFlag = iterator.next()
            } else if argument.hasPrefix("--env=") {
                envFlag = String(argument.dropFirst("--env=".count))
            } else {
                arguments.append(argument)
            }
        }
    }

    func value(_ key: ConfigKey) -> String? {
        let raw = environment[key.rawValue] ?? dotEnv[key.rawValue]
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return raw
    }

    mutating func problem(_ key: ConfigKey, _ reason: String) {
        problems.append(.init(variable: key.rawValue, reason: reason))
    }

    mutating func read() -> AppConfig {
        let mode = readMode()
        let dataDirectory = absolute(value(.dataDirectory) ?? "data")
        let databaseURL = readDatabaseURL(dataDirectory: dataDirectory)
        let publicURL = readPublicURL()
        let logLevel = readLogLevel()
        let logFormat = readEnum(.logFormat, default: mode == .production ? .json : AppConfig.LogFormat.text)
        let port = readPort()
        let maxBody = readMaxBody()
        let allowedHosts = readAllowedHosts(mode: mode, publicURL: publicURL)
        return AppConfig(
            mode: mode,
            databaseURL: databaseURL,
            secretKey: Array((value(.secretKey) ?? "").utf8),
            publicURL: publicURL,
            allowedHosts: allowedHosts,
            httpHost: value(.httpHost) ?? "127.0.0.1",
            httpPort: port,
            trustProxy: readBool(.trustProxy),
            logLevel: logLevel,
            logFormat: logFormat,
            dataDirectory: dataDirectory,
            publicDirectory: absolute(value(.publicDirectory) ?? "Public"),
            metricsToken: value(.metricsToken),
            maxBodyBytes: maxBody,
            inProcessWorker: readBool(.worker, default: true),
            jobBacklogLimit: readDuration(.jobBacklogLimit, default: 15 * 60),
            sessionIdleTimeout: readDuration(.sessionIdleTimeout, default: 12 * 3600),
            sessionMaxAge: readDuration(.sessionMaxAge, default: 7 * 86_400),
            apiRateLimit: readCount(.apiRateLimit, default: 600))
    }

    private func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }

    private mutating func readMode() -> AppConfig.Mode {
        let raw = envFlag ?? value(.env) ?? "development"
        let aliases: [String: AppConfig.Mode] = ["dev": .development, "prod": .production, "test": .testing]
        if let mode = AppConfig.Mode(rawValue: raw.lowercased()) ?? aliases[raw.lowercased()] { return mode }
        problem(.env, "'\(raw)' is not one of development, production, testing")
        return .development
    }

    private mutating func readDatabaseURL(dataDirectory: String) -> DatabaseURL {
        let raw = value(.databaseURL) ?? "sqlite://\((dataDirectory as NSString).appendingPathComponent("sesa.sqlite"))"
        switch DatabaseURL.parse(raw, workingDirectory: workingDirectory) {
        case .success(let url): return url
        case .failure(let error):
            problem(.databaseURL, error.reason)
            return .sqliteMemory
        }
    }

    private mutating func readPublicURL() -> URL? {
        guard let raw = value(.publicURL) else { return nil }
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host?.isEmpty == false
        else {
            problem(.publicURL, "'\(raw)' is not an http:// or https:// URL with a host")
            return nil
        }
        return url
    }

    private mutating func readLogLevel() -> Logger.Level {
        guard let raw = value(.logLevel) else { return .info }
        if let level = Logger.Level(rawValue: raw.lowercased()) { return level }
        problem(.logLevel, "'\(raw)' is not one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        return .info
    }

    private mutating func readEnum<E: RawRepresentable & CaseIterable>(_ key: ConfigKey, default fallback: E) -> E
    where E.RawValue == String {
        guard let raw = value(key) else { return fallback }
        if let parsed = E(rawValue: raw.lowercased()) { return parsed }
        problem(key, "'\(raw)' is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        return fallback
    }

    private mutating func readPort() -> Int {
        guard let raw = value(.httpPort) else { return 8080 }
        if let port = Int(raw), (1...65535).contains(port) { return port }
        problem(.httpPort, "'\(raw)' is not a TCP port (1–65535)")
        return 8080
    }

    private mutating func readMaxBody() -> Int {
        guard let raw = value(.maxBodySize) else { return 10 << 20 }
        if let bytes = ByteSize.parse(raw) { return bytes }
        problem(.maxBodySize, "'\(raw)' is not a size such as 10mb, 512kb or 1048576")
        return 10 << 20
    }

    private mutating func readDuration(_ key: ConfigKey, default fallback: TimeInterval) -> TimeInterval {
        guard let raw = value(key) else { return fallback }
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        let lower = raw.lowercased().trimmingCharacters(in: .whitespaces)
        for (suffix, factor) in units where lower.hasSuffix(suffix) {
            if let number = Double(lower.dropLast(suffix.count)), number > 0 { return number * factor }
            break
        }
        if let seconds = Double(lower), seconds > 0 { return seconds }
        problem(key, "'\(raw)' is not a duration such as 90s, 15m or 1h")
        return fallback
    }

    private mutating func readCount(_ key: ConfigKey, default fallback: Int) -> Int {
        guard let raw = value(key) else { return fallback }
        if let count = Int(raw.trimmingCharacters(in: .whitespaces)), count > 0 { return count }
        problem(key, "'\(raw)' is not a positive whole number")
        return fallback
    }

    private mutating func readBool(_ key: ConfigKey, default fallback: Bool = false) -> Bool {
        guard let raw = value(key) else { return fallback }
        switch raw.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default:
            problem(key, "'\(raw)' is not a boolean (true/false)")
            return fallback
        }
    }

    private func readAllowedHosts(mode: AppConfig.Mode, publicURL: URL?) -> [String] {
        if let raw = value(.allowedHosts) {
            return raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                .filter { !$0.isEmpty }
        }
        // Production must name its hosts; elsewhere loopback (and the public URL's host) are enough.
        guard mode != .production else { return [] }
        return ["localhost", "127.0.0.1", "::1"] + (publicURL?.host.map { [$0.lowercased()] } ?? [])
    }
}
