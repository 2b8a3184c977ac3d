import Crypto
import Foundation

/// Unguessable tokens (sessions, set-up links): 256 bits from the system CSPRNG, base64url. Only their SHA-256
/// is stored (ASVS 11.5.1, 7.2).
public enum SecretToken {
    public static func generate() -> String {
        let key = SymmetricKey(size: .bits256)
        let data = key.withUnsafeBytes { Data($0) }
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public static func hash(_ token: String) -> String { hash(bytes: Data(token.utf8)) }

    /// Lower-case hex SHA-256.
    public static func hash(bytes: Data) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
