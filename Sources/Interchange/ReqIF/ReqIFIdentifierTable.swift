import Foundation

/// Every IDENTIFIER of a file with where and as what it is defined (`ReqIFDefinition`), looked up by the bytes the
/// tokenizer read: a reference that resolves gets the definition's own string without a string being made for
/// the reference, and a definition is hashed once. `[String: ReqIFDefinition]` cost a string per reference plus
/// SipHash per lookup — a tenth of reading a file whose objects are mostly references.
///
/// Open addressing over flat arrays, the keys' bytes in one arena, grown at half full. A slot holds the entry's
/// number and the high half of its hash, so a probe that misses touches no other array (with 100k identifiers,
/// each array touched is a cache miss). The hash is seeded per table, so a file cannot be crafted to make every
/// identifier collide for all readers.
struct ReqIFIdentifierTable {
    /// Entry number + 1 in the low half (0: empty), the hash's high half in the high half.
    private var slots: [UInt64]
    private var hashes: [UInt64] = []
    private var offsets: [Int] = [0]
    private var arena: [UInt8] = []
    private(set) var keys: [String] = []
    private(set) var definitions: [ReqIFDefinition] = []
    private let seed = UInt64.random(in: 1...UInt64.max)

    init(expected: Int = 0) {
        var size = 64
        while size < expected * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        keys.reserveCapacity(expected)
        definitions.reserveCapacity(expected)
        hashes.reserveCapacity(expected)
        offsets.reserveCapacity(expected + 1)
    }

    var count: Int { keys.count }

    /// The entry for `bytes`, if the table has it.
    @inline(__always)
    func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = hash(bytes)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while case let content = slots[slot], content != 0 {
            let entry = Int(truncatingIfNeeded: content & 0xFFFF_FFFF) - 1
            if content & 0xFFFF_FFFF_0000_0000 == tag && matches(entry, bytes) { return entry }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    subscript(_ key: String) -> ReqIFDefinition? {
        var key = key
        return key.withUTF8 { index(of: $0) }.map { definitions[$0] }
    }

    /// Enters `bytes` (valid UTF-8) with `definition` unless present; the entry's index and whether it is new.
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, _ definition: ReqIFDefinition) -> (index: Int, inserted: Bool) {
        let hash = hash(bytes)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while case let content = slots[slot], content != 0 {
            let entry = Int(truncatingIfNeeded: content & 0xFFFF_FFFF) - 1
            if content & 0xFFFF_FFFF_0000_0000 == tag && matches(entry, bytes) { return (entry, false) }
            slot = (slot + 1) & (slots.count - 1)
        }
        let index = keys.count
        slots[slot] = tag | UInt64(index + 1)
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        keys.append(String(decoding: bytes, as: UTF8.self))
        definitions.append(definition)
        if keys.count * 2 >= slots.count { grow() }
        return (index, true)
    }

    mutating func setDefinition(_ definition: ReqIFDefinition, at index: Int) {
        definitions[index] = definition
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(index + 1)
        }
    }

    /// Whether entry `entry` has exactly `bytes`.
    @inline(__always)
    func matches(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[entry]
        guard offsets[entry + 1] - start == bytes.count else { return false }
        guard let base = bytes.baseAddress else { return true }
        return arena.withUnsafeBufferPointer { XMLNameTable.equal($0.baseAddress! + start, base, bytes.count) }
    }

    @inline(__always)
    private func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { ByteHash.hash(bytes, seed: seed) }
}
