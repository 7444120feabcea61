/// Scans of UTF-8 bytes eight at a time (bit tricks on 64-bit words), for the long texts a turn
/// reads whole: the history and the data's JSON size.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// `byte` in each of the eight bytes of a word.
    private static func repeated(_ byte: UInt8) -> UInt64 { ones &* UInt64(byte) }

    /// Whether some byte of `word` is below `limit` (exact for limits up to 128).
    private static func hasByte(below limit: UInt8, in word: UInt64) -> Bool {
        (word &- repeated(limit)) & ~word & highs != 0
    }

    /// Whether some byte of `word` is `byte`.
    private static func has(_ byte: UInt8, in word: UInt64) -> Bool {
        hasByte(below: 1, in: word ^ repeated(byte))
    }

    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped).loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    }

    /// Whether every byte is ASCII.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        var high: UInt64 = 0
        while offset + 8 <= bytes.count {
            high |= word(bytes, at: offset)
            offset += 8
        }
        while offset < bytes.count {
            high |= UInt64(bytes[offset])
            offset += 1
        }
        return high & highs == 0
    }

    /// Whether some byte is one of `first`, `second` or `third`.
    static func contains(_ first: UInt8, _ second: UInt8, _ third: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        while offset + 8 <= bytes.count {
            let value = word(bytes, at: offset)
            if has(first, in: value) || has(second, in: value) || has(third, in: value) { return true }
            offset += 8
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == first || byte == second || byte == third { return true }
            offset += 1
        }
        return false
    }

    /// The offset of the last `byte` before `end`, or nil.
    static func lastIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Int? {
        var end = end
        while end >= 8, !has(byte, in: word(bytes, at: end - 8)) { end -= 8 }
        while end > 0 {
            end -= 1
            if bytes[end] == byte { return end }
        }
        return nil
    }

    /// The number of UTF-8 continuation bytes (`10xxxxxx`): a text's bytes minus its scalars.
    static func continuationCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var offset = 0
        while offset + 8 <= bytes.count {
            let value = word(bytes, at: offset)
            // A continuation byte has its top bit set and the next one clear.
            count += (value & ~(value << 1) & highs).nonzeroBitCount
            offset += 8
        }
        while offset < bytes.count {
            if bytes[offset] & 0xC0 == 0x80 { count += 1 }
            offset += 1
        }
        return count
    }

    /// How many bytes escaping adds to the bytes in a JSON string (`"`, `\` and U+0000 to U+001F
    /// are escaped), given the length of each escape.
    static func escapeGrowth(_ bytes: UnsafeBufferPointer<UInt8>, escapeLength: (UInt8) -> Int) -> Int {
        var growth = 0
        var offset = 0
        while offset < bytes.count {
            if offset + 8 <= bytes.count {
                let value = word(bytes, at: offset)
                if !hasByte(below: 0x20, in: value) && !has(UInt8(ascii: "\""), in: value)
                    && !has(UInt8(ascii: "\\"), in: value)
                {
                    offset += 8
                    continue
                }
            }
            let end = min(offset + 8, bytes.count)
            for byte in bytes[offset..<end] where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                growth += escapeLength(byte) - 1
            }
            offset = end
        }
        return growth
    }
}
