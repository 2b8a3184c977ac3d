import Fluent
import Foundation
@testable import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// Session lifetime and the account page, on both databases. Time moves by editing the session row.
@Suite struct SessionTests {
    static let password = SignInTests.password

    func signIn(_ app: Application, agent: String = "TestBrowser/1") async throws -> TestBrowser {
        let browser = TestBrowser(app)
        let response = try await browser.post(
            "/login", form: ["email": "ada@example.com", "password": Self.password], headers: ["User-Agent": agent])
        #expect(response.status == .seeOther)
        return browser
    }

    func session(of browser: TestBrowser, _ app: Application) async throws -> UserSession {
        let token = try #require(browser.cookies[SessionStore.cookieName])
        return try #require(try await UserSession.find(SecretToken.hash(token), on: app.db))
    }

    @Test(arguments: TestDatabase.all)
    func idleAndAbsoluteTimeoutsEndSessions(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            _ = try await SignInTests().setUpAdministrator(app)
            // Idle: no request for longer than SESA_SESSION_IDLE_TIMEOUT.
            let idle = try await signIn(app)
            let idleSession = try await session(of: idle, app)
            idleSession.lastSeenAt = Date() - app.config.sessionIdleTimeout - 1
            try await idleSession.update(on: app.db)
            #expect(try await idle.get("/account").status == .seeOther)
            #expect(try await UserSession.find(idleSession.id, on: app.db) == nil)
            // Absolute: past SESA_SESSION_MAX_AGE however active.
            let old = try await signIn(app)
            let oldSession = try await session(of: old, app)
            oldSession.expiresAt = Date() - 1
            try await oldSession.update(on: app.db)
            #expect(try await old.get("/account").status == .seeOther)
            // Fresh and active: fine.
            let fresh = try await signIn(app)
            #expect(try await fresh.get("/account").status == .ok)
        }
    }

    @Test(arguments: TestDatabase.all)
    func disablingAUserEndsTheirSessionsAtTheNextRequest(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let browser = try await SignInTests().setUpAdministrator(app)
            #expect(try await browser.get("/account").status == .ok)
            let user = try #require(try await User.find(email: "ada@example.com", on: app.db))
            user.isActive = false
            try await user.update(on: app.db)
            #expect(try await browser.get("/account").status == .seeOther)
            let again = try await TestBrowser(app).post("/login", form: ["email": "ada@example.com", "password": Self.password])
            #expect(again.status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func changingThePasswordNeedsTheCurrentOneAndCanEndOtherSessions(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            _ = try await SignInTests().setUpAdministrator(app)
            let laptop = try await signIn(app, agent: "Laptop")
            let phone = try await signIn(app, agent: "Phone")
            let tablet = try await signIn(app, agent: "Tablet")
            let newPassword = "an even longer and newer passphrase"

            _ = try await laptop.get("/account")
            let noCurrent = try await laptop.post("/account/password", form: [
                "new_password": newPassword, "new_password_confirmation": newPassword,
            ])
            #expect(noCurrent.status == .unprocessableEntity)
            #expect(noCurrent.text.contains("Is not your current password."))
            let common = try await laptop.post("/account/password", form: [
                "current_password": Self.password, "new_password": "password123456",
                "new_password_confirmation": "password123456",
            ])
            #expect(common.status == .unprocessableEntity)

            let changed = try await laptop.post("/account/password", form: [
                "current_password": Self.password, "new_password": newPassword,
                "new_password_confirmation": newPassword, "end_other_sessions": "1",
            ])
            #expect(changed.status == .seeOther)
            #expect(try await laptop.get("/account").text.contains("Password changed. Your other sessions have been signed out."))
            #expect(try await phone.get("/account").status == .seeOther)
            #expect(try await tablet.get("/account").status == .seeOther)
            // The new password works, the old one does not.
            let old = try await TestBrowser(app).post("/login", form: ["email": "ada@example.com", "password": Self.password])
            #expect(old.status == .unauthorized)
            let new = try await TestBrowser(app).post("/login", form: ["email": "ada@example.com", "password": newPassword])
            #expect(new.status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.all)
    func sessionsAreListedAndOnlyOwnOnesCanBeRevoked(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            _ = try await SignInTests().setUpAdministrator(app)
            let laptop = try await signIn(app, agent: "Laptop <script>")
            let phone = try await signIn(app, agent: "Phone")
            let page = try await laptop.get("/account")
            #expect(page.text.contains("Laptop &lt;script&gt;"))
            #expect(page.text.contains("this browser"))
            let phoneSession = try await session(of: phone, app)

            // Another user cannot revoke Ada's session: it is simply not found.
            let bob = User(email: "bob@example.com", displayName: "Bob",
                           passwordHash: try await app.passwords.hash(Self.password), isSiteAdmin: false)
            try await bob.create(on: app.db)
            let bobBrowser = TestBrowser(app)
            try await bobBrowser.post("/login", form: ["email": "bob@example.com", "password": Self.password])
            let foreign = try await bobBrowser.post("/account/sessions/\(phoneSession.id!)/revoke", form: [:])
            #expect(foreign.status == .notFound)
            #expect(try await phone.get("/account").status == .ok)

            let revoked = try await laptop.post("/account/sessions/\(phoneSession.id!)/revoke", form: [:])
            #expect(revoked.status == .seeOther)
            #expect(try await phone.get("/account").status == .seeOther)
            #expect(try await laptop.get("/account").status == .ok)
        }
    }
}
