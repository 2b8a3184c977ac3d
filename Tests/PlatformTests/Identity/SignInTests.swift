import Fluent
import Foundation
@testable import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// First administrator, sign-in, sign-out, CSRF and cookie attributes, on both databases.
@Suite struct SignInTests {
    static let password = "a long and unusual passphrase"

    /// Creates the first administrator through the set-up link; returns the signed-in browser.
    func setUpAdministrator(_ app: Application) async throws -> TestBrowser {
        let token = try #require(try await SetupLink.issue(on: app.db))
        let browser = TestBrowser(app)
        let page = try await browser.get("/setup/\(token)")
        #expect(page.status == .ok)
        let created = try await browser.post("/setup/\(token)", form: [
            "email": "Ada@Example.com ", "display_name": "Ada Lovelace", "password": Self.password,
            "password_confirmation": Self.password,
        ])
        #expect(created.status == .seeOther)
        #expect(created.location == "/")
        return browser
    }

    @Test(arguments: TestDatabase.all)
    func theSetUpLinkCreatesOneAdministratorOnce(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            // No default accounts: nothing signs in on a fresh install.
            let anonymous = TestBrowser(app)
            for (email, password) in [("admin", "admin"), ("admin@localhost", "password"), ("root", "root")] {
                let attempt = try await anonymous.post("/login", form: ["email": email, "password": password])
                #expect(attempt.status == .unauthorized)
            }
            #expect(try await anonymous.get("/setup/not-a-token").status == .notFound)

            let token = try #require(try await SetupLink.issue(on: app.db))
            let browser = TestBrowser(app)
            _ = try await browser.get("/setup/\(token)")
            let weak = try await browser.post("/setup/\(token)", form: [
                "email": "ada@example.com", "display_name": "Ada", "password": "password123456",
                "password_confirmation": "password123456",
            ])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.text.contains("one of the most common passwords"))
            #expect(weak.text.contains(#"value="ada@example.com""#))
            #expect(try await User.query(on: app.db).count() == 0)

            let created = try await browser.post("/setup/\(token)", form: [
                "email": "Ada@Example.com", "display_name": "Ada Lovelace", "password": Self.password,
                "password_confirmation": Self.password,
            ])
            #expect(created.status == .seeOther)
            let admin = try #require(try await User.find(email: "ada@example.com", on: app.db))
            #expect(admin.isSiteAdmin && admin.isActive && admin.email == "ada@example.com")
            #expect(admin.passwordHash.hasPrefix("$sesa-bcrypt-sha256$$2b$10$"))
            // Signed in straight away, with a welcome.
            let home = try await browser.get("/")
            #expect(home.text.contains("Welcome, Ada Lovelace."))
            #expect(home.text.contains(#"class="account-name">Ada Lovelace</a>"#))
            // The link is spent, and no new one is issued once a user exists.
            #expect(try await browser.get("/setup/\(token)").status == .notFound)
            #expect(try await SetupLink.issue(on: app.db) == nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func signInSetsAHardenedCookieAndSignOutEndsTheSessionOnTheServer(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            _ = try await setUpAdministrator(app)
            let browser = TestBrowser(app)
            let wrong = try await browser.post("/login", form: ["email": "ada@example.com", "password": "not the password!"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("The email or password is not correct."))
            let unknown = try await browser.post("/login", form: ["email": "nobody@example.com", "password": Self.password])
            #expect(unknown.text.contains("The email or password is not correct."))

            let signedIn = try await browser.post(
                "/login", form: ["email": "ADA@example.com", "password": Self.password, "next": "/account"])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/account")
            // Every cookie: __Host- prefix, Secure, HttpOnly, SameSite, Path=/, no Domain.
            #expect(!browser.setCookieHeaders.isEmpty)
            for header in browser.setCookieHeaders {
                let lower = header.lowercased()
                #expect(header.hasPrefix("__Host-"), "\(header)")
                #expect(lower.contains("; secure") && lower.contains("; httponly") && lower.contains("samesite="), "\(header)")
                #expect(lower.contains("path=/") && !lower.contains("domain="), "\(header)")
            }
            let token = try #require(browser.cookies[SessionStore.cookieName])
            let account = try await browser.get("/account")
            #expect(account.status == .ok)
            #expect(account.text.contains("ada@example.com"))
            #expect(account.headers.first(name: "Cache-Control") == "no-store")

            let out = try await browser.post("/logout", form: [:])
            #expect(out.status == .seeOther && out.location == "/login")
            #expect(try await UserSession.find(SecretToken.hash(token), on: app.db) == nil)
            // Replaying the old cookie does not bring the session back.
            browser.set(cookie: SessionStore.cookieName, token)
            let replay = try await browser.get("/account")
            #expect(replay.status == .seeOther)
            #expect(replay.location == "/login?next=/account")
        }
    }

    @Test(arguments: TestDatabase.all)
    func eachSignInGetsANewSessionAndOpenRedirectsAreRefused(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            _ = try await setUpAdministrator(app)
            let browser = TestBrowser(app)
            try await browser.post("/login", form: ["email": "ada@example.com", "password": Self.password])
            let first = try #require(browser.cookies[SessionStore.cookieName])
            let again = try await browser.post(
                "/login", form: ["email": "ada@example.com", "password": Self.password, "next": "//evil.example.com/x"])
            #expect(again.location == "/")
            let second = try #require(browser.cookies[SessionStore.cookieName])
            #expect(first != second)
            #expect(try await UserSession.find(SecretToken.hash(first), on: app.db) == nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func formsWithoutTheCSRFTokenOrFromAnotherSiteAreRefused(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let signedIn = try await setUpAdministrator(app)
            let noToken = try await signedIn.post("/logout", form: [:], csrf: false)
            #expect(noToken.status == .forbidden)
            let wrongToken = try await signedIn.post("/logout", form: ["_csrf": "forged"], csrf: false)
            #expect(wrongToken.status == .forbidden)
            let foreign = try await signedIn.post("/logout", form: [:], headers: ["Origin": "https://evil.example.com"])
            #expect(foreign.status == .forbidden)
            #expect(foreign.text.contains("another site"))
            // A token from another browser's cookie does not fit this browser's cookie.
            let other = TestBrowser(app)
            _ = try await other.get("/login")
            let borrowed = try await signedIn.post("/logout", form: ["_csrf": other.csrfToken ?? ""], csrf: false)
            #expect(borrowed.status == .forbidden)
            // Still signed in after all that.
            #expect(try await signedIn.get("/account").status == .ok)
        }
    }

    @Test(arguments: TestDatabase.all)
    func pagesThatNeedAUserRedirectToSignIn(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let response = try await app.send(.GET, "/account")
            #expect(response.status == .seeOther)
            #expect(response.location == "/login?next=/account")
        }
    }
}
