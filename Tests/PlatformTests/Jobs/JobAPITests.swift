import Fluent
import Foundation
@testable import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// Watching jobs: the API and the page, and who may see which job. On both databases.
@Suite struct JobAPITests {
    struct Payload: Codable { var n: Int }

    func token(_ app: Application, _ email: String) async throws -> HTTPHeaders { try await app.bearerHeaders(email) }

    @Test(arguments: TestDatabase.all)
    func theAPIShowsProgressToThoseWhoMaySeeTheJob(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            try await app.makeUser("ada@example.com", name: "Ada", admin: true)
            let lena = try await app.makeUser("lena@example.com", name: "Lena")
            let vic = try await app.makeUser("vic@example.com", name: "Vic")
            let otto = try await app.makeUser("otto@example.com", name: "Otto")
            let atc = try await app.makeProject("ATC", lead: lena)
            try await app.addMember(vic, to: atc, role: .viewer)
            let ops = try await app.makeProject("OPS", lead: otto)
            let job = try await JobQueue.enqueue(kind: "test.import", payload: Payload(n: 1), on: app.db,
                                                 projectID: try atc.requireID(), createdBy: try lena.requireID())
            let path = "/api/v1/jobs/\(job.uuidString.lowercased())"

            let queued = try await app.send(.GET, path, headers: try await token(app, "lena@example.com"))
            #expect(queued.status == .ok)
            #expect(queued.text.contains(#""status":"queued""#) && queued.text.contains(#""progress":0"#))
            #expect(queued.text.contains(#""project":"ATC""#))

            // A worker claims it and reports progress: the API shows it.
            let queue = JobQueue(database: app.db)
            let now = Date()
            let claimed = try #require(try await queue.claim(worker: "w1", kinds: ["test.import"], now: now,
                                                             leaseUntil: now.addingTimeInterval(60)))
            try await queue.progress(claimed, worker: "w1", percent: 40, message: "Reading specification 2 of 5",
                                     now: now, leaseUntil: now.addingTimeInterval(60))
            let vicHeaders = try await token(app, "vic@example.com")
            let running = try await app.send(.GET, path, headers: vicHeaders)
            #expect(running.status == .ok, "a member of the job's project sees it")
            #expect(running.text.contains(#""status":"running""#) && running.text.contains(#""progress":40"#))
            #expect(running.text.contains("Reading specification 2 of 5"))
            try await queue.complete(claimed, worker: "w1", result: #"{"imported":12}"#, now: now)
            let done = try await app.send(.GET, path, headers: vicHeaders)
            #expect(done.text.contains(#""status":"succeeded""#) && done.text.contains(#""progress":100"#))
            #expect(done.text.contains(#"imported"#))

            // Not a member: the same 404 as for a job that does not exist; administrators see everything.
            let ottoHeaders = try await token(app, "otto@example.com")
            let refused = try await app.send(.GET, path, headers: ottoHeaders)
            #expect(refused.status == .notFound)
            #expect(!refused.text.contains("test.import"))
            #expect(try await app.send(.GET, "/api/v1/jobs/\(UUID().uuidString)", headers: ottoHeaders).status == .notFound)
            #expect(try await app.send(.GET, "/api/v1/jobs/not-a-uuid", headers: ottoHeaders).status == .notFound)
            #expect(try await app.send(.GET, path, headers: try await token(app, "ada@example.com")).status == .ok)
            #expect(try await app.send(.GET, path).status == .unauthorized)

            // A job without a project is its starter's (and the administrators').
            let own = try await JobQueue.enqueue(kind: "test.export", payload: Payload(n: 2), on: app.db,
                                                 createdBy: try lena.requireID())
            let ownPath = "/api/v1/jobs/\(own.uuidString.lowercased())"
            #expect(try await app.send(.GET, ownPath, headers: try await token(app, "lena@example.com")).status == .ok)
            #expect(try await app.send(.GET, ownPath, headers: vicHeaders).status == .notFound)

            // A personal access token sees its own project's jobs only.
            func pat(_ secret: String, project: Project) async throws -> HTTPHeaders {
                let token = PersonalAccessToken()
                token.$user.id = try otto.requireID()
                token.$project.id = try project.requireID()
                token.name = "ci"
                token.role = .viewer
                token.tokenHash = SecretToken.hash(secret)
                token.hint = String(secret.suffix(4))
                token.createdAt = Date()
                token.expiresAt = Date().addingTimeInterval(86_400)
                try await token.create(on: app.db)
                return ["Authorization": "Bearer \(secret)"]
            }
            let opsJob = try await JobQueue.enqueue(kind: "test.import", payload: Payload(n: 3), on: app.db,
                                                    projectID: try ops.requireID())
            let opsPAT = try await pat("sesa_pat_opsjobs0123456789", project: ops)
            #expect(try await app.send(.GET, "/api/v1/jobs/\(opsJob.uuidString)", headers: opsPAT).status == .ok)
            #expect(try await app.send(.GET, path, headers: opsPAT).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theJobPageShowsAProgressBarThatPollsUntilTheJobEnds(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let lena = try await app.makeUser("lena@example.com", name: "Lena")
            let otto = try await app.makeUser("otto@example.com", name: "Otto")
            let atc = try await app.makeProject("ATC", lead: lena)
            _ = otto
            let job = try await JobQueue.enqueue(kind: "test.import", payload: Payload(n: 1), on: app.db,
                                                 projectID: try atc.requireID(), createdBy: try lena.requireID())
            let id = job.uuidString.lowercased()
            let browser = TestBrowser(app)
            #expect(try await browser.signIn("lena@example.com").status == .seeOther)
            let queue = JobQueue(database: app.db)
            let now = Date()
            let claimed = try #require(try await queue.claim(worker: "w1", kinds: ["test.import"], now: now,
                                                             leaseUntil: now.addingTimeInterval(60)))
            try await queue.progress(claimed, worker: "w1", percent: 65, message: "Linking <relations> & more",
                                     now: now, leaseUntil: now.addingTimeInterval(60))
            let page = try await browser.get("/jobs/\(id)")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<progress max="100" value="65""#))
            #expect(page.text.contains(#"data-job-poll="/jobs/\#(id)/progress""#))
            #expect(page.text.contains("Linking &lt;relations&gt; &amp; more"))
            for field in ["status", "bar", "percent", "message"] {
                #expect(page.text.contains(#"data-job-field="\#(field)""#), "the poller finds \(field)")
            }
            #expect(page.text.contains(#"href="/projects/ATC""#), "breadcrumb to the project")
            // The poller's JSON uses the browser session, and is never cached.
            let progress = try await browser.get("/jobs/\(id)/progress")
            #expect(progress.status == .ok)
            #expect(progress.headers.first(name: .cacheControl) == "no-store")
            #expect(progress.text.contains(#""progress":65"#))
            // Finished: the page no longer polls.
            try await queue.complete(claimed, worker: "w1", result: nil, now: now)
            let finished = try await browser.get("/jobs/\(id)")
            #expect(!finished.text.contains("data-job-poll"))
            #expect(finished.text.contains(#"value="100""#))
            // Someone else, signed in, gets 404; signed out, the sign-in page.
            let stranger = TestBrowser(app)
            #expect(try await stranger.signIn("otto@example.com").status == .seeOther)
            #expect(try await stranger.get("/jobs/\(id)").status == .notFound)
            #expect(try await stranger.get("/jobs/\(id)/progress").status == .notFound)
            #expect(try await TestBrowser(app).get("/jobs/\(id)").status == .seeOther)
        }
    }
}
