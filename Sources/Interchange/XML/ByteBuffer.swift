/// A growable byte buffer that empties by resetting its count. `ReqIFDocumentBuilder` collects each element's
/// text in one and empties it twice per element; `Array.removeAll(keepingCapacity:)` was a measurable share of a
/// whole read.
struct ByteBuffer {
    private var storage: [UInt8] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func removeAll() {
        count = 0
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        let offset = count
        let needed = offset + bytes.count
        if needed > storage.count { storage += repeatElement(0, count: max(needed, storage.count * 2, 256) - storage.count) }
        storage.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: offset).update(from: source, count: bytes.count) }
        count = needed
    }

    func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let count = count
        return try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
    }
}
