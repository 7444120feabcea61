/// Ids of the words patterns test for, shared by every pattern of a mind, so that matching and
/// candidate lookup compare integers instead of strings.
///
/// An open-addressing hash table over the words' UTF-8 bytes with a cheap hash: an input looks
/// up every token, so this avoids `Dictionary`'s SipHash on the reply path.
public struct WordTable: Sendable {
    /// The id of a word no pattern tests for.
    public static let unknown: Int32 = -1

    /// One hash slot: a word's id (`unknown` when empty), its length and its first sixteen
    /// bytes (zero-padded), so that lookups of words up to sixteen bytes compare the slot alone.
    private struct Slot: Sendable {
        var id: Int32
        var length: Int32
        var prefix: UInt64
        var second: UInt64

        static let empty = Slot(id: WordTable.unknown, length: 0, prefix: 0, second: 0)
    }

    /// The UTF-8 bytes of every word, id after id.
    private var bytes: [UInt8] = []
    /// Where each id's bytes start in `bytes`, plus the end.
    private var starts: [Int32] = [0]
    /// Words by hash slot (a power-of-two count).
    private var slots = [Slot](repeating: .empty, count: 16)

    /// An empty table.
    public init() {}

    /// How many words have ids (ids run from 0 to `count - 1`).
    public var count: Int { starts.count - 1 }

    /// The id of `word` (a match form), given a new one when the table has none yet.
    public mutating func intern(_ word: String) -> Int32 {
        var word = word
        return word.withUTF8 { intern($0) }
    }

    /// The id of the word (a match form) whose UTF-8 bytes are `utf8`, given a new one when the
    /// table has none yet.
    mutating func intern(_ utf8: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (slot, found) = find(utf8)
        if found != Self.unknown { return found }
        let id = Int32(count)
        bytes.append(contentsOf: utf8)
        starts.append(Int32(bytes.count))
        slots[slot] = Slot(
            id: id, length: Int32(utf8.count), prefix: Self.eightBytes(utf8, from: 0),
            second: Self.eightBytes(utf8, from: 8))
        if count * 2 > slots.count { rehash() }
        return id
    }

    /// The id of `word` (a match form), or `unknown`.
    public func id(of word: String) -> Int32 {
        var word = word
        return word.withUTF8 { find($0).id }
    }

    /// The id of the word (a match form) whose UTF-8 bytes are `utf8`, or `unknown`.
    func id(of utf8: UnsafeBufferPointer<UInt8>) -> Int32 {
        find(utf8).id
    }

    /// The id of each token's match form, `unknown` where no pattern tests for it.
    public func ids(of tokens: [Token]) -> [Int32] {
        tokens.map { id(of: $0.match) }
    }

    /// The slot of `utf8`: where it is (with its id) or where it would go (with `unknown`).
    private func find(_ utf8: UnsafeBufferPointer<UInt8>) -> (slot: Int, id: Int32) {
        let mask = slots.count - 1
        var slot = Self.hash(utf8) & mask
        let length = Int32(utf8.count), prefix = Self.eightBytes(utf8, from: 0)
        let second = Self.eightBytes(utf8, from: 8)
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let entry = slots[slot]
                if entry.id == Self.unknown { return (slot, entry.id) }
                if entry.length == length, entry.prefix == prefix, entry.second == second {
                    // Beyond the first sixteen bytes, the rest is compared in `bytes`.
                    if length <= 16 || rest(of: entry.id, equals: utf8) { return (slot, entry.id) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Whether the bytes of word `id` after the first sixteen are those of `utf8`.
    private func rest(of id: Int32, equals utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            bytes[(Int(starts[Int(id)]) + 16)..<Int(starts[Int(id) + 1])].elementsEqual(utf8[16...])
        }
    }

    private mutating func rehash() {
        var grown = [Slot](repeating: .empty, count: slots.count * 2)
        let mask = grown.count - 1
        bytes.withUnsafeBufferPointer { bytes in
            for entry in slots where entry.id != Self.unknown {
                let word = UnsafeBufferPointer(rebasing: bytes[Int(starts[Int(entry.id)])..<Int(starts[Int(entry.id) + 1])])
                var slot = Self.hash(word) & mask
                while grown[slot].id != Self.unknown { slot = (slot + 1) & mask }
                grown[slot] = entry
            }
        }
        slots = grown
    }

    /// The eight bytes of `utf8` from `start` as one integer, zero-padded.
    private static func eightBytes(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt64 {
        if utf8.count >= start + 8, let base = UnsafeRawPointer(utf8.baseAddress) {
            return base.loadUnaligned(fromByteOffset: start, as: UInt64.self)
        }
        var value: UInt64 = 0
        for offset in start..<max(start, utf8.count) { value |= UInt64(utf8[offset]) << UInt64(8 * (offset - start)) }
        return value
    }

    /// A multiply-and-fold hash over the bytes, eight at a time (words are short: most take one
    /// or two rounds).
    private static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        let multiplier: UInt64 = 0xFF51_AFD7_ED55_8CCD
        var hash = UInt64(utf8.count) &* 0x9E37_79B9_7F4A_7C15
        var offset = 0
        if let base = UnsafeRawPointer(utf8.baseAddress) {
            while offset + 8 <= utf8.count {
                hash = (hash ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* multiplier
                hash ^= hash >> 32
                offset += 8
            }
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < utf8.count {
            tail |= UInt64(utf8[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* multiplier
        // Fold the high bits, where the multiplication mixed every byte, into the low ones.
        hash = (hash ^ (hash >> 32)) &* multiplier
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}
