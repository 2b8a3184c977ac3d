import Foundation

/// The attributes of one start tag in document order, reused from tag to tag by `XMLTokenizer` (a dictionary per
/// element is most of what a general-purpose parser spends on ReqIF's attribute-heavy files). Tags carry a
/// handful of attributes, so a linear lookup beats hashing.
///
/// Values are kept as decoded, UTF-8-checked bytes and become strings only when a handler asks: ReqIF tools write
/// attributes on every element that a reader never needs as text (or needs as a boolean), and a string per value
/// was a fifth of a read. Names are kept as their number in the tokenizer's name table (a name the full table
/// does not hold as a string of its own, with a negative number), so a handler that seeded the table with the
/// names it reads (`XMLTokenizer(names:)`) finds a value by comparing integers, and no name string is retained.
///
/// A class, reused: the tokenizer hands the same instance to every start tag, which costs no retain of its
/// storage per element (a struct passed from the tokenizer's property was copied, four retains and releases a
/// tag). A handler that keeps attributes past the call takes a `snapshot()`.
final class XMLAttributes {
    private struct Entry {
        /// Id in the name table, or `-1 - index` into `unlistedNames`.
        var id: Int
        /// Where the value ends in `bytes`.
        var end: Int
    }

    private let table: XMLNameTable
    @exclusivity(unchecked) private var entries: [Entry] = []
    @exclusivity(unchecked) private var unlistedNames: [String] = []
    @exclusivity(unchecked) private var bytes = ByteBuffer()

    init(table: XMLNameTable) {
        self.table = table
    }

    /// A copy that keeps these attributes while the tokenizer moves on.
    func snapshot() -> XMLAttributes {
        let copy = XMLAttributes(table: table)
        copy.entries = entries
        copy.unlistedNames = unlistedNames
        copy.bytes = bytes
        return copy
    }

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    /// The names in document order.
    var names: [String] { entries.indices.map(name(at:)) }

    /// The values in document order, as strings.
    var values: [String] { entries.indices.map(value(at:)) }

    func name(at index: Int) -> String {
        let id = entries[index].id
        return id >= 0 ? table.strings[id] : unlistedNames[-1 - id]
    }

    subscript(_ name: String) -> String? {
        for index in entries.indices where self.name(at: index) == name { return value(at: index) }
        return nil
    }

    /// The value of the attribute whose name has `id` in the name table.
    @inline(__always)
    subscript(id id: Int) -> String? {
        guard let index = index(of: id) else { return nil }
        return value(at: index)
    }

    @inline(__always)
    func index(of id: Int) -> Int? {
        for index in entries.indices where entries[index].id == id { return index }
        return nil
    }

    func value(at index: Int) -> String {
        withBytes(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    @inline(__always)
    func withBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = index == 0 ? 0 : entries[index - 1].end
        let stop = entries[index].end
        return try bytes.withUnsafeBytes { try body(UnsafeBufferPointer(rebasing: $0[start..<stop])) }
    }

    /// The value of attribute `id`, reusing `cached` when the bytes are the same: tools repeat some values on every
    /// element (DOORS writes one LAST-CHANGE throughout), and a shared string costs neither memory nor allocation.
    func value(id: Int, reusing cached: inout String?) -> String? {
        guard let index = index(of: id) else { return nil }
        let same = withBytes(at: index) { value -> Bool in
            cached?.utf8.withContiguousStorageIfAvailable {
                $0.count == value.count && (value.isEmpty || XMLNameTable.equal($0.baseAddress!, value.baseAddress!, value.count))
            } ?? false
        }
        if same { return cached }
        let string = value(at: index)
        cached = string
        return string
    }

    /// Whether the tag has the attribute already: by id for a listed name, by name for an unlisted one.
    func contains(id: Int, unlisted name: String?) -> Bool {
        if let name { return unlistedNames.contains(name) }
        return index(of: id) != nil
    }

    /// Appends a value under a listed name's id, or under `unlisted` (its name) when the table had no room.
    @inline(__always)
    func append(id: Int, unlisted name: String?, value: UnsafeBufferPointer<UInt8>) {
        var id = id
        if let name {
            unlistedNames.append(name)
            id = -unlistedNames.count
        }
        bytes.append(value)
        entries.append(Entry(id: id, end: bytes.count))
    }

    @inline(__always)
    func removeAll() {
        guard !entries.isEmpty else { return }
        entries.removeAll(keepingCapacity: true)
        if !unlistedNames.isEmpty { unlistedNames.removeAll(keepingCapacity: true) }
        bytes.removeAll()
    }

    /// The attributes ordered by name, as the verbatim capture of XHTML writes them.
    var sorted: [(name: String, value: String)] {
        zip(names, values).map { (name: $0, value: $1) }.sorted { $0.name < $1.name }
    }
}
