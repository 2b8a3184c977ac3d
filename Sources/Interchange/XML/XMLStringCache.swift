/// Strings for attribute values that repeat: DOORS writes the same DESC and LONG-NAME on every attribute definition
/// of every type (one 286 KB export: 320 descriptions, 2 different), and each string past 15 bytes is an allocation,
/// a release and memory held by the document. Direct-mapped and fixed in size: a value seen again while its slot
/// still holds it shares that string; any other is made as usual and takes the slot, so memory does not grow with
/// the file and a file of unique values pays a hash per value.
struct XMLStringCache {
    /// The hash of the string in each slot, with the low bit set (0: empty).
    private var hashes: [UInt64]
    private var strings: [String]
    private let seed = UInt64.random(in: 1...UInt64.max)

    init(slots: Int = 256) {
        precondition(slots > 0 && slots & (slots - 1) == 0, "a power of two")
        hashes = [UInt64](repeating: 0, count: slots)
        strings = [String](repeating: "", count: slots)
    }

    /// The string of `bytes` (valid UTF-8), shared with the last value of the same bytes when the slot kept it.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Up to 15 bytes a string is stored inline and costs no allocation.
        guard bytes.count > 15, let base = bytes.baseAddress else { return String(decoding: bytes, as: UTF8.self) }
        let hash = ByteHash.hash(bytes, seed: seed) | 1
        let slot = Int(truncatingIfNeeded: hash >> 7) & (hashes.count - 1)
        if hashes[slot] == hash {
            let same = strings[slot].utf8.withContiguousStorageIfAvailable {
                $0.count == bytes.count && XMLNameTable.equal($0.baseAddress!, base, bytes.count)
            } ?? false
            if same { return strings[slot] }
        }
        let string = String(decoding: bytes, as: UTF8.self)
        hashes[slot] = hash
        strings[slot] = string
        return string
    }
}
