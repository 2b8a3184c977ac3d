import Foundation
import Vapor

/// A page request read from `?limit=&cursor=`: limit 1…200 (default 50), cursor opaque.
public struct PageRequest: Sendable, Equatable {
    public static let defaultLimit = 50
    public static let maximumLimit = 200

    public var limit: Int
    public var cursor: Cursor?

    public init(limit: Int = PageRequest.defaultLimit, cursor: Cursor? = nil) {
        self.limit = limit
        self.cursor = cursor
    }

    /// Parses the query; bad values are a 422 naming the parameter, never a silent default.
    public static func parse(limit rawLimit: String?, cursor rawCursor: String?) throws -> PageRequest {
        var errors: [ProblemDetails.FieldError] = []
        var limit = defaultLimit
        if let rawLimit {
            if let value = Int(rawLimit), (1...maximumLimit).contains(value) {
                limit = value
            } else {
                errors.append(.init(field: "limit", reason: "must be a whole number from 1 to \(maximumLimit)"))
            }
        }
        var cursor: Cursor?
        if let rawCursor, !rawCursor.isEmpty {
            cursor = Cursor(encoded: rawCursor)
            if cursor == nil { errors.append(.init(field: "cursor", reason: "is not a cursor this API issued")) }
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return PageRequest(limit: limit, cursor: cursor)
    }

    public static let openAPIParameters: [OpenAPIOperation.Parameter] = [
        .init(name: "limit", in: .query, description: "Items per page (1–200, default 50)",
              schema: .integer(minimum: 1, maximum: maximumLimit)),
        .init(name: "cursor", in: .query, description: "The `next_cursor` of the previous page"),
    ]
}

extension Request {
    /// The page request of this request's query string.
    public func pageRequest() throws -> PageRequest {
        try PageRequest.parse(limit: query[String.self, at: "limit"], cursor: query[String.self, at: "cursor"])
    }
}

/// A position in a keyset-ordered list: the sort values of the last item returned. Encoded as base64url JSON,
/// opaque to clients. A cursor grants nothing: every list query still filters by the caller's rights.
public struct Cursor: Sendable, Equatable, Codable {
    public var values: [String]

    public init(values: [String]) { self.values = values }

    public init?(encoded: String) {
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard encoded.count <= 1024, let data = Data(base64Encoded: base64),
            let decoded = try? JSONDecoder().decode([String].self, from: data), !decoded.isEmpty
        else { return nil }
        self.values = decoded
    }

    public var encoded: String {
        let data = (try? JSONEncoder().encode(values)) ?? Data("[]".utf8)
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// One page of a list response.
public struct Page<Item: Content>: Content {
    public var items: [Item]
    public var nextCursor: String?
    public var limit: Int

    enum CodingKeys: String, CodingKey {
        case items, limit
        case nextCursor = "next_cursor"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decode([Item].self, forKey: .items)
        nextCursor = try container.decodeIfPresent(String.self, forKey: .nextCursor)
        limit = try container.decode(Int.self, forKey: .limit)
    }

    /// `next_cursor` is always present, `null` on the last page, as the schema says.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
        try container.encode(limit, forKey: .limit)
    }

    /// Builds a page from `limit + 1` fetched rows: the extra row only tells that another page exists.
    public init<Row>(rows: [Row], request: PageRequest, cursorValues: (Row) -> [String], map: (Row) throws -> Item)
        rethrows
    {
        let pageRows = Array(rows.prefix(request.limit))
        self.items = try pageRows.map(map)
        self.limit = request.limit
        self.nextCursor = rows.count > request.limit ? pageRows.last.map { Cursor(values: cursorValues($0)).encoded } : nil
    }

    public static func schema(of item: JSONSchema) -> JSONSchema {
        .object([
            ("items", .array(item)),
            ("next_cursor", .nullable(.string(description: "Pass as `cursor` to get the next page; null on the last"))),
            ("limit", .integer()),
        ], required: ["items", "next_cursor", "limit"])
    }
}
