import Foundation
import Vapor

/// Brute-force protection for every way of proving a password (form, API login) and for set-up and refresh
/// (ASVS 6.3.1, SECURITY.md §1 A4):
/// - an address may make `attempts` tries a minute, whatever their outcome;
/// - an address that fails `perAddressAndAccount` times against one account is throttled for that account —
///   this trips before the account lock, so one attacker cannot lock a victim out;
/// - an address that fails `perAddress` times against any accounts is throttled everywhere (password spraying);
/// - an account that fails `perAccount` times in the window, from several addresses, is locked until the
///   window ends. Counters are kept for any email typed, existing or not, so the answers reveal nothing.
public struct LoginThrottle: Sendable {
    public struct Policy: Sendable {
        public var attempts = RateLimiter.Rule(30, per: 60)
        public var perAddressAndAccount = RateLimiter.Rule(4, per: 15 * 60)
        public var perAddress = RateLimiter.Rule(20, per: 15 * 60)
        public var perAccount = RateLimiter.Rule(5, per: 15 * 60)
        public init() {}
    }

    public enum Refusal: Error, Sendable, Equatable {
        case tooManyRequests(retryAfter: Int)
        case addressThrottled(retryAfter: Int)
        case accountLocked(retryAfter: Int)

        public var retryAfter: Int {
            switch self {
            case .tooManyRequests(let seconds), .addressThrottled(let seconds), .accountLocked(let seconds): seconds
            }
        }

        /// The message shown to the person signing in.
        public var message: String {
            let minutes = max(1, (retryAfter + 59) / 60)
            let wait = minutes == 1 ? "a minute" : "\(minutes) minutes"
            switch self {
            case .tooManyRequests:
                return "Too many sign-in attempts from your address. Try again in \(wait)."
            case .addressThrottled:
                return "Too many failed sign-ins from your address. Try again in \(wait)."
            case .accountLocked:
                return "This account is locked for \(wait) after too many failed sign-ins. Try again later, or ask an administrator."
            }
        }

        public var error: TooManyRequests { TooManyRequests(retryAfter: retryAfter, reason: message) }
    }

    let limiter: RateLimiter
    let policy: Policy

    public init(limiter: RateLimiter, policy: Policy = Policy()) {
        self.limiter = limiter
        self.policy = policy
    }

    /// Counts the attempt and says whether it may go ahead. Call before checking the password.
    public func admit(email: String, ip: String, now: Date) async throws -> Refusal? {
        let attempts = try await limiter.hit("login:attempt:\(ip)", window: policy.attempts.window, now: now)
        if attempts.hits > policy.attempts.limit { return .tooManyRequests(retryAfter: attempts.retryAfter(now: now)) }
        let pair = try await limiter.peek(Self.pairBucket(email, ip), window: policy.perAddressAndAccount.window, now: now)
        if pair.hits >= policy.perAddressAndAccount.limit { return .addressThrottled(retryAfter: pair.retryAfter(now: now)) }
        let address = try await limiter.peek("login:fail-ip:\(ip)", window: policy.perAddress.window, now: now)
        if address.hits >= policy.perAddress.limit { return .addressThrottled(retryAfter: address.retryAfter(now: now)) }
        let account = try await limiter.peek(Self.accountBucket(email), window: policy.perAccount.window, now: now)
        if account.hits >= policy.perAccount.limit { return .accountLocked(retryAfter: account.retryAfter(now: now)) }
        return nil
    }

    /// Records a wrong password. Returns true when this failure locked the account.
    public func failed(email: String, ip: String, now: Date) async throws -> Bool {
        try await limiter.hit(Self.pairBucket(email, ip), window: policy.perAddressAndAccount.window, now: now)
        try await limiter.hit("login:fail-ip:\(ip)", window: policy.perAddress.window, now: now)
        let account = try await limiter.hit(Self.accountBucket(email), window: policy.perAccount.window, now: now)
        return account.hits == policy.perAccount.limit
    }

    /// A successful sign-in clears this address's failures against the account (not the account lock, which
    /// cannot be reached while it holds, nor the address's own count).
    public func succeeded(email: String, ip: String) async throws {
        try await limiter.reset(Self.pairBucket(email, ip))
    }

    /// An administrator's unlock.
    public func unlock(email: String) async throws {
        try await limiter.reset(Self.accountBucket(email))
    }

    static func accountBucket(_ email: String) -> String { "login:fail-account:\(email)" }
    static func pairBucket(_ email: String, _ ip: String) -> String { "login:fail-pair:\(ip)|\(email)" }
}

extension Request {
    public var loginThrottle: LoginThrottle { LoginThrottle(limiter: rateLimiter) }

    /// Counts a request against `bucket` and throws 429 with `Retry-After` past `rule`'s limit.
    public func rateLimit(_ bucket: String, _ rule: RateLimiter.Rule, reason: String) async throws {
        let count = try await rateLimiter.hit(bucket, window: rule.window, now: now)
        if count.hits > rule.limit { throw TooManyRequests(retryAfter: count.retryAfter(now: now), reason: reason) }
    }
}
