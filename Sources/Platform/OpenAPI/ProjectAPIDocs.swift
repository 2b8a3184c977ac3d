/// The parts every project-scoped API operation of a module shares: the `{key}` path parameter, the bearer
/// security, the 401 and 404 answers, and the usual refusals — so each module's registration only says what is
/// its own.
public struct ProjectAPIDocs: Sendable {
    public let tag: String
    public let project: OpenAPIOperation.Parameter
    public let notFound: OpenAPIOperation.Response

    public static let refused = OpenAPIOperation.Response.problem(401, "Missing, invalid or expired token")
    public static let forbidden = OpenAPIOperation.Response.problem(403, "The caller's role is too low")
    public static let invalid = OpenAPIOperation.Response.problem(422, "Invalid fields; `errors` names each")
    public static let conflict = OpenAPIOperation.Response.problem(
        409, "Stale version: someone saved in between; `errors` lists the differing fields")

    /// `things`: what a 404 may be about besides the project, e.g. "item" → "No such project or item, or …".
    public init(tag: String, things: String) {
        self.tag = tag
        self.project = .init(name: ProjectAccessMiddleware.parameter, in: .path, required: true, description: "Project key, e.g. ATC")
        self.notFound = .problem(404, "No such project or \(things), or the caller is not a member")
    }

    public func op(_ id: String, _ summary: String, _ parameters: [OpenAPIOperation.Parameter], body: JSONSchema? = nil,
                   _ responses: [OpenAPIOperation.Response]) -> OpenAPIOperation
    {
        OpenAPIOperation(id, summary: summary, tag: tag, parameters: [project] + parameters, requestBody: body,
                         responses: responses + [Self.refused, notFound], security: ["bearer"])
    }
}
