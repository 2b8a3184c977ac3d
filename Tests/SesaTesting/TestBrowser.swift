import Foundation
import NIOHTTP1
import Platform
import Vapor
import VaporTesting

/// A browser for tests: keeps cookies between requests, sends the CSRF token of the last page with forms.
public final class TestBrowser {
    public let app: Application
    public private(set) var cookies: [String: String] = [:]
    public private(set) var csrfToken: String?
    /// Every `Set-Cookie` header received, for attribute checks.
    public private(set) var setCookieHeaders: [String] = []

    public init(_ app: Application) { self.app = app }

    @discardableResult
    public func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a form. With `csrf: true` the token of the last HTML page (fetched from `/login` if none) is added.
    @discardableResult
    public func post(_ path: String, form: [String: String], csrf: Bool = true, headers: HTTPHeaders = [:])
        async throws -> TestingHTTPResponse
    {
        var fields = form
        if csrf {
            if csrfToken == nil { try await get("/login") }
            fields["_csrf"] = csrfToken
        }
        var headers = headers
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: Self.encode(fields))
    }

    /// Posts a form whose names repeat (`action[]` rows), in the order given, with the CSRF token.
    @discardableResult
    public func post(_ path: String, pairs: [(String, String)]) async throws -> TestingHTTPResponse {
        if csrfToken == nil { try await get("/login") }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = (pairs + [("_csrf", csrfToken ?? "")]).map {
            $0.0.addingPercentEncoding(withAllowedCharacters: allowed)! + "=" + $0.1.addingPercentEncoding(withAllowedCharacters: allowed)!
        }.joined(separator: "&")
        return try await send(.POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: body)
    }

    /// Posts a multipart form with one file, as a browser's upload form does (CSRF token included).
    @discardableResult
    public func upload(_ path: String, fields: [String: String] = [:], file: (field: String, name: String, content: String))
        async throws -> TestingHTTPResponse
    {
        if csrfToken == nil { try await get("/login") }
        let boundary = "sesa-test-" + UUID().uuidString
        var body = ""
        for (name, value) in fields.merging(["_csrf": csrfToken ?? ""], uniquingKeysWith: { a, _ in a }).sorted(by: { $0.key < $1.key }) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n\(file.content)\r\n--\(boundary)--\r\n"
        return try await send(.POST, path, headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: body)
    }

    public func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: String?) async throws
        -> TestingHTTPResponse
    {
        var headers = headers
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: "; "))
        }
        let response = try await app.send(method, path, headers: headers, body: body)
        for header in response.headers[.setCookie] {
            setCookieHeaders.append(header)
            let pair = header.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
            let expired = header.lowercased().contains("max-age=0") || value.isEmpty
            if expired { cookies[name] = nil } else { cookies[name] = value }
        }
        if let match = response.text.firstMatch(of: /name="_csrf" value="([^"]+)"/) {
            csrfToken = String(match.1)
        }
        return response
    }

    public func forget(cookie name: String) { cookies[name] = nil }
    public func set(cookie name: String, _ value: String) { cookies[name] = value }

    static func encode(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.sorted { $0.key < $1.key }.map { key, value in
            key.addingPercentEncoding(withAllowedCharacters: allowed)! + "="
                + value.addingPercentEncoding(withAllowedCharacters: allowed)!
        }.joined(separator: "&")
    }
}

extension TestingHTTPResponse {
    /// The `Location` of a redirect.
    public var location: String? { headers.first(name: .location) }
}
