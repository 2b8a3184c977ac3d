import Foundation
import Logging

/// Every setting SESA reads, read once at start-up (see `AppConfig+Loading.swift` for the layering and
/// `AppConfig+Validation.swift` for what production refuses). Keys are the `SESA_*` variable names.
public struct AppConfig: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        case development, production, testing
    }

    public enum LogFormat: String, Sendable, CaseIterable {
        case text, json
    }

    public var mode: Mode
    public var databaseURL: DatabaseURL
    /// Raw bytes of the secret (HMAC keys, CSRF, tokens are derived from it in later modules).
    public var secretKey: [UInt8]
    public var publicURL: URL?
    public var allowedHosts: [String]
    public var httpHost: String
    public var httpPort: Int
    public var trustProxy: Bool
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    public var dataDirectory: String
    public var publicDirectory: String
    public var metricsToken: String?
    public var maxBodyBytes: Int
    /// Run a job worker inside `sesa serve` (`SESA_WORKER`, default on).
    public var inProcessWorker: Bool
    /// Readiness fails when a due job has waited longer than this (`SESA_JOB_BACKLOG_LIMIT`).
    public var jobBacklogLimit: TimeInterval
    /// A browser session ends after this long without a request (`SESA_SESSION_IDLE_TIMEOUT`, default 12 h)…
    public var sessionIdleTimeout: TimeInterval
    /// …and this long after sign-in whatever the activity (`SESA_SESSION_MAX_AGE`, default 7 days).
    public var sessionMaxAge: TimeInterval
    /// API requests a minute per user (or per address when not signed in) before 429 (`SESA_API_RATE_LIMIT`).
    public var apiRateLimit: Int = 600

    /// True when responses must carry HSTS: the instance is reached over https.
    public var isServedOverTLS: Bool { publicURL?.scheme?.lowercased() == "https" }

    /// The URL people open, for log lines and links: the public URL if set, else the listening address.
    public var displayURL: String {
        if let publicURL { return publicURL.absoluteString }
        let host = httpHost == "0.0.0.0" || httpHost == "::" ? "127.0.0.1" : httpHost
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "http://\(shownHost):\(httpPort)"
    }
}

/// The variables `AppConfig` reads, in one place so docs, validation messages and tests agree.
public enum ConfigKey: String, CaseIterable, Sendable {
    case env = "SESA_ENV"
    case databaseURL = "SESA_DATABASE_URL"
    case secretKey = "SESA_SECRET_KEY"
    case publicURL = "SESA_PUBLIC_URL"
    case allowedHosts = "SESA_ALLOWED_HOSTS"
    case httpHost = "SESA_HTTP_HOST"
    case httpPort = "SESA_HTTP_PORT"
    case trustProxy = "SESA_TRUST_PROXY"
    case logLevel = "SESA_LOG_LEVEL"
    case logFormat = "SESA_LOG_FORMAT"
    case dataDirectory = "SESA_DATA_DIR"
    case publicDirectory = "SESA_PUBLIC_DIR"
    case metricsToken = "SESA_METRICS_TOKEN"
    case maxBodySize = "SESA_MAX_BODY_SIZE"
    case worker = "SESA_WORKER"
    case jobBacklogLimit = "SESA_JOB_BACKLOG_LIMIT"
    case sessionIdleTimeout = "SESA_SESSION_IDLE_TIMEOUT"
    case sessionMaxAge = "SESA_SESSION_MAX_AGE"
    case apiRateLimit = "SESA_API_RATE_LIMIT"
}
