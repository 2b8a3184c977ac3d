import Vapor

/// The start page (instance status) and its JSON twin.
enum HomeController {
    @Sendable static func show(_ request: Request) async throws -> Response {
        let status = await InstanceStatus.query(app: request.application)
        return request.render(HomePage(status: status), status: .ok)
    }

    @Sendable static func apiStatus(_ request: Request) async throws -> InstanceStatus {
        await InstanceStatus.query(app: request.application)
    }

    @Sendable static func openAPI(_ request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "application", subType: "json", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: request.application.openAPIDocument().serialized()))
    }
}
