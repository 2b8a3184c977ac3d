import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// What the verification pages and API read from a request: enum values by name, the artifact a path names.
enum VerificationRequest {
    static let keyParameter = "verificationKey"
    static let runParameter = "runNumber"

    /// `text` as an enum value, `fallback` when empty; an unknown value is refused naming the choices.
    static func parse<T: RawRepresentable & CaseIterable>(_ text: String?, _ type: T.Type, field: String, default fallback: T) throws -> T
        where T.RawValue == String
    {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return fallback }
        guard let value = T(rawValue: text) else {
            throw FieldsInvalid(field: field, "“\(text)” is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// The live artifact of `kind` the path's key names.
    static func artifact(_ request: Request, kind: ArtifactKind) async throws -> Artifact {
        let access = try request.requireProject()
        let key = request.parameters.get(keyParameter) ?? ""
        guard let artifact = try await Artifact.query(on: request.db).filter(\.$projectID == access.projectID).filter(\.$key == key)
            .filter(\.$kind == kind.id).filter(\.$deletedAt == nil).first()
        else { throw Abort(.notFound, reason: "There is no \(kind.label.lowercased()) \(key) in \(access.key).") }
        return artifact
    }

    static let activityParameter = "activityID"

    /// The plan's activity the path names.
    static func activity(_ request: Request, planID: UUID) async throws -> VerificationActivity {
        guard let id = request.parameters.get(activityParameter, as: UUID.self),
              let activity = try await VerificationActivity.query(on: request.db).filter(\.$id == id).filter(\.$planID == planID).first()
        else { throw Abort(.notFound, reason: "The plan has no such activity.") }
        return activity
    }

    static func run(_ request: Request) async throws -> TestRun {
        let access = try request.requireProject()
        guard let number = request.parameters.get(runParameter, as: Int.self),
              let run = try await RunQueries.run(number: number, projectID: access.projectID, on: request.db)
        else { throw Abort(.notFound, reason: "There is no such test run in \(access.key).") }
        return run
    }

    /// `?module=A,B&status=failed,stale&method=test&q=words`, checked by name.
    static func filter(_ request: Request) throws -> RVTM.Filter {
        func list(_ name: String) -> [String] {
            (request.query[String.self, at: name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var statuses: Set<VerificationStatus.Coverage> = []
        for text in list("status") {
            statuses.insert(try parse(text.lowercased(), VerificationStatus.Coverage.self, field: "status", default: .unverified))
        }
        let methodText = request.query[String.self, at: "method"] ?? ""
        let method = methodText.isEmpty ? nil : try parse(methodText, TestCase.Method.self, field: "method", default: .test)
        return RVTM.Filter(modules: list("module").map { $0.uppercased() },
                           words: (request.query[String.self, at: "q"] ?? "").split(whereSeparator: \.isWhitespace).map(String.init),
                           statuses: statuses, method: method)
    }

    /// Keys separated by spaces, commas or lines (forms).
    static func keys(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
    }
}
