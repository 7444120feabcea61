/// Ids of the words patterns test for, shared by every pattern of a mind, so that matching and
/// candidate lookup compare integers instead of strings.
///
/// An open-addressing hash table over the words' UTF-8 bytes with a cheap hash: an input looks
/// up every token, so this avoids `Dictionary`'s SipHash on the reply path.
public struct WordTable: Sendable {
    /// The id of a word no pattern tests for.
    public static let unknown: Int32 = -1

    /// The UTF-8 bytes of every word, id after id.
    private var bytes: [UInt8] = []
    /// Where each id's bytes start in `bytes`, plus the end.
    private var starts: [Int32] = [0]
    /// Ids by hash slot (a power-of-two count), `unknown` for an empty slot.
    private var slots = [Int32](repeating: WordTable.unknown, count: 16)

    /// An empty table.
    public init() {}

    /// How many words have ids (ids run from 0 to `count - 1`).
    public var count: Int { starts.count - 1 }

    /// The id of `word` (a match form), given a new one when the table has none yet.
    public mutating func intern(_ word: String) -> Int32 {
        var word = word
        return word.withUTF8 { utf8 in
            let (slot, found) = find(utf8)
            if found != Self.unknown { return found }
            let id = Int32(count)
            bytes.append(contentsOf: utf8)
            starts.append(Int32(bytes.count))
            slots[slot] = id
            if count * 2 > slots.count { rehash() }
            return id
        }
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
        return bytes.withUnsafeBufferPointer { bytes in
            while true {
                let id = slots[slot]
                if id == Self.unknown { return (slot, id) }
                let start = Int(starts[Int(id)]), end = Int(starts[Int(id) + 1])
                if end - start == utf8.count, bytes[start..<end].elementsEqual(utf8) { return (slot, id) }
                slot = (slot + 1) & mask
            }
        }
    }

    private mutating func rehash() {
        slots = [Int32](repeating: Self.unknown, count: slots.count * 2)
        let mask = slots.count - 1
        bytes.withUnsafeBufferPointer { bytes in
            for id in 0..<count {
                let word = UnsafeBufferPointer(rebasing: bytes[Int(starts[id])..<Int(starts[id + 1])])
                var slot = Self.hash(word) & mask
                while slots[slot] != Self.unknown { slot = (slot + 1) & mask }
                slots[slot] = Int32(id)
            }
        }
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
