import Fluent
import Foundation
@testable import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting

@Suite struct PaginationTests {
    @Test func parsesLimitsAndCursors() throws {
        #expect(try PageRequest.parse(limit: nil, cursor: nil) == PageRequest(limit: 50, cursor: nil))
        let cursor = Cursor(values: ["SYS-REQ-042", "b1e2"])
        #expect(try PageRequest.parse(limit: "200", cursor: cursor.encoded) == PageRequest(limit: 200, cursor: cursor))
        #expect(Cursor(encoded: cursor.encoded) == cursor)
        #expect(!cursor.encoded.contains("=") && !cursor.encoded.contains("+") && !cursor.encoded.contains("/"))
    }

    @Test(arguments: [("0", "limit"), ("201", "limit"), ("ten", "limit")])
    func refusesBadLimits(limit: String, field: String) {
        #expect(throws: ValidationFailure.self) { try PageRequest.parse(limit: limit, cursor: nil) }
        do {
            _ = try PageRequest.parse(limit: limit, cursor: "%%%")
        } catch let failure as ValidationFailure {
            #expect(failure.fieldErrors.map(\.field) == ["limit", "cursor"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func pageKeepsTheExtraRowOutAndPointsPastTheLastItem() throws {
        struct Item: Content { var key: String }
        let rows = ["A", "B", "C"]
        let page = Page<Item>(rows: rows, request: PageRequest(limit: 2), cursorValues: { [$0] }, map: { Item(key: $0) })
        #expect(page.items.map(\.key) == ["A", "B"])
        #expect(page.nextCursor.flatMap(Cursor.init(encoded:)) == Cursor(values: ["B"]))
        let last = Page<Item>(rows: ["C"], request: PageRequest(limit: 2), cursorValues: { [$0] }, map: { Item(key: $0) })
        #expect(last.nextCursor == nil)
        let json = String(decoding: try JSONCoding.encoder.encode(last), as: UTF8.self)
        #expect(json == #"{"items":[{"key":"C"}],"limit":2,"next_cursor":null}"#)
    }

    /// Keyset paging over a real table on both databases: every row exactly once, in order.
    @Test(arguments: TestDatabase.all)
    func keysetPagingVisitsEveryRowOnce(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            // setup
            try await PagedThing.migration.prepare(on: app.db)
            let keys = (1...23).map { String(format: "REQ-%03d", $0) }.shuffled()
            for key in keys { try await PagedThing(key: key).create(on: app.db) }
            // act
            var seen: [String] = []
            var cursor: Cursor?
            var pages = 0
            repeat {
                let request = PageRequest(limit: 10, cursor: cursor)
                var query = PagedThing.query(on: app.db).sort(\.$key).limit(request.limit + 1)
                if let after = request.cursor?.values.first { query = query.filter(\.$key > after) }
                let rows = try await query.all()
                let page = Page<PagedThing.DTO>(rows: rows, request: request, cursorValues: { [$0.key] }, map: { .init(key: $0.key) })
                seen += page.items.map(\.key)
                cursor = page.nextCursor.flatMap(Cursor.init(encoded:))
                pages += 1
            } while cursor != nil
            // validate
            #expect(seen == keys.sorted())
            #expect(pages == 3)
        }
    }
}

/// A table that exists only in this test.
final class PagedThing: Model, @unchecked Sendable {
    static let schema = "test_paged_things"
    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    init() {}
    init(key: String) { self.key = key }

    struct DTO: Content { var key: String }

    struct Create: AsyncMigration {
        func prepare(on database: any Database) async throws {
            try await database.schema(PagedThing.schema).id().field("key", .string, .required).unique(on: "key").create()
        }
        func revert(on database: any Database) async throws { try await database.schema(PagedThing.schema).delete() }
    }

    static let migration = Create()
}
