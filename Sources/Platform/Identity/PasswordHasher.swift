import Crypto
import Foundation
import Vapor

/// Password storage: bcrypt (cost 12; 10 in tests, ASVS Appendix C's minimum) over a SHA-256 pre-hash.
///
/// bcrypt reads only the first 72 bytes, so two long passwords sharing a prefix would both verify (ASVS 6.2.8).
/// The HMAC-SHA-256 pre-hash, base64-encoded (44 bytes, no NUL), feeds bcrypt the whole password. The stored
/// form names the scheme (`$sesa-bcrypt-sha256$…`) so it can be upgraded later. Hashing runs on the thread pool,
/// never on an event loop.
public struct PasswordHasher: Sendable {
    public static let scheme = "$sesa-bcrypt-sha256$"
    static let preHashKey = SymmetricKey(data: Data("sesa.password.prehash.v1".utf8))

    public let cost: Int
    let threadPool: NIOThreadPool

    public init(cost: Int, threadPool: NIOThreadPool) {
        self.cost = cost
        self.threadPool = threadPool
    }

    public func hash(_ password: String) async throws -> String {
        let input = Self.preHash(password)
        let cost = cost
        return Self.scheme + (try await threadPool.runIfActive { try Bcrypt.hash(input, cost: cost) })
    }

    public func verify(_ password: String, against stored: String) async throws -> Bool {
        guard stored.hasPrefix(Self.scheme) else { return false }
        let bcrypt = String(stored.dropFirst(Self.scheme.count))
        let input = Self.preHash(password)
        return try await threadPool.runIfActive { try Bcrypt.verify(input, created: bcrypt) }
    }

    /// Spends the same time as a real verification, so "no such user" and "wrong password" look alike.
    public func verifyDummy(_ password: String) async {
        let input = Self.preHash(password)
        let cost = cost
        _ = try? await threadPool.runIfActive { try Bcrypt.hash(input, cost: cost) }
    }

    static func preHash(_ password: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(password.utf8), using: preHashKey)).base64EncodedString()
    }
}

extension Application {
    /// The hasher for this app's mode (cheaper in tests, same algorithm).
    public var passwords: PasswordHasher {
        PasswordHasher(cost: config.mode == .testing ? 10 : 12, threadPool: threadPool)
    }
}
