import Crypto
import Foundation
import JWTKit
import Vapor

/// The claims of an API access token. Roles are not in it: they are looked up on every request, so a changed
/// role or a revoked session takes effect at once (ASVS 7.4.1, 8.3.2).
struct AccessTokenClaims: JWTPayload {
    var sub: SubjectClaim
    /// The API session (`user_sessions.id`); checked against the database on every request.
    var sid: String
    var aud: AudienceClaim
    /// Always "access": a refresh or other token presented as a bearer token is refused.
    var typ: String
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    var jti: IDClaim

    /// Signature checks happen in jwt-kit; time is checked in `AccessTokens.verify` against the app's clock.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Issues and verifies 15-minute access JWTs: HS256 only, with a key derived from the instance secret, the
/// audience `sesa-api`, type `access`, and nothing taken from the token's header (no `jku`, `jwk`, `x5u`, and no
/// algorithm other than HS256 — `none` included — ASVS 9.1.1–9.1.3, 9.2.1–9.2.3).
public final class AccessTokens: Sendable {
    public static let audience = "sesa-api"
    public static let lifetime: TimeInterval = 15 * 60
    static let keyID = "sesa-hs256-v1"

    let keys: JWTKeyCollection

    public init(secret: [UInt8]) async {
        let derived = HMAC<SHA256>.authenticationCode(for: Data("sesa.jwt.v1".utf8), using: SymmetricKey(data: secret))
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(key: SymmetricKey(data: Data(derived))), digestAlgorithm: .sha256,
                       kid: JWKIdentifier(string: Self.keyID))
    }

    public func issue(userID: UUID, sessionID: String, now: Date) async throws -> String {
        let claims = AccessTokenClaims(
            sub: .init(value: userID.uuidString.lowercased()), sid: sessionID, aud: .init(value: [Self.audience]),
            typ: "access", iat: .init(value: now), exp: .init(value: now.addingTimeInterval(Self.lifetime)),
            jti: .init(value: UUID().uuidString.lowercased()))
        var header = JWTHeader()
        header.typ = "JWT"
        return try await keys.sign(claims, kid: JWKIdentifier(string: Self.keyID), header: header)
    }

    /// The verified claims, or `InvalidAccessToken` saying (for the log, not the client) what was wrong.
    func verify(_ token: String, now: Date) async throws -> AccessTokenClaims {
        try Self.checkHeader(of: token)
        let claims: AccessTokenClaims
        do {
            claims = try await keys.verify(token, as: AccessTokenClaims.self)
        } catch {
            throw InvalidAccessToken(why: "signature or format")
        }
        guard claims.typ == "access" else { throw InvalidAccessToken(why: "typ is not access") }
        do { try claims.aud.verifyIntendedAudience(includes: Self.audience) } catch {
            throw InvalidAccessToken(why: "wrong audience")
        }
        guard claims.exp.value > now else { throw InvalidAccessToken(why: "expired") }
        guard claims.iat.value <= now.addingTimeInterval(60) else { throw InvalidAccessToken(why: "issued in the future") }
        return claims
    }

    /// Only `{"alg":"HS256","typ":"JWT","kid":"sesa-hs256-v1"}`-shaped headers: anything else is refused before
    /// any key is chosen.
    static func checkHeader(of token: String) throws {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = base64URLDecode(String(parts[0])),
            let header = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw InvalidAccessToken(why: "malformed") }
        guard header["alg"] as? String == "HS256" else { throw InvalidAccessToken(why: "algorithm not allowed") }
        let allowed: Set<String> = ["alg", "typ", "kid"]
        guard Set(header.keys).isSubset(of: allowed) else { throw InvalidAccessToken(why: "unexpected header fields") }
        if let kid = header["kid"], kid as? String != keyID { throw InvalidAccessToken(why: "unknown key id") }
        if let typ = header["typ"], typ as? String != "JWT" { throw InvalidAccessToken(why: "wrong header typ") }
    }

    static func base64URLDecode(_ value: String) -> Data? {
        var base64 = value.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}

/// A bearer token that does not verify. The client only ever sees a plain 401.
struct InvalidAccessToken: Error {
    let why: String
}

extension Application {
    private struct AccessTokensKey: StorageKey { typealias Value = AccessTokens }

    public var accessTokens: AccessTokens {
        get {
            guard let tokens = storage[AccessTokensKey.self] else { fatalError("accessTokens read before configure") }
            return tokens
        }
        set { storage[AccessTokensKey.self] = newValue }
    }
}
