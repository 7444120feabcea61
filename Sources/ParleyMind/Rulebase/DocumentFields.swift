/// The allowed members of a document object, looked up by key: an object has few members, so a
/// scan beats hashing. Of two members with the same key the last one counts.
struct DocumentFields {
    private let members: [DocumentMember]
    /// Bit n is set when some key has n UTF-8 bytes (n < 64), so that most absent keys are found
    /// absent without a scan.
    private let keyLengths: UInt64

    init(_ members: [DocumentMember]) {
        self.members = members
        var keyLengths: UInt64 = 0
        for member in members { keyLengths |= Self.lengthBit(member.key) }
        self.keyLengths = keyLengths
    }

    subscript(key: String) -> DocumentNode? {
        guard keyLengths & Self.lengthBit(key) != 0 else { return nil }
        return members.last { Self.same($0.key, key) }?.value
    }

    /// The bit of a key's length (keys of 63 bytes or more share the last bit).
    private static func lengthBit(_ key: String) -> UInt64 {
        1 << UInt64(min(key.utf8.count, 63))
    }

    /// Whether `keys` has `key`.
    static func contains(_ keys: [String], _ key: String) -> Bool {
        keys.contains { same($0, key) }
    }

    /// Whether two keys are equal, their lengths compared first: most keys differ in length,
    /// which is much cheaper to see than comparing the strings.
    private static func same(_ first: String, _ second: String) -> Bool {
        first.utf8.count == second.utf8.count && first == second
    }
}
