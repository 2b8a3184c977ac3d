import Crypto
import Fluent
import Foundation
@testable import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// API sign-in, access JWTs, refresh rotation and personal access tokens through the HTTP stack, on both databases.
@Suite struct APITokenTests {
    struct Pair: Decodable {
        let accessToken: String
        let refreshToken: String
        let expiresIn: Int
        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token", refreshToken = "refresh_token", expiresIn = "expires_in"
        }
    }

    static let json: HTTPHeaders = ["Content-Type": "application/json"]

    static func bearer(_ token: String) -> HTTPHeaders { ["Authorization": "Bearer \(token)"] }

    static func body(_ fields: [String: String]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
    }

    func login(_ app: Application, _ email: String, password: String = testPassword, headers: HTTPHeaders = [:])
        async throws -> TestingHTTPResponse
    {
        var headers = headers
        headers.add(contentsOf: Self.json)
        return try await app.send(.POST, "/api/v1/auth/login", headers: headers,
                                  body: Self.body(["email": email, "password": password]))
    }

    func signIn(_ app: Application, _ email: String) async throws -> Pair {
        let response = try await login(app, email)
        #expect(response.status == .ok, "\(email) signs in: \(response.text)")
        return try response.decode(Pair.self)
    }

    func refresh(_ app: Application, _ token: String) async throws -> TestingHTTPResponse {
        try await app.send(.POST, "/api/v1/auth/refresh", headers: Self.json, body: Self.body(["refresh_token": token]))
    }

    func me(_ app: Application, _ token: String) async throws -> TestingHTTPResponse {
        try await app.send(.GET, "/api/v1/me", headers: Self.bearer(token))
    }

    @Test(arguments: TestDatabase.all)
    func signingInGivesAShortLivedAccessTokenThatNamesTheCaller(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            try await app.makeUser("ada@example.com", name: "Ada")
            let response = try await login(app, "ada@example.com")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .cacheControl) == "no-store")
            #expect(response.headers[.setCookie].isEmpty, "the API sets no cookie")
            let pair = try response.decode(Pair.self)
            #expect(pair.expiresIn == 15 * 60)
            #expect(!pair.refreshToken.isEmpty && pair.refreshToken != pair.accessToken)
            let me = try await me(app, pair.accessToken)
            #expect(me.status == .ok)
            #expect(me.text.contains(#""email":"ada@example.com""#))
            #expect(me.text.contains(#""display_name":"Ada""#))
            // The refresh token is stored only as its hash.
            let stored = try await RefreshToken.query(on: app.db).all()
            #expect(stored.count == 1)
            #expect(stored.first?.id == SecretToken.hash(pair.refreshToken))
            // A wrong password is a plain 401 problem, and no token.
            let wrong = try await login(app, "ada@example.com", password: "not the right passphrase")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(!wrong.text.contains("access_token"))
            // Without a token the API says 401, never a redirect to the sign-in page.
            let anonymous = try await app.send(.GET, "/api/v1/me")
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anAccessTokenStopsWorkingAtOnceWhenItsSessionEndsOrTheUserIsDisabled(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            try await app.makeUser("ada@example.com", name: "Ada", admin: true)
            let bob = try await app.makeUser("bob@example.com", name: "Bob")
            // Logout ends the session server-side: the (unexpired) JWT is refused on the next request.
            let first = try await signIn(app, "bob@example.com")
            let logout = try await app.send(.POST, "/api/v1/auth/logout", headers: Self.bearer(first.accessToken))
            #expect(logout.status == .noContent)
            let afterLogout = try await me(app, first.accessToken)
            #expect(afterLogout.status == .unauthorized)
            #expect(afterLogout.headers.first(name: .wwwAuthenticate)?.contains("invalid_token") == true)
            #expect(try await refresh(app, first.refreshToken).status == .unauthorized, "its refresh token died with it")
            // Disabling the user (by an administrator, through the admin page) stops a live token at once.
            let second = try await signIn(app, "bob@example.com")
            #expect(try await me(app, second.accessToken).status == .ok)
            let admin = TestBrowser(app)
            #expect(try await admin.signIn("ada@example.com").status == .seeOther)
            let disabled = try await admin.post("/admin/users/\(try bob.requireID().uuidString.lowercased())",
                                                form: ["active": "0"])
            #expect(disabled.status == .seeOther)
            #expect(try await me(app, second.accessToken).status == .unauthorized)
            #expect(try await refresh(app, second.refreshToken).status == .unauthorized)
            #expect(try await login(app, "bob@example.com").status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func refreshRotatesAndAReusedRefreshTokenRevokesTheWholeFamily(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            try await app.makeUser("bob@example.com", name: "Bob")
            let first = try await signIn(app, "bob@example.com")
            let rotated = try await refresh(app, first.refreshToken)
            #expect(rotated.status == .ok)
            #expect(rotated.headers.first(name: .cacheControl) == "no-store")
            let second = try rotated.decode(Pair.self)
            #expect(second.refreshToken != first.refreshToken)
            #expect(try await me(app, second.accessToken).status == .ok)
            // The first refresh token was rotated: presenting it again means two parties hold it.
            let reused = try await refresh(app, first.refreshToken)
            #expect(reused.status == .unauthorized)
            // The whole family is gone: the newest refresh token and the live access token no longer work.
            #expect(try await refresh(app, second.refreshToken).status == .unauthorized)
            #expect(try await me(app, second.accessToken).status == .unauthorized)
            #expect(try await me(app, first.accessToken).status == .unauthorized)
            let audited = try await AuditEntry.query(on: app.db).filter(\.$action == "session.refresh-token-reused").all()
            #expect(audited.count == 1)
            #expect(audited.first?.objectKey == "bob@example.com")
            // Rubbish is simply refused.
            #expect(try await refresh(app, "not-a-token").status == .unauthorized)
            #expect(try await app.send(.POST, "/api/v1/auth/refresh", headers: Self.json, body: "{}").status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func forgedExpiredAndMisdirectedAccessTokensAreRefused(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let bob = try await app.makeUser("bob@example.com", name: "Bob")
            let pair = try await signIn(app, "bob@example.com")
            let parts = pair.accessToken.split(separator: ".").map(String.init)
            #expect(parts.count == 3)
            let payloadData = try #require(AccessTokens.base64URLDecode(parts[1]))
            var payload = try #require(try JSONSerialization.jsonObject(with: payloadData) as? [String: Any])
            func encode(_ data: Data) -> String {
                data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
                    .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            }
            func encode(_ object: [String: Any]) throws -> String {
                encode(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
            }
            /// Signs with the instance's real key, to prove that the claim checks — not only the signature — hold.
            func signed(_ header: [String: Any], _ payload: [String: Any]) throws -> String {
                let input = try encode(header) + "." + encode(payload)
                let secret = app.config.secretKey
                let derived = HMAC<SHA256>.authenticationCode(for: Data("sesa.jwt.v1".utf8), using: SymmetricKey(data: secret))
                let signature = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: Data(derived)))
                return input + "." + encode(Data(signature))
            }
            let goodHeader: [String: Any] = ["alg": "HS256", "typ": "JWT", "kid": "sesa-hs256-v1"]
            // Our own re-signing gives a token that works (so the refusals below are about the changed claims).
            #expect(try await me(app, try signed(goodHeader, payload)).status == .ok)

            var refused: [(String, String)] = []
            // A changed payload under the old signature.
            var elevated = payload
            elevated["sub"] = UUID().uuidString.lowercased()
            refused.append(("tampered payload", parts[0] + "." + (try encode(elevated)) + "." + parts[2]))
            // alg "none", with and without a signature.
            let none: [String: Any] = ["alg": "none", "typ": "JWT"]
            refused.append(("alg none", try encode(none) + "." + parts[1] + "."))
            refused.append(("alg none signed", try encode(none) + "." + parts[1] + "." + parts[2]))
            // Another algorithm, and header fields that point at keys.
            refused.append(("alg HS512", try signed(["alg": "HS512", "typ": "JWT"], payload)))
            refused.append(("jku header", try signed(goodHeader.merging(["jku": "https://evil.example/keys"]) { $1 }, payload)))
            refused.append(("unknown kid", try signed(["alg": "HS256", "typ": "JWT", "kid": "other"], payload)))
            // Right key, wrong claims.
            refused.append(("wrong audience", try signed(goodHeader, payload.merging(["aud": ["other-api"]]) { $1 })))
            refused.append(("refresh typ", try signed(goodHeader, payload.merging(["typ": "refresh"]) { $1 })))
            refused.append(("other user", try signed(goodHeader, payload.merging(["sub": UUID().uuidString.lowercased()]) { $1 })))
            refused.append(("unknown session", try signed(goodHeader, payload.merging(["sid": "0123"]) { $1 })))
            refused.append(("garbage", "a.b.c"))
            refused.append(("the refresh token", pair.refreshToken))
            refused.append(("a browser session id", try #require(try await UserSession.query(on: app.db).first()?.id)))
            for (what, token) in refused {
                let response = try await me(app, token)
                #expect(response.status == .unauthorized, "\(what)")
                #expect(!response.text.contains("bob@example.com"), "\(what)")
            }
            // Another signing secret: the same claims do not verify.
            let stranger = await AccessTokens(secret: Array(repeating: 7, count: 32))
            let foreign = try await stranger.issue(userID: try bob.requireID(), sessionID: try #require(payload["sid"] as? String),
                                                   now: app.clock.now())
            #expect(try await me(app, foreign).status == .unauthorized)
            // Not-yet-valid: issued in the future.
            payload["iat"] = Date().addingTimeInterval(3600).timeIntervalSince1970
            #expect(try await me(app, try signed(goodHeader, payload)).status == .unauthorized)
            // Expiry is 15 minutes, measured by the app's clock.
            app.clock.advance(by: 14 * 60)
            #expect(try await me(app, pair.accessToken).status == .ok)
            app.clock.advance(by: 61)
            #expect(try await me(app, pair.accessToken).status == .unauthorized)
            // Only the Bearer scheme: Basic is refused rather than ignored.
            let basic = try await app.send(.GET, "/api/v1/me", headers: ["Authorization": "Basic Ym9iOnNlY3JldA=="])
            #expect(basic.status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theBrowsersSessionCookieDoesNotAuthenticateTheAPI(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            try await app.makeUser("bob@example.com", name: "Bob")
            let browser = TestBrowser(app)
            #expect(try await browser.signIn("bob@example.com").status == .seeOther)
            #expect(try await browser.get("/account").status == .ok)
            let api = try await browser.get("/api/v1/me")
            #expect(api.status == .unauthorized)
            // And every cookie the application set is a __Host- cookie: Secure, HttpOnly, SameSite, Path=/.
            #expect(!browser.setCookieHeaders.isEmpty)
            for header in browser.setCookieHeaders {
                #expect(header.hasPrefix("__Host-"), "\(header)")
                #expect(header.contains("Secure") && header.contains("HttpOnly") && header.contains("SameSite="), "\(header)")
                #expect(header.contains("Path=/"), "\(header)")
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func apiSignInAndRefreshAreThrottledAndTheAPIIsRateLimited(database: TestDatabase) async throws {
        try await withApp(on: database, environment: ["SESA_TRUST_PROXY": "true", "SESA_API_RATE_LIMIT": "100"]) { app in
            try await app.makeUser("victim@example.com")
            let from: HTTPHeaders = ["X-Forwarded-For": "203.0.113.9"]
            for index in 0..<4 {
                let failed = try await login(app, "victim@example.com", password: "guess number \(index)", headers: from)
                #expect(failed.status == .unauthorized)
            }
            let throttled = try await login(app, "victim@example.com", headers: from)
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers.first(name: .retryAfter) != nil)
            #expect(throttled.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            // The form and the API share the counters: the same address is throttled on the form too.
            let form = try await TestBrowser(app).signIn("victim@example.com", headers: from)
            #expect(form.status == .tooManyRequests)
            // The victim, elsewhere, signs in.
            let pair = try await signIn(app, "victim@example.com")

            // Refresh: 60 a minute per address; rubbish tokens count too.
            var refreshStatuses: [HTTPStatus] = []
            for _ in 0..<61 {
                refreshStatuses.append(try await refresh(app, "rubbish").status)
            }
            #expect(refreshStatuses.prefix(60).allSatisfy { $0 == .unauthorized })
            #expect(refreshStatuses.last == .tooManyRequests)

            // The API as a whole: SESA_API_RATE_LIMIT (here 100) a minute per user, then 429 + Retry-After.
            var statuses: [HTTPStatus] = []
            for _ in 0..<100 { statuses.append(try await me(app, pair.accessToken).status) }
            #expect(statuses.allSatisfy { $0 == .ok })
            let limited = try await me(app, pair.accessToken)
            #expect(limited.status == .tooManyRequests)
            let retryAfter = try #require(limited.headers.first(name: .retryAfter).flatMap(Int.init))
            #expect(retryAfter > 0 && retryAfter <= 60)
            // The next minute it works again.
            app.clock.advance(by: 61)
            #expect(try await me(app, pair.accessToken).status == .ok)
        }
    }

    /// Creates a personal access token through the account page and returns the secret shown once.
    func createPAT(_ browser: TestBrowser, project: String, role: String, days: String = "30", name: String = "CI")
        async throws -> String?
    {
        let page = try await browser.post("/account/tokens", form: ["name": name, "project": project, "role": role, "days": days])
        guard page.status == .created else { return nil }
        return page.text.firstMatch(of: /(sesa_pat_[A-Za-z0-9_\-]+)/).map { String($0.1) }
    }

    @Test(arguments: TestDatabase.all)
    func personalAccessTokensAreScopedToOneProjectAndARole(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let lena = try await app.makeUser("lena@example.com", name: "Lena")
            let vic = try await app.makeUser("vic@example.com", name: "Vic")
            let atc = try await app.makeProject("ATC", name: "Air traffic control", lead: lena)
            try await app.addMember(vic, to: atc, role: .viewer)
            try await app.makeProject("OPS", name: "Operations", lead: lena)
            let browser = TestBrowser(app)
            #expect(try await browser.signIn("lena@example.com").status == .seeOther)
            #expect(try await browser.get("/account").status == .ok)

            // A viewer token of a lead: reads ATC, cannot write it, cannot see OPS at all.
            let viewerToken = try #require(try await createPAT(browser, project: "ATC", role: "viewer", name: "CI reader"))
            let stored = try #require(try await PersonalAccessToken.query(on: app.db).first())
            #expect(stored.tokenHash == SecretToken.hash(viewerToken) && !stored.tokenHash.contains(viewerToken))
            #expect(!(try await browser.get("/account")).text.contains(viewerToken), "shown once only")
            let read = try await app.send(.GET, "/api/v1/projects/ATC", headers: Self.bearer(viewerToken))
            #expect(read.status == .ok)
            #expect(read.text.contains(#""role":"viewer""#))
            var patch = Self.bearer(viewerToken)
            patch.add(contentsOf: Self.json)
            let write = try await app.send(.PATCH, "/api/v1/projects/ATC", headers: patch, body: Self.body(["description": "x"]))
            #expect(write.status == .forbidden)
            #expect(try await app.send(.GET, "/api/v1/projects/OPS", headers: Self.bearer(viewerToken)).status == .notFound)
            let listed = try await app.send(.GET, "/api/v1/projects", headers: Self.bearer(viewerToken))
            #expect(listed.text.contains(#""key":"ATC""#) && !listed.text.contains(#""key":"OPS""#))
            // A PAT cannot sign out (it is revoked on the account page) and is not a session.
            #expect(try await app.send(.POST, "/api/v1/auth/logout", headers: Self.bearer(viewerToken)).status == .badRequest)

            // An editor token writes.
            let editorToken = try #require(try await createPAT(browser, project: "ATC", role: "editor", name: "CI writer"))
            var editorPatch = Self.bearer(editorToken)
            editorPatch.add(contentsOf: Self.json)
            let edited = try await app.send(.PATCH, "/api/v1/projects/ATC", headers: editorPatch,
                                            body: Self.body(["description": "Approach control"]))
            #expect(edited.status == .ok)
            #expect(try await Project.query(on: app.db).filter(\.$key == "ATC").first()?.description == "Approach control")

            // Nobody can mint a token above their own role, or for a project they are not in.
            let vicBrowser = TestBrowser(app)
            #expect(try await vicBrowser.signIn("vic@example.com").status == .seeOther)
            #expect(try await vicBrowser.get("/account").status == .ok)
            let tooHigh = try await vicBrowser.post("/account/tokens", form: ["name": "x", "project": "ATC", "role": "editor", "days": "30"])
            #expect(tooHigh.status == .unprocessableEntity)
            #expect(tooHigh.text.contains("The role must be at most your own role in ATC (viewer)"))
            let notMine = try await vicBrowser.post("/account/tokens", form: ["name": "x", "project": "OPS", "role": "viewer", "days": "30"])
            #expect(notMine.status == .unprocessableEntity)
            #expect(notMine.text.contains("The project must be an active project you are a member of"))
            let forever = try await vicBrowser.post("/account/tokens", form: ["name": "x", "project": "ATC", "role": "viewer", "days": "9999"])
            #expect(forever.status == .unprocessableEntity)
            #expect(forever.text.contains("The lifetime must be 7, 30, 90 or 365 days"))
            #expect(try await PersonalAccessToken.query(on: app.db).count() == 2, "refused forms store nothing")

            // Demoting the owner weakens the token at once: the editor token can no longer write.
            let lenaID = try lena.requireID()
            let membership = try #require(try await Membership.query(on: app.db).filter(\.$user.$id == lenaID)
                .filter(\.$project.$id == (try atc.requireID())).first())
            membership.role = .viewer
            try await membership.update(on: app.db)
            #expect(try await app.send(.PATCH, "/api/v1/projects/ATC", headers: editorPatch, body: Self.body(["description": "y"])).status == .forbidden)

            // Revoked: refused at once, and the revocation is audited.
            let revoke = try await browser.post("/account/tokens/\(try stored.requireID().uuidString.lowercased())/revoke", form: [:])
            #expect(revoke.status == .seeOther)
            let afterRevoke = try await app.send(.GET, "/api/v1/projects/ATC", headers: Self.bearer(viewerToken))
            #expect(afterRevoke.status == .unauthorized)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "token.revoked").count() == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "token.created").count() == 2)

            // Expired: refused.
            app.clock.advance(by: 31 * 86_400)
            #expect(try await app.send(.GET, "/api/v1/projects/ATC", headers: Self.bearer(editorToken)).status == .unauthorized)
            // A made-up token with the right prefix is refused, not treated as anonymous.
            #expect(try await app.send(.GET, "/api/v1/me", headers: Self.bearer("sesa_pat_madeup")).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aNonMemberGetsNotFoundForAnotherProjectsAPI(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let lena = try await app.makeUser("lena@example.com", name: "Lena")
            let otto = try await app.makeUser("otto@example.com", name: "Otto")
            try await app.makeProject("ATC", name: "Air traffic control", lead: lena)
            try await app.makeProject("OPS", name: "Operations", lead: otto)
            let pair = try await signIn(app, "otto@example.com")
            for path in ["/api/v1/projects/ATC", "/api/v1/projects/ATC/members", "/api/v1/projects/NOPE"] {
                let response = try await app.send(.GET, path, headers: Self.bearer(pair.accessToken))
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.text.contains("Air traffic control"), "\(path)")
            }
            var patch = Self.bearer(pair.accessToken)
            patch.add(contentsOf: Self.json)
            #expect(try await app.send(.PATCH, "/api/v1/projects/ATC", headers: patch, body: Self.body(["description": "x"])).status == .notFound)
            let members = try await app.send(.GET, "/api/v1/projects/OPS/members", headers: Self.bearer(pair.accessToken))
            #expect(members.status == .ok && members.text.contains("otto@example.com"))
        }
    }
}
