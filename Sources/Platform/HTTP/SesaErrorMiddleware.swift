import Vapor

/// The one place errors become responses: RFC 9457 `application/problem+json` for the API, health and
/// metrics endpoints and JSON clients, the HTML error page for browsers. Unexpected errors are logged with
/// their details and answered with a generic message and the request id only (ASVS 16.5.1).
public struct SesaErrorMiddleware: AsyncMiddleware {
    public init() {}

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch is SignInRequired where !Self.wantsJSON(request) {
            // Pages that need a user send the browser to sign in and back.
            let next = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
            var components = URLComponents()
            components.path = IdentityRoute.login.path
            components.queryItems = [URLQueryItem(name: "next", value: next)]
            return request.redirect(to: components.string ?? IdentityRoute.login.path, redirectType: .normal)
        } catch {
            return response(for: error, to: request)
        }
    }

    func response(for error: any Error, to request: Request) -> Response {
        let (status, detail, fieldErrors, headers) = Self.describe(error)
        if status.code >= 500 {
            request.logger.error("request failed", metadata: [
                "error": .string(String(reflecting: error)), "path": .string(request.url.path),
            ])
        } else {
            // The access log already records every 4xx; the reason is worth a line only when it is not a plain 404.
            request.logger.log(level: status == .notFound ? .debug : .info, "request refused", metadata: [
                "status": .stringConvertible(status.code), "reason": .string(detail), "path": .string(request.url.path),
            ])
        }
        let response: Response
        if Self.wantsJSON(request) {
            let problem = ProblemDetails(
                status: status, detail: detail, instance: request.url.path, requestID: request.requestID,
                errors: fieldErrors)
            response = Response(status: status)
            // ProblemDetails encodes with no failure path of its own; fall back to a bare body if it ever does.
            response.body = .init(data: (try? JSONCoding.encoder.encode(problem)) ?? Data("{}".utf8))
            response.headers.contentType = ProblemDetails.mediaType
        } else {
            response = request.render(ErrorPage(
                status: Int(status.code), title: status.reasonPhrase, detail: detail, requestID: request.requestID,
                extra: (error as? any ErrorWithHTMLDetail)?.htmlDetail),
                status: status)
        }
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }

    /// Machine clients: everything under `/api/`, `/health`, `/metrics`, and requests that ask for JSON
    /// without asking for HTML.
    static func wantsJSON(_ request: Request) -> Bool {
        let path = request.url.path
        if path.hasPrefix("/api/") || path == "/api" || path.hasPrefix("/health") || path == "/metrics" { return true }
        let accept = request.headers.first(name: .accept) ?? ""
        return accept.contains("json") && !accept.contains("text/html")
    }

    static func describe(_ error: any Error)
        -> (HTTPResponseStatus, String, [ProblemDetails.FieldError]?, HTTPHeaders)
    {
        switch error {
        case let failure as ValidationFailure:
            return (failure.status, "The request has invalid fields.", failure.fieldErrors, [:])
        // Before AbortError: Vapor makes DecodingError an AbortError whose reason is Swift's debug text.
        case let decoding as DecodingError:
            return describe(decoding)
        case _ where DatabaseUnavailable.matches(error):
            return (.serviceUnavailable, genericDetail(.serviceUnavailable), nil, ["Retry-After": "5"])
        case let abort as any AbortError:
            let status = abort.status
            // Vapor's own 5xx reasons may describe internals; only our 4xx reasons are meant for the client.
            var detail = status.code >= 500 && !(abort is Abort) ? genericDetail(status) : abort.reason
            if detail == status.reasonPhrase { detail = plainDetail(status) }
            return (status, detail, (error as? any ErrorWithFieldErrors)?.fieldErrors, abort.headers)
        default:
            return (.internalServerError, genericDetail(.internalServerError), nil, [:])
        }
    }

    /// What to say when the error carries no reason of its own (Vapor's default reason is the status phrase).
    static func plainDetail(_ status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: return "The request could not be understood."
        case 401: return "You need to sign in to see this."
        case 403: return "You are not allowed to do this."
        case 404: return "There is nothing at this address."
        case 405: return "This address does not accept that kind of request."
        case 413: return "The request is too large."
        case 415: return "The request body has a type this address does not accept."
        case 429: return "Too many requests. Wait a moment and try again."
        case 500...: return genericDetail(status)
        default: return status.reasonPhrase
        }
    }

    static func genericDetail(_ status: HTTPResponseStatus) -> String {
        status == .serviceUnavailable
            ? "The service is temporarily unavailable. Try again shortly."
            : "Something went wrong on our side. The error has been logged."
    }

    static func describe(_ error: DecodingError)
        -> (HTTPResponseStatus, String, [ProblemDetails.FieldError]?, HTTPHeaders)
    {
        func path(_ context: DecodingError.Context) -> String {
            let joined = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
            return joined.isEmpty ? "(body)" : joined
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return (.badRequest, "The request body is not valid JSON.", nil, [:])
        case .dataCorrupted(let context):
            return (.unprocessableEntity, "The request has invalid fields.",
                    [.init(field: path(context), reason: "has an invalid value")], [:])
        case .keyNotFound(let key, let context):
            let field = context.codingPath.isEmpty ? key.stringValue : path(context) + "." + key.stringValue
            return (.unprocessableEntity, "The request has invalid fields.", [.init(field: field, reason: "is required")], [:])
        case .typeMismatch(let type, let context):
            return (.unprocessableEntity, "The request has invalid fields.",
                    [.init(field: path(context), reason: "must be of type \(type)")], [:])
        case .valueNotFound(_, let context):
            return (.unprocessableEntity, "The request has invalid fields.",
                    [.init(field: path(context), reason: "must not be null")], [:])
        @unknown default:
            return (.badRequest, "The request body could not be read.", nil, [:])
        }
    }
}
