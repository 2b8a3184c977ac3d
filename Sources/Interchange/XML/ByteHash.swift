/// A fast seeded hash of a byte string, for the reader's tables (`ReqIFIdentifierTable`, `XMLStringCache`):
/// eight bytes at a time, multiplied and folded in the manner of wyhash, the tail byte by byte. Seeded per table,
/// so a file cannot be crafted to make every key collide for all readers.
enum ByteHash {
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var hash = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = mix(word ^ 0xA076_1D64_78BD_642F, hash ^ 0xE703_7ED1_A0B4_28DB)
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(base[offset]) << shift
            shift += 8
            offset += 1
        }
        return mix(tail ^ 0x8EBC_6AF0_9C88_C6E3, hash ^ 0x5899_65CC_7537_4CC3)
    }

    /// The high and low halves of the 128-bit product, xored.
    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
}
