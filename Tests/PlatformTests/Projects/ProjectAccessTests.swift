import Fluent
import Foundation
@testable import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// Project scoping and roles through the HTTP stack, on both databases.
@Suite struct ProjectAccessTests {
    /// Ada (administrator), Lena (lead of ATC), Ed (editor of ATC), Vic (viewer of ATC), Otto (lead of OPS only).
    func people(_ app: Application) async throws -> (atc: Project, ops: Project) {
        try await app.makeUser("ada@example.com", name: "Ada", admin: true)
        let lena = try await app.makeUser("lena@example.com", name: "Lena")
        let ed = try await app.makeUser("ed@example.com", name: "Ed")
        let vic = try await app.makeUser("vic@example.com", name: "Vic")
        let otto = try await app.makeUser("otto@example.com", name: "Otto")
        let atc = try await app.makeProject("ATC", name: "Air traffic control", lead: lena)
        try await app.addMember(ed, to: atc, role: .editor)
        try await app.addMember(vic, to: atc, role: .viewer)
        let ops = try await app.makeProject("OPS", name: "Operations", lead: otto)
        return (atc, ops)
    }

    func browser(_ app: Application, _ email: String) async throws -> TestBrowser {
        let browser = TestBrowser(app)
        let response = try await browser.signIn(email)
        #expect(response.status == .seeOther, "\(email) signs in")
        return browser
    }

    @Test(arguments: TestDatabase.all)
    func aNonMemberGetsNotFoundForAnotherProjectsPages(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            _ = try await people(app)
            let otto = try await browser(app, "otto@example.com")
            for path in ["/projects/ATC", "/projects/ATC/members", "/projects/ATC/edit", "/projects/ATC/settings",
                         "/projects/ATC/audit"] {
                let page = try await otto.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(!page.text.contains("Air traffic control"), "\(path) does not leak the project")
            }
            // The same answer as for a project that does not exist at all.
            #expect(try await otto.get("/projects/NOPE").status == .notFound)
            let posted = try await otto.post("/projects/ATC/edit", form: ["description": "taken over"])
            #expect(posted.status == .notFound)
            // Their own project is fine, and the list and switcher show only it.
            #expect(try await otto.get("/projects/OPS").status == .ok)
            let list = try await otto.get("/projects")
            #expect(list.text.contains("/projects/OPS") && !list.text.contains("/projects/ATC"))
            // Signed out: sent to sign in, never shown the page.
            let anonymous = try await TestBrowser(app).get("/projects/ATC")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.location?.hasPrefix("/login?next=") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func rolesGateReadingWritingAndGoverning(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let (atc, _) = try await people(app)
            let vic = try await browser(app, "vic@example.com")
            #expect(try await vic.get("/projects/ATC").status == .ok)
            #expect(try await vic.get("/projects/ATC/members").status == .ok)
            let refused = try await vic.post("/projects/ATC/edit", form: ["description": "viewer was here"])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("Your role in ATC is viewer; this needs editor or higher."))
            #expect(try await vic.get("/projects/ATC/edit").status == .forbidden)

            let ed = try await browser(app, "ed@example.com")
            let edited = try await ed.post("/projects/ATC/edit", form: ["description": "Approach & <tower> systems"])
            #expect(edited.status == .seeOther)
            let overview = try await ed.get("/projects/ATC")
            #expect(overview.text.contains("Approach &amp; &lt;tower&gt; systems"))
            let notLead = try await ed.post("/projects/ATC/members", form: ["email": "otto@example.com", "role": "viewer"])
            #expect(notLead.status == .forbidden)
            #expect(try await ed.get("/projects/ATC/settings").status == .forbidden)

            let lena = try await browser(app, "lena@example.com")
            let added = try await lena.post("/projects/ATC/members", form: ["email": "otto@example.com", "role": "viewer"])
            #expect(added.status == .seeOther)
            #expect(try await browser(app, "otto@example.com").get("/projects/ATC").status == .ok)
            let unknown = try await lena.post("/projects/ATC/members", form: ["email": "nobody@example.com", "role": "viewer"])
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.text.contains("There is no user with this email"))
            // The last lead cannot step down or be removed.
            let lenaID = try #require(try await User.find(email: "lena@example.com", on: app.db)?.id)
            let demote = try await lena.post("/projects/ATC/members/\(lenaID.uuidString.lowercased())/role", form: ["role": "editor"])
            #expect(demote.status == .conflict)
            #expect(demote.text.contains("ATC needs at least one lead"))
            // Archiving makes the project read-only for everyone, leads included, until it is reactivated.
            let archived = try await lena.post("/projects/ATC/settings", form: ["name": "Air traffic control", "status": "archived"])
            #expect(archived.status == .seeOther)
            #expect(try await ed.post("/projects/ATC/edit", form: ["description": "late"]).status == .conflict)
            #expect(try await vic.get("/projects/ATC").status == .ok)

            // Every change above is in ATC's audit trail, which leads can read and editors cannot.
            let actions = try await AuditEntry.query(on: app.db).filter(\.$projectID == atc.id).sort(\.$id).all().map(\.action)
            #expect(actions == ["project.updated", "membership.added", "project.archived"])
            #expect(try await lena.get("/projects/ATC/audit").text.contains("membership.added"))
            #expect(try await ed.get("/projects/ATC/audit").status == .forbidden)
            let verification = try await AuditLog.verify(on: app.db)
            #expect(verification.broken == nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func siteAdministratorsManagePeopleAndProjects(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            _ = try await people(app)
            let vic = try await browser(app, "vic@example.com")
            #expect(try await vic.get("/admin/users").status == .forbidden)
            #expect(try await vic.post("/admin/projects/new", form: ["key": "HACK", "name": "Hack"]).status == .forbidden)

            let ada = try await browser(app, "ada@example.com")
            #expect(try await ada.get("/admin/users").status == .ok)
            let program = try await ada.post("/admin/programs/new", form: ["name": "Airspace 2030", "description": ""])
            #expect(program.status == .seeOther)
            let programID = try #require(try await Program.query(on: app.db).first()?.id)
            let badKey = try await ada.post("/admin/projects/new", form: ["key": "1x", "name": "Bad"])
            #expect(badKey.status == .unprocessableEntity)
            #expect(badKey.text.contains("Must be 2–10 capital letters or digits"))
            let taken = try await ada.post("/admin/projects/new", form: ["key": "ATC", "name": "Again"])
            #expect(taken.text.contains("ATC is taken by another project"))
            let created = try await ada.post("/admin/projects/new", form: [
                "key": "rad", "name": "Radar", "program_id": programID.uuidString, "lead_email": "vic@example.com",
            ])
            #expect(created.status == .seeOther)
            #expect(created.location == "/projects/RAD")
            // Vic leads the new project and sees it in the header's switcher.
            let switcher = try await vic.get("/projects/RAD/settings")
            #expect(switcher.status == .ok)
            #expect(switcher.text.contains(#"<span class="project-key">RAD</span>"#))

            // A new person, then disabled: their session ends at once.
            let weak = try await ada.post("/admin/users", form: [
                "email": "zed@example.com", "display_name": "Zed", "password": "password123456",
                "password_confirmation": "password123456",
            ])
            #expect(weak.status == .unprocessableEntity)
            let added = try await ada.post("/admin/users", form: [
                "email": "zed@example.com", "display_name": "Zed", "password": testPassword,
                "password_confirmation": testPassword,
            ])
            #expect(added.status == .seeOther)
            let zed = try await browser(app, "zed@example.com")
            #expect(try await zed.get("/account").status == .ok)
            let zedID = try #require(try await User.find(email: "zed@example.com", on: app.db)?.id)
            #expect(try await ada.post("/admin/users/\(zedID.uuidString.lowercased())", form: ["active": "0"]).status == .seeOther)
            #expect(try await zed.get("/account").status == .seeOther)
            // Administrators cannot lock themselves out.
            let adaID = try #require(try await User.find(email: "ada@example.com", on: app.db)?.id)
            #expect(try await ada.post("/admin/users/\(adaID.uuidString.lowercased())", form: ["active": "0"]).status == .conflict)

            let audit = try await ada.get("/admin/audit?action=user")
            #expect(audit.text.contains("user.created") && audit.text.contains("user.disabled"))
            #expect(!audit.text.contains("project.created"))
        }
    }
}
