import Fluent
import Foundation
@testable import Platform
import SesaTesting
import Testing

/// Positional reads straight from the drivers, and the UUID parser that replaces Foundation's on the hot path.
@Suite struct RowStreamTests {
    @Test func theUUIDParserAcceptsBothCasesAndRefusesAnythingElse() {
        let id = UUID()
        #expect(RowStream.parseUUID(id.uuidString) == id)
        #expect(RowStream.parseUUID(id.uuidString.lowercased()) == id)
        #expect(RowStream.parseUUID("00000000-0000-0000-0000-000000000000") == UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        for bad in ["", "not a uuid", String(id.uuidString.dropLast()), id.uuidString + "0",
                    id.uuidString.replacingOccurrences(of: "-", with: ""), "G" + id.uuidString.dropFirst(),
                    id.uuidString.replacingOccurrences(of: "-", with: "_"), "É" + id.uuidString.dropFirst(2)] {
            #expect(RowStream.parseUUID(bad) == nil, "\(bad)")
            #expect(UUID(uuidString: bad) == nil, "Foundation agrees on \(bad)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func rowsAreReadByPositionWithBoundParameters(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            var ids: [String: UUID] = [:]
            for name in ["Alpha", "Beta", "Gamma"] {
                let program = Program(name: name, description: "")
                try await program.create(on: app.db)
                ids[name] = try program.requireID()
            }
            struct Out: Sendable, Equatable { let id: UUID; let name: String; let number: Int; let missing: UUID? }
            let rows = try await RowStream.map(
                "SELECT id, name, CAST(42 AS BIGINT) AS number, CAST(NULL AS TEXT) AS missing FROM programs "
                    + "WHERE name <> $1 AND id <> $2 ORDER BY name",
                [.string("Alpha"), .uuid(try #require(ids["Gamma"]))], on: app.db
            ) { row in
                Out(id: try row.uuid(0), name: try row.string(1), number: try row.int(2), missing: try row.optionalUUID(3))
            }
            #expect(rows == [Out(id: try #require(ids["Beta"]), name: "Beta", number: 42, missing: nil)])
            let none = try await RowStream.map("SELECT id FROM programs WHERE name = $1", [.string("Nobody")], on: app.db) { try $0.uuid(0) }
            #expect(none.isEmpty)
            await #expect(throws: (any Error).self) {
                _ = try await RowStream.map("SELECT name FROM programs", on: app.db) { try $0.uuid(0) }
            }
        }
    }
}
