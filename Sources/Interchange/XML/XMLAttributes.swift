import Foundation

/// The attributes of one start tag in document order, reused from tag to tag by `XMLTokenizer` (a dictionary per
/// element is most of what a general-purpose parser spends on ReqIF's attribute-heavy files). Tags carry a
/// handful of attributes, so a linear lookup beats hashing.
///
/// Values are kept as decoded, UTF-8-checked bytes and become strings only when a handler asks: ReqIF tools write
/// attributes on every element that a reader never needs as text (or needs as a boolean), and a string per value
/// was a fifth of a read. Names carry their number in the tokenizer's name table, so a handler that seeded the
/// table with the names it reads (`XMLTokenizer(names:)`) finds a value by comparing integers.
struct XMLAttributes {
    private(set) var names: [String] = []
    private var ids: [Int] = []
    private var ends: [Int] = []
    private var bytes = ByteBuffer()

    var count: Int { names.count }
    var isEmpty: Bool { names.isEmpty }

    /// The values in document order, as strings.
    var values: [String] { names.indices.map(value(at:)) }

    subscript(_ name: String) -> String? {
        for index in names.indices where names[index] == name { return value(at: index) }
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
        for index in ids.indices where ids[index] == id { return index }
        return nil
    }

    func value(at index: Int) -> String {
        withBytes(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    func withBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = index == 0 ? 0 : ends[index - 1]
        let stop = ends[index]
        return try bytes.withUnsafeBytes { try body(UnsafeBufferPointer(rebasing: $0[start..<stop])) }
    }

    /// The value of attribute `id`, reusing `cached` when the bytes are the same: tools repeat some values on every
    /// element (DOORS writes one LAST-CHANGE throughout), and a shared string costs neither memory nor allocation.
    func value(id: Int, reusing cached: inout String?) -> String? {
        guard let index = index(of: id) else { return nil }
        let same = withBytes(at: index) { value -> Bool in
            guard var cachedValue = cached else { return false }
            return cachedValue.withUTF8 { $0.count == value.count && (value.isEmpty || memcmp($0.baseAddress!, value.baseAddress!, value.count) == 0) }
        }
        if same { return cached }
        let string = value(at: index)
        cached = string
        return string
    }

    /// Whether attribute `id` is present (its name was seen before in this tag), for the duplicate check.
    func contains(name: String, id: Int) -> Bool {
        if id >= 0 { return index(of: id) != nil }
        return names.contains(name)
    }

    mutating func append(_ name: String, id: Int, value: UnsafeBufferPointer<UInt8>) {
        names.append(name)
        ids.append(id)
        bytes.append(value)
        ends.append(bytes.count)
    }

    mutating func removeAll() {
        guard !names.isEmpty else { return }
        names.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        bytes.removeAll()
    }

    /// The attributes ordered by name, as the verbatim capture of XHTML writes them.
    var sorted: [(name: String, value: String)] {
        zip(names, values).map { (name: $0, value: $1) }.sorted { $0.name < $1.name }
    }
}
