import Crypto
import Foundation

/// Supplies the secret when `SESA_SECRET_KEY` is not set: in development one is generated on first start and
/// kept in the data directory (mode 0600) so sessions survive restarts; tests get a fresh one per app.
/// Production never reaches here: validation refuses a missing secret.
public enum SecretKeyStore {
    public static let fileName = "secret.key"

    public static func resolve(for config: AppConfig) throws -> [UInt8] {
        if !config.secretKey.isEmpty { return config.secretKey }
        switch config.mode {
        case .testing: return randomSecret()
        case .development, .production:
            return try loadOrCreate(in: config.dataDirectory)
        }
    }

    static func randomSecret() -> [UInt8] {
        Array(Data(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }).base64EncodedString().utf8)
    }

    static func loadOrCreate(in directory: String) throws -> [UInt8] {
        let path = (directory as NSString).appendingPathComponent(fileName)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if let existing = try? String(contentsOfFile: path, encoding: .utf8) {
            let secret = existing.trimmingCharacters(in: .whitespacesAndNewlines)
            guard secret.utf8.count >= AppConfig.minimumSecretBytes else {
                throw ConfigError(problems: [.init(
                    variable: path, reason: "holds a secret shorter than \(AppConfig.minimumSecretBytes) bytes; delete it")])
            }
            // Tighten a copy restored with loose permissions rather than leave the secret world-readable.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            return Array(secret.utf8)
        }
        let secret = randomSecret()
        // O_EXCL: two instances starting at once must not overwrite each other's secret.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return try loadOrCreate(in: directory) }
            throw ConfigError(problems: [.init(variable: path, reason: "cannot be created: \(String(cString: strerror(errno)))")])
        }
        defer { close(descriptor) }
        let line = secret + [UInt8(ascii: "\n")]
        guard write(descriptor, line, line.count) == line.count else {
            throw ConfigError(problems: [.init(variable: path, reason: "cannot be written: \(String(cString: strerror(errno)))")])
        }
        return secret
    }
}
