import Foundation

/// Element and attribute names, interned: a ReqIF file repeats a few dozen names millions of times, and a shared
/// string compares by identity and costs no allocation. Each interned name also has a small number (`id`, below
/// `XMLNameTable.capacity`) a handler can index arrays with instead of comparing strings. Open addressing on an
/// hash of the length and the first and last eight bytes (names differ there), kept in flat arrays so a lookup retains nothing. A file with absurdly many distinct
/// names stops filling the table (further names get the id -1 and allocate like any parser) rather than growing
/// it without bound.
struct XMLNameTable {
    static let capacity = 512

    /// Entry index per slot, -1 for empty; twice the capacity so probes stay short.
    private var slots = [Int32](repeating: -1, count: 2 * capacity)
    private var hashes: [UInt32] = []
    private var offsets: [Int] = []
    private var lengths: [Int] = []
    private var bytes: [UInt8] = []
    private var strings: [String] = []

    /// A table whose first ids are `seeded`'s names, in order, so a handler can know them before the parse.
    init(seeded: [String] = []) {
        for name in seeded {
            let bytes = Array(name.utf8)
            _ = bytes.withUnsafeBufferPointer { self.name($0.baseAddress!, count: $0.count) }
        }
    }

    /// The string and id for `count` bytes at `start`, or nil when they are not UTF-8.
    mutating func name(_ start: UnsafePointer<UInt8>, count: Int) -> (string: String, id: Int)? {
        let hash = Self.hash(start, count)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while case let entry = Int(slots[slot]), entry >= 0 {
            if hashes[entry] == hash && lengths[entry] == count
                && bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + offsets[entry], start, count) == 0 }) {
                return (strings[entry], entry)
            }
            slot = (slot + 1) & mask
        }
        let buffer = UnsafeBufferPointer(start: start, count: count)
        guard let string = UTF8Text.string(buffer) else { return nil }
        guard strings.count < Self.capacity else { return (string, -1) }
        slots[slot] = Int32(strings.count)
        hashes.append(hash)
        offsets.append(bytes.count)
        lengths.append(count)
        bytes.append(contentsOf: buffer)
        strings.append(string)
        return (string, strings.count - 1)
    }

    /// The length and the first and last eight bytes, mixed; shorter names byte by byte (FNV-1a). Equal hashes
    /// are confirmed with memcmp, so this only has to spread ReqIF's few dozen names well.
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
