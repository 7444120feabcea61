/// The 64-bit FNV-1a hash, used for default seeds and recorded variant texts.
enum FNV1a {
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// 16 lowercase hex digits.
    static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            for position in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * position)) & 0xF
                buffer[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 16
        }
    }

    /// The value of exactly 16 hex digits, else nil.
    static func value(hex text: String) -> UInt64? {
        guard text.utf8.count == 16, text.utf8.allSatisfy({ $0 < 128 }) else { return nil }
        return UInt64(text, radix: 16)
    }
}
