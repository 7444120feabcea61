/// The allowed members of a document object, looked up by key: an object has few members, so a
/// scan beats hashing. Of two members with the same key the last one counts.
struct DocumentFields {
    private let members: [DocumentMember]

    init(_ members: [DocumentMember]) {
        self.members = members
    }

    subscript(key: String) -> DocumentNode? {
        members.last { Self.same($0.key, key) }?.value
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

    /// Each key not in `allowed`, once, sorted.
    func keys(notIn allowed: [String]) -> [String] {
        var keys: [String] = []
        for member in members where !Self.contains(allowed, member.key) && !keys.contains(member.key) {
            keys.append(member.key)
        }
        return keys.sorted()
    }
}
