import Fluent
import Foundation
@testable import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// Brute-force protection: counters in the database, time from the app's clock. On both databases.
@Suite struct LoginThrottleTests {
    static let environment = ["SESA_TRUST_PROXY": "true"]

    func from(_ ip: String) -> HTTPHeaders { ["X-Forwarded-For": ip] }

    @Test(arguments: TestDatabase.all)
    func anAccountLocksAfterFiveFailuresAndIsReleasedAfterTheWindow(database: TestDatabase) async throws {
        try await withApp(on: database, environment: Self.environment) { app in
            app.clock.freeze() // windows are counted on the app clock; a slow machine must not roll them over
            try await app.makeUser("victim@example.com")
            let attacker = TestBrowser(app)
            // Five failures from two addresses (neither reaches its own throttle of four).
            for (index, ip) in ["10.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.2", "10.0.0.2"].enumerated() {
                let failed = try await attacker.signIn("victim@example.com", password: "wrong guess \(index)!", headers: from(ip))
                #expect(failed.status == .unauthorized)
            }
            // Now even the right password from a fresh address is refused, with a time to wait.
            let locked = try await TestBrowser(app).signIn("victim@example.com", headers: from("10.9.9.9"))
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("This account is locked"))
            let retryAfter = try #require(locked.headers.first(name: .retryAfter).flatMap(Int.init))
            #expect(retryAfter > 14 * 60 && retryAfter <= 15 * 60)
            // The lock is audited once.
            let audited = try await AuditEntry.query(on: app.db).filter(\.$action == "user.locked").count()
            #expect(audited == 1)
            // It is time-limited: after the window the right password works again.
            app.clock.advance(by: 15 * 60 + 1)
            let released = try await TestBrowser(app).signIn("victim@example.com", headers: from("10.9.9.9"))
            #expect(released.status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.all)
    func thePerAddressThrottleTripsFirstSoOneAttackerCannotLockAVictimOut(database: TestDatabase) async throws {
        try await withApp(on: database, environment: Self.environment) { app in
            app.clock.freeze() // windows are counted on the app clock; a slow machine must not roll them over
            try await app.makeUser("victim@example.com")
            let attacker = TestBrowser(app)
            for index in 0..<4 {
                let failed = try await attacker.signIn("victim@example.com", password: "guess number \(index)", headers: from("203.0.113.7"))
                #expect(failed.status == .unauthorized)
            }
            // The attacker's address is throttled for this account, whatever it tries…
            for guess in ["guess number 5", "guess number 6", testPassword] {
                let throttled = try await attacker.signIn("victim@example.com", password: guess, headers: from("203.0.113.7"))
                #expect(throttled.status == .tooManyRequests)
                #expect(throttled.text.contains("Too many failed sign-ins from your address"))
                #expect(throttled.headers.first(name: .retryAfter) != nil)
            }
            // …and its refused tries do not count, so the victim is not locked out.
            let victim = try await TestBrowser(app).signIn("victim@example.com", headers: from("198.51.100.20"))
            #expect(victim.status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.all)
    func sprayingManyAccountsFromOneAddressIsThrottled(database: TestDatabase) async throws {
        try await withApp(on: database, environment: Self.environment) { app in
            app.clock.freeze() // windows are counted on the app clock; a slow machine must not roll them over
            let sprayer = TestBrowser(app)
            for index in 0..<20 {
                let failed = try await sprayer.signIn("user\(index)@example.com", password: "Winter2026!!", headers: from("192.0.2.1"))
                #expect(failed.status == .unauthorized)
            }
            let throttled = try await sprayer.signIn("user99@example.com", password: "Winter2026!!", headers: from("192.0.2.1"))
            #expect(throttled.status == .tooManyRequests)
        }
    }

    @Test(arguments: TestDatabase.all)
    func setUpAndSignInAttemptsAreRateLimited(database: TestDatabase) async throws {
        try await withApp(on: database, environment: Self.environment) { app in
            app.clock.freeze() // windows are counted on the app clock; a slow machine must not roll them over
            let guesser = TestBrowser(app)
            for _ in 0..<20 {
                #expect(try await guesser.get("/setup/guess", headers: from("192.0.2.9")).status == .notFound)
            }
            let limited = try await guesser.get("/setup/guess", headers: from("192.0.2.9"))
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers.first(name: .retryAfter).flatMap(Int.init) != nil)
            // Another address is unaffected.
            #expect(try await guesser.get("/setup/guess", headers: from("192.0.2.10")).status == .notFound)

            // Thirty sign-in attempts a minute per address, whatever their outcome.
            try await app.makeUser("busy@example.com")
            for _ in 0..<30 {
                #expect(try await TestBrowser(app).signIn("busy@example.com", headers: from("192.0.2.11")).status == .seeOther)
            }
            let tooMany = try await TestBrowser(app).signIn("busy@example.com", headers: from("192.0.2.11"))
            #expect(tooMany.status == .tooManyRequests)
            #expect(tooMany.text.contains("Too many sign-in attempts from your address"))
            app.clock.advance(by: 61)
            #expect(try await TestBrowser(app).signIn("busy@example.com", headers: from("192.0.2.11")).status == .seeOther)
        }
    }
}
