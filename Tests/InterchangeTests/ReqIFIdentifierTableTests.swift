import Foundation
@testable import Interchange
import Testing

/// The reader's identifier table: entries found by their bytes and by string, repeats reported with the first
/// entry, definitions replaced in place, and nothing lost when the table grows far past its first size.
@Suite struct ReqIFIdentifierTableTests {
    static func insert(_ table: inout ReqIFIdentifierTable, _ key: String, line: Int, _ kind: ReqIFDefinition.Kind) -> (index: Int, inserted: Bool) {
        var key = key
        return key.withUTF8 { table.insert($0, ReqIFDefinition(line: line, kind: kind)) }
    }

    @Test func entriesAreFoundByBytesAndByStringAndRepeatsKeepTheFirst() {
        var table = ReqIFIdentifierTable(expected: 2)
        let first = Self.insert(&table, "_9dfa817c-bae7-4b33-b3df-7815500b0ff7", line: 3, .specObject)
        let second = Self.insert(&table, "o-1", line: 4, .hierarchy)
        #expect(first.inserted && second.inserted && first.index != second.index)
        let again = Self.insert(&table, "o-1", line: 9, .specObject)
        #expect(!again.inserted && again.index == second.index && table.definitions[again.index].line == 4)
        table.setDefinition(ReqIFDefinition(line: 9, kind: .specObject), at: again.index)
        #expect(table["o-1"]?.kind == .specObject && table["o-1"]?.line == 9)
        #expect(table["_9dfa817c-bae7-4b33-b3df-7815500b0ff7"]?.line == 3)
        #expect(table["o-2"] == nil && table["o-"] == nil && table[""] == nil)
        #expect(table.keys == ["_9dfa817c-bae7-4b33-b3df-7815500b0ff7", "o-1"] && table.count == 2)
        let bytes = Array("o-1".utf8)
        #expect(bytes.withUnsafeBufferPointer { table.index(of: $0) } == second.index)
    }

    @Test func growingKeepsEveryEntry() {
        var table = ReqIFIdentifierTable()
        let keys = (0..<20_000).map { $0.isMultiple(of: 3) ? "obj-\($0)" : "_\(UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", $0))!.uuidString)" }
        for (line, key) in keys.enumerated() { #expect(Self.insert(&table, key, line: line, .specObject).inserted) }
        #expect(table.count == keys.count)
        for (line, key) in keys.enumerated() where line.isMultiple(of: 97) { #expect(table[key]?.line == line) }
        #expect(keys.allSatisfy { table[$0] != nil })
        #expect(table["obj-1"] == nil && table["obj-20001"] == nil)
    }
}
