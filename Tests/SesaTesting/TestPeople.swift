import Fluent
import Foundation
import Platform
import Vapor
import VaporTesting

/// The password every test user gets (long, and not on the common-password list).
public let testPassword = "a long and unusual passphrase"

extension Application {
    /// A user straight in the database (no set-up link, no audit row).
    @discardableResult
    public func makeUser(_ email: String, name: String? = nil, admin: Bool = false, password: String = testPassword)
        async throws -> User
    {
        let user = User(email: email, displayName: name ?? String(email.split(separator: "@")[0]).capitalized,
                        passwordHash: try await passwords.hash(password), isSiteAdmin: admin)
        try await user.create(on: db)
        return user
    }

    /// A project with `lead` as its lead.
    @discardableResult
    public func makeProject(_ key: String, name: String? = nil, lead: User) async throws -> Project {
        let project = Project(key: key, name: name ?? "Project \(key)", description: "", programID: nil)
        try await project.create(on: db)
        try await addMember(lead, to: project, role: .lead)
        return project
    }

    public func addMember(_ user: User, to project: Project, role: ProjectRole) async throws {
        try await Membership(projectID: try project.requireID(), userID: try user.requireID(), role: role).create(on: db)
    }
}

/// The usual cast of a module's tests: Lena leads the project, Ed edits, Vic views, Otto belongs to no project.
public struct TestTeam: Sendable {
    public let project: Project
    public let lena: User
    public let ed: User
    public let vic: User
}

extension Application {
    public func makeTeam(project key: String) async throws -> TestTeam {
        let lena = try await makeUser("lena@example.com", name: "Lena")
        let ed = try await makeUser("ed@example.com", name: "Ed")
        let vic = try await makeUser("vic@example.com", name: "Vic")
        try await makeUser("otto@example.com", name: "Otto")
        let project = try await makeProject(key, lead: lena)
        try await addMember(ed, to: project, role: .editor)
        try await addMember(vic, to: project, role: .viewer)
        return TestTeam(project: project, lena: lena, ed: ed, vic: vic)
    }
}

extension TestBrowser {
    /// Signs in through the form; expects success.
    @discardableResult
    public func signIn(_ email: String, password: String = testPassword, headers: HTTPHeaders = [:]) async throws
        -> TestingHTTPResponse
    {
        try await post("/login", form: ["email": email, "password": password], headers: headers)
    }
}
