import Foundation

/// Element and attribute names, interned: a ReqIF file repeats a few dozen names millions of times. Each interned
/// name has a small number (`id`, below `XMLNameTable.capacity`) that the tokenizer's stack, the attribute list and
/// a handler's dispatch use instead of the string, so no string is retained or compared per element. Open
/// addressing on a hash of the length and the first and last eight bytes (names differ there), kept in flat
/// arrays so a lookup retains nothing. A file with absurdly many distinct names stops filling the table rather
/// than growing it without bound: the tokenizer then keeps the names of such open elements on `overflow`.
final class XMLNameTable {
    static let capacity = 512

    /// Entry index per slot, -1 for empty; twice the capacity so probes stay short.
    @exclusivity(unchecked) fileprivate var slots = [Int32](repeating: -1, count: 2 * capacity)
    @exclusivity(unchecked) fileprivate var hashes: [UInt32] = []
    @exclusivity(unchecked) fileprivate var offsets: [Int] = []
    @exclusivity(unchecked) fileprivate var bytes: [UInt8] = []
    @exclusivity(unchecked) fileprivate(set) var strings: [String] = []
    /// Names of open elements the table had no room for, outermost first; such an element has the id
    /// `-1 - index` here while it is open.
    @exclusivity(unchecked) var overflow: [String] = []

    /// `lookup`'s answer for a UTF-8 name the full table does not hold.
    static let unlisted = -1

    /// A table whose first ids are `seed`'s names, in order, so a handler can know them before the parse.
    init(seed: Seed = .empty) {
        slots = seed.slots
        hashes = seed.hashes
        offsets = seed.offsets
        bytes = seed.bytes
        strings = seed.strings
    }

    /// The names a table starts with, entered once and shared: a table made from it shares its arrays until it
    /// enters a name of its own, so a reader seeded with a hundred names pays nothing per file for them.
    struct Seed: Sendable {
        fileprivate let slots: [Int32]
        fileprivate let hashes: [UInt32]
        fileprivate let offsets: [Int]
        fileprivate let bytes: [UInt8]
        fileprivate let strings: [String]

        static let empty = Seed([])

        /// `names` get the ids 0, 1, … in this order (a repeated name keeps its first id).
        init(_ names: [String]) {
            let table = XMLNameTable(empty: ())
            for name in names {
                let bytes = Array(name.utf8)
                _ = bytes.withUnsafeBufferPointer { table.lookup($0.baseAddress!, count: $0.count) }
            }
            slots = table.slots
            hashes = table.hashes
            offsets = table.offsets
            bytes = table.bytes
            strings = table.strings
        }

        var count: Int { strings.count }
    }

    /// An empty table, for making a seed.
    private init(empty: Void) {}

    /// The id of `count` bytes at `start` (entering them when new and there is room), `unlisted` when the table
    /// is full, nil when they are not UTF-8.
    @inline(__always)
    func lookup(_ start: UnsafePointer<UInt8>, count: Int) -> Int? {
        let hash = Self.hash(start, count)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while case let entry = Int(slots[slot]), entry >= 0 {
            if hashes[entry] == hash && offsets[entry + 1] - offsets[entry] == count
                && bytes.withUnsafeBufferPointer({ Self.equal($0.baseAddress! + offsets[entry], start, count) }) {
                return entry
            }
            slot = (slot + 1) & mask
        }
        return enter(start, count: count, hash: hash, slot: slot)
    }

    private func enter(_ start: UnsafePointer<UInt8>, count: Int, hash: UInt32, slot: Int) -> Int? {
        let buffer = UnsafeBufferPointer(start: start, count: count)
        guard UTF8Text.isValid(buffer) else { return nil }
        guard strings.count < Self.capacity else { return Self.unlisted }
        if offsets.isEmpty { offsets.append(0) }
        slots[slot] = Int32(strings.count)
        hashes.append(hash)
        bytes.append(contentsOf: buffer)
        offsets.append(bytes.count)
        strings.append(String(decoding: buffer, as: UTF8.self))
        return strings.count - 1
    }

    /// Byte equality inline, eight at a time: names are short, and a `memcmp` call per element was measurable.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let left = UnsafeRawPointer(a), right = UnsafeRawPointer(b)
        var offset = 0
        while offset + 8 <= count {
            if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
            offset += 8
        }
        while offset < count {
            if a[offset] != b[offset] { return false }
            offset += 1
        }
        return true
    }

    /// The length in bytes of the name with `id` (a listed one).
    @inline(__always)
    func length(of id: Int) -> Int { offsets[id + 1] - offsets[id] }

    /// Whether `count` bytes at `start` are the name with `id` (a listed one), compared without hashing: an end
    /// tag names the element it closes, so this is the whole check in a well-formed file.
    @inline(__always)
    func isName(_ id: Int, _ start: UnsafePointer<UInt8>, count: Int) -> Bool {
        let offset = offsets[id]
        return offsets[id + 1] - offset == count && bytes.withUnsafeBufferPointer { Self.equal($0.baseAddress! + offset, start, count) }
    }

    /// The name with `id`: an interned one, or an open element's on `overflow`.
    func string(_ id: Int) -> String {
        id >= 0 ? strings[id] : overflow[-1 - id]
    }

    /// The length and the first and last eight bytes, mixed; shorter names byte by byte (FNV-1a). Equal hashes
    /// are confirmed with memcmp, so this only has to spread ReqIF's few dozen names well.
    @inline(__always)
    private static func hash(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt32 {
        guard count >= 8 else {
            var hash: UInt32 = 2_166_136_261
            for index in 0..<count { hash = (hash ^ UInt32(start[index])) &* 16_777_619 }
            return hash
        }
        let raw = UnsafeRawPointer(start)
        let first = raw.loadUnaligned(as: UInt64.self)
        let last = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        var mixed = (first &* 0x9E37_79B9_7F4A_7C15) ^ (last &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
        mixed ^= mixed >> 29
        mixed = mixed &* 0xBF58_476D_1CE4_E5B9
        mixed ^= mixed >> 32
        return UInt32(truncatingIfNeeded: mixed)
    }
}

/// An element's name as the tokenizer hands it to a handler: its id in the name table, and the string on demand.
/// Valid during the handler call only (it does not keep the table alive, which spares a retain per element).
struct XMLName {
    let id: Int
    unowned(unsafe) let table: XMLNameTable

    var string: String { table.string(id) }
}
