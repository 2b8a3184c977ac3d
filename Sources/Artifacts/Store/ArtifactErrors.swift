import Foundation
import Platform
import Plot
import Vapor

/// A write based on a version that is no longer current (optimistic locking). 409; the page and the problem
/// document show what the other change altered, next to what this one wanted.
public struct VersionConflict: AbortError, ErrorWithHTMLDetail, ErrorWithFieldErrors {
    public let key: String
    public let yourVersion: Int
    public let currentVersion: Int
    public let currentBy: String
    public let current: ArtifactFields
    public let yours: ArtifactFields

    public var status: HTTPResponseStatus { .conflict }
    public var reason: String {
        "\(key) was changed by \(currentBy) (now version \(currentVersion)) after you opened version \(yourVersion). "
            + "Nothing was saved; compare both versions, then apply your changes to the current one."
    }

    /// The fields where the current version and this write differ.
    public var differingFields: [String] { current.changes(to: yours) }

    public var fieldErrors: [ProblemDetails.FieldError] {
        differingFields.map {
            .init(field: $0, reason: "current version \(currentVersion): “\(current[$0].displayText)”; yours: “\(yours[$0].displayText)”")
        }
    }

    public var htmlDetail: Component { VersionConflictNotice(conflict: self) }
}

/// Refusals of the artifact core that are the caller's mistake (422 on the API, the form's error list on
/// pages), each naming the field and why.
public struct ArtifactRefusal: AbortError, ErrorWithFieldErrors {
    public let status: HTTPResponseStatus
    public let field: String
    public let reason: String

    public init(_ status: HTTPResponseStatus = .unprocessableEntity, field: String, _ reason: String) {
        self.status = status
        self.field = field
        self.reason = reason
    }

    public var fieldErrors: [ProblemDetails.FieldError] { [.init(field: field, reason: reason)] }
}

/// A write refused for invalid input: 422 on the API, the form's error list on pages, each field named with why.
public struct FieldsInvalid: AbortError, ErrorWithFieldErrors {
    public let errors: [ProblemDetails.FieldError]
    public init(errors: [ProblemDetails.FieldError]) { self.errors = errors }
    public init(field: String, _ reason: String) { self.errors = [.init(field: field, reason: reason)] }
    public var status: HTTPResponseStatus { .unprocessableEntity }
    public var reason: String {
        errors.count == 1 ? errors[0].reason.prefix(1).uppercased() + errors[0].reason.dropFirst() + "."
            : "\(errors.count) fields are invalid: " + errors.map(\.field).joined(separator: ", ") + "."
    }
    public var fieldErrors: [ProblemDetails.FieldError] { errors }
}
