import Vapor

/// The OpenAPI description of one route, attached to the route itself (`route.openAPI(…)`) so the document
/// is generated from the router and cannot list a route that does not exist or miss one that does.
public struct OpenAPIOperation: Sendable {
    public struct Parameter: Sendable {
        public enum Location: String, Sendable { case query, path, header }
        public var name: String
        public var location: Location
        public var required: Bool
        public var description: String
        public var schema: JSONSchema
        public init(name: String, in location: Location, required: Bool = false, description: String,
                    schema: JSONSchema = .string()) {
            self.name = name
            self.location = location
            self.required = required
            self.description = description
            self.schema = schema
        }
    }

    public struct Response: Sendable {
        public var status: Int
        public var description: String
        /// Media type → schema; empty for bodiless responses.
        public var content: [(String, JSONSchema)]
        public init(_ status: Int, _ description: String, content: [(String, JSONSchema)] = []) {
            self.status = status
            self.description = description
            self.content = content
        }

        public static func json(_ status: Int, _ description: String, _ schema: JSONSchema) -> Response {
            Response(status, description, content: [("application/json", schema)])
        }

        public static func problem(_ status: Int, _ description: String) -> Response {
            Response(status, description, content: [("application/problem+json", .ref("Problem"))])
        }
    }

    public var operationID: String
    public var summary: String
    public var tag: String
    public var parameters: [Parameter]
    public var requestBody: JSONSchema?
    public var responses: [Response]
    /// Security scheme names required (e.g. `metricsToken`); empty means public.
    public var security: [String]

    public init(_ operationID: String, summary: String, tag: String, parameters: [Parameter] = [],
                requestBody: JSONSchema? = nil, responses: [Response], security: [String] = []) {
        self.operationID = operationID
        self.summary = summary
        self.tag = tag
        self.parameters = parameters
        self.requestBody = requestBody
        self.responses = responses
        self.security = security
    }
}

/// Marks a route as an HTML page: it is deliberately not part of the API document.
public struct HTMLPageMarker: Sendable {}

extension Route {
    static let openAPIKey = "sesa.openapi"
    static let htmlPageKey = "sesa.htmlpage"

    /// Documents this route in `/api/v1/openapi.json`.
    @discardableResult
    public func openAPI(_ operation: OpenAPIOperation) -> Route {
        userInfo[Self.openAPIKey] = operation
        return self
    }

    /// Declares this route a browser page (documented by the UI, not by OpenAPI).
    @discardableResult
    public func htmlPage() -> Route {
        userInfo[Self.htmlPageKey] = HTMLPageMarker()
        return self
    }

    public var openAPIOperation: OpenAPIOperation? { userInfo[Self.openAPIKey] as? OpenAPIOperation }
    public var isHTMLPage: Bool { userInfo[Self.htmlPageKey] is HTMLPageMarker }
}
