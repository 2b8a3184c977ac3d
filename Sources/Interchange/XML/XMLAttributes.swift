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
/// tag). A value that needed no decoding is not copied at all: it is read where it lies in the tokenizer's buffer,
/// which stays put until the handler returns. A handler that keeps attributes past the call takes a `snapshot()`.
final class XMLAttributes {
    private struct Entry {
        /// Id in the name table, or `-1 - index` into `unlistedNames`.
        var id: Int
        /// Where the value lies: in the tokenizer's buffer, or (nil) at `offset` in `owned`.
        var start: UnsafePointer<UInt8>?
        var offset: Int
        var count: Int
    }

    private let table: XMLNameTable
    @exclusivity(unchecked) private var entries: [Entry] = []
    @exclusivity(unchecked) private var unlistedNames: [String] = []
    /// Decoded values (references resolved, white space normalised): raw memory, so reading one retains nothing.
    @exclusivity(unchecked) private var owned: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var ownedCapacity = 256
    @exclusivity(unchecked) private var ownedCount = 0
    /// Which of the name ids below 64 the tag has.
    @exclusivity(unchecked) private var present: UInt64 = 0

    init(table: XMLNameTable) {
        self.table = table
        owned = .allocate(capacity: ownedCapacity)
    }

    deinit { owned.deallocate() }

    /// A copy that keeps these attributes, values included, while the tokenizer moves on.
    func snapshot() -> XMLAttributes {
        let copy = XMLAttributes(table: table)
        copy.unlistedNames = unlistedNames
        for index in entries.indices {
            withBytes(at: index) { copy.append(id: entries[index].id, unlisted: nil, value: $0) }
        }
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
        let entry = entries[index]
        return try body(UnsafeBufferPointer(start: entry.start ?? UnsafePointer(owned + entry.offset), count: entry.count))
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

    /// The value of attribute `id`, its string shared through `cache` with the same value read before.
    func value(id: Int, cache: inout XMLStringCache) -> String? {
        guard let index = index(of: id) else { return nil }
        return withBytes(at: index) { cache.string($0) }
    }

    /// Whether the tag has the attribute already: by id for a listed name (a bit each for the first 64 ids, the
    /// seeded names and the common ones), by name for an unlisted one.
    @inline(__always)
    func contains(id: Int, unlisted name: String?) -> Bool {
        if let name { return unlistedNames.contains(name) }
        if id < 64 { return present & (1 << UInt64(id)) != 0 }
        return index(of: id) != nil
    }

    /// Appends a value under a listed name's id, or under `unlisted` (its name) when the table had no room; the
    /// value is copied.
    @inline(__always)
    func append(id: Int, unlisted name: String?, value: UnsafeBufferPointer<UInt8>) {
        if ownedCount + value.count > ownedCapacity {
            let capacity = max(ownedCapacity * 2, ownedCount + value.count)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: owned, count: ownedCount)
            owned.deallocate()
            owned = grown
            ownedCapacity = capacity
        }
        if let source = value.baseAddress { (owned + ownedCount).update(from: source, count: value.count) }
        entries.append(Entry(id: listed(id, name), start: nil, offset: ownedCount, count: value.count))
        note(id, name)
        ownedCount += value.count
    }

    /// Appends a value that stays where it is (in the tokenizer's buffer) until the attributes are cleared.
    @inline(__always)
    func append(id: Int, unlisted name: String?, inPlace value: UnsafeBufferPointer<UInt8>) {
        guard let start = value.baseAddress else { return append(id: id, unlisted: name, value: value) }
        entries.append(Entry(id: listed(id, name), start: start, offset: 0, count: value.count))
        note(id, name)
    }

    @inline(__always)
    private func note(_ id: Int, _ name: String?) {
        if name == nil && id >= 0 && id < 64 { present |= 1 << UInt64(id) }
    }

    @inline(__always)
    private func listed(_ id: Int, _ name: String?) -> Int {
        guard let name else { return id }
        unlistedNames.append(name)
        return -unlistedNames.count
    }

    @inline(__always)
    func removeAll() {
        guard !entries.isEmpty else { return }
        entries.removeAll(keepingCapacity: true)
        present = 0
        if !unlistedNames.isEmpty { unlistedNames.removeAll(keepingCapacity: true) }
        ownedCount = 0
    }

    /// The attributes ordered by name, as the verbatim capture of XHTML writes them.
    var sorted: [(name: String, value: String)] {
        zip(names, values).map { (name: $0, value: $1) }.sorted { $0.name < $1.name }
    }
}
