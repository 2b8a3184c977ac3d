import Foundation
import Vapor

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }
    private struct StartedAtKey: StorageKey { typealias Value = Date }

    /// The configuration this app was built with. Set once by `configure`; reading it earlier is a bug.
    public var config: AppConfig {
        get {
            guard let config = storage[ConfigKey.self] else { fatalError("Application.config read before configure") }
            return config
        }
        set { storage[ConfigKey.self] = newValue }
    }

    /// When this process's app was configured; the status page shows the uptime from it.
    public var startedAt: Date {
        get { storage[StartedAtKey.self] ?? Date() }
        set { storage[StartedAtKey.self] = newValue }
    }
}

extension Request {
    public var config: AppConfig { application.config }
}
