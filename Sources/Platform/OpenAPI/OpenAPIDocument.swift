import Vapor

/// Builds the OpenAPI 3.1 document from the routes' attached `OpenAPIOperation`s and the named schemas that
/// modules register.
public enum OpenAPIDocument {
    public static func build(routes: [Route], schemas: [(String, JSONSchema)], version: String) -> JSONValue {
        var paths: [(String, [(String, JSONValue)])] = []
        for route in routes {
            guard let operation = route.openAPIOperation else { continue }
            let path = openAPIPath(route.path)
            let entry = (route.method.rawValue.lowercased(), json(operation))
            if let index = paths.firstIndex(where: { $0.0 == path }) {
                paths[index].1.append(entry)
            } else {
                paths.append((path, [entry]))
            }
        }
        paths.sort { $0.0 < $1.0 }
        return .object([
            ("openapi", .string("3.1.0")),
            ("info", .object([
                ("title", .string("SESA API")),
                ("version", .string(version)),
                ("description", .string(
                    "Systems Engineering & Safety Assurance. Errors are RFC 9457 problem documents; lists are "
                        + "cursor-paginated (`limit`, `cursor`, `next_cursor`).")),
            ])),
            ("paths", .object(paths.map { ($0.0, .object($0.1)) })),
            ("components", .object([
                ("schemas", .object(schemas.sorted { $0.0 < $1.0 }.map { ($0.0, $0.1.json) })),
                ("securitySchemes", .object([
                    ("bearer", .object([
                        ("type", .string("http")), ("scheme", .string("bearer")), ("bearerFormat", .string("JWT")),
                        ("description", .string(
                            "An access token from POST /api/v1/auth/login (15 minutes; renew with /api/v1/auth/refresh), "
                                + "or a personal access token (`sesa_pat_…`) bound to one project and role")),
                    ])),
                    ("metricsToken", .object([
                        ("type", .string("http")), ("scheme", .string("bearer")),
                        ("description", .string("The value of SESA_METRICS_TOKEN")),
                    ])),
                ])),
            ])),
        ])
    }

    /// `api/v1/jobs/:id` → `/api/v1/jobs/{id}`.
    public static func openAPIPath(_ components: [PathComponent]) -> String {
        "/" + components.map { component -> String in
            switch component {
            case .constant(let value): return value
            case .parameter(let name): return "{\(name)}"
            case .anything: return "{any}"
            case .catchall: return "{path}"
            }
        }.joined(separator: "/")
    }

    static func json(_ operation: OpenAPIOperation) -> JSONValue {
        var object: [(String, JSONValue)] = [
            ("operationId", .string(operation.operationID)),
            ("summary", .string(operation.summary)),
            ("tags", .array([.string(operation.tag)])),
        ]
        if !operation.parameters.isEmpty {
            object.append(("parameters", .array(operation.parameters.map { parameter in
                .object([
                    ("name", .string(parameter.name)),
                    ("in", .string(parameter.location.rawValue)),
                    ("required", .bool(parameter.required || parameter.location == .path)),
                    ("description", .string(parameter.description)),
                    ("schema", parameter.schema.json),
                ])
            })))
        }
        if let body = operation.requestBody {
            object.append(("requestBody", .object([
                ("required", .bool(true)),
                ("content", .object([("application/json", .object([("schema", body.json)]))])),
            ])))
        }
        object.append(("responses", .object(operation.responses.map { response in
            var value: [(String, JSONValue)] = [("description", .string(response.description))]
            if !response.content.isEmpty {
                value.append(("content", .object(response.content.map { ($0.0, .object([("schema", $0.1.json)])) })))
            }
            return (String(response.status), .object(value))
        })))
        if !operation.security.isEmpty {
            object.append(("security", .array(operation.security.map { .object([($0, .array([]))]) })))
        }
        return .object(object)
    }
}

extension Application {
    private struct SchemasKey: StorageKey { typealias Value = [(String, JSONSchema)] }

    /// Named schemas referenced with `.ref(name)` from operations.
    public func registerSchema(_ name: String, _ schema: JSONSchema) {
        storage[SchemasKey.self] = openAPISchemas.filter { $0.0 != name } + [(name, schema)]
    }

    public var openAPISchemas: [(String, JSONSchema)] { storage[SchemasKey.self] ?? [] }

    public func openAPIDocument() -> JSONValue {
        OpenAPIDocument.build(routes: routes.all, schemas: openAPISchemas, version: SesaVersion.current)
    }
}
