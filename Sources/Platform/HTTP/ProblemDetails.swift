import Vapor

/// An RFC 9457 problem document: the body of every API error.
public struct ProblemDetails: Content, Sendable, Equatable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var instance: String?
    public var requestID: String?
    /// Field-level problems for validation errors: which field, and why.
    public var errors: [FieldError]?

    public struct FieldError: Codable, Sendable, Equatable {
        public var field: String
        public var reason: String
        public init(field: String, reason: String) {
            self.field = field
            self.reason = reason
        }
    }

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, instance, errors
        case requestID = "request_id"
    }

    public init(status: HTTPResponseStatus, detail: String, instance: String? = nil, requestID: String? = nil,
                errors: [FieldError]? = nil) {
        self.type = "about:blank"
        self.title = status.reasonPhrase
        self.status = Int(status.code)
        self.detail = detail
        self.instance = instance
        self.requestID = requestID
        self.errors = errors
    }

    public static let mediaType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
}

/// An error that carries field-level reasons, rendered as a 422 problem with `errors`.
public struct ValidationFailure: AbortError, Sendable {
    public let fieldErrors: [ProblemDetails.FieldError]
    public var status: HTTPResponseStatus { .unprocessableEntity }
    public var reason: String {
        fieldErrors.map { "\($0.field): \($0.reason)" }.joined(separator: "; ")
    }
    public init(_ fieldErrors: [ProblemDetails.FieldError]) { self.fieldErrors = fieldErrors }
}

/// An `AbortError` whose problem document lists per-field details (`errors`), e.g. what a conflicting
/// change altered.
public protocol ErrorWithFieldErrors: Error {
    var fieldErrors: [ProblemDetails.FieldError] { get }
}
