import Crypto
import Foundation
import Vapor

/// Content hashes of the static files, appended to their URLs (`/static/app.css?v=…`) so browsers may cache
/// them for a year and still pick up a new release at once.
public struct AssetManifest: Sendable, Equatable {
    public static let files = ["app.css", "app.js", "favicon.svg"]
    public var versions: [String: String]

    public init(versions: [String: String]) { self.versions = versions }

    /// Hashes the files under `publicDirectory/static`; a missing file is reported, not ignored.
    public static func load(publicDirectory: String) throws -> AssetManifest {
        var versions: [String: String] = [:]
        for file in files {
            let path = (publicDirectory as NSString).appendingPathComponent("static/\(file)")
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigError(problems: [.init(
                    variable: ConfigKey.publicDirectory.rawValue,
                    reason: "\(path) is missing; run SESA from its source folder or point SESA_PUBLIC_DIR at Public/")])
            }
            versions[file] = SHA256.hash(data: data).prefix(6).map { String(format: "%02x", $0) }.joined()
        }
        return AssetManifest(versions: versions)
    }

    public func url(_ file: String) -> String { "/static/\(file)?v=\(versions[file] ?? "0")" }
}

extension Application {
    private struct AssetsKey: StorageKey { typealias Value = AssetManifest }
    public var assets: AssetManifest {
        get { storage[AssetsKey.self] ?? AssetManifest(versions: [:]) }
        set { storage[AssetsKey.self] = newValue }
    }
}
