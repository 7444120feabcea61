/// The allowed members of a document object, looked up by key: an object has few members, so a
/// scan beats hashing. Of two members with the same key the last one counts.
struct DocumentFields {
    private let members: [DocumentMember]

    init(_ members: [DocumentMember]) {
        self.members = members
    }

    subscript(key: String) -> DocumentNode? {
        members.last { $0.key == key }?.value
    }

    /// Each key not in `allowed`, once, sorted.
    func keys(notIn allowed: [String]) -> [String] {
        var keys: [String] = []
        for member in members where !allowed.contains(member.key) && !keys.contains(member.key) {
            keys.append(member.key)
        }
        return keys.sorted()
    }
}
