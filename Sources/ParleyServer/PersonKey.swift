import Crypto

/// The secret a chat page keeps for its person (`person` in the first frame): the server derives
/// the person's id from it, so the same tab stays the same person across reconnects and server
/// restarts, and only the holder of the key can see or erase what was recorded of that person.
enum PersonKey {
    /// True for 20 to 200 URL-safe characters (letters, digits, `-`, `_`).
    static func isValid(_ key: String) -> Bool {
        (20...200).contains(key.utf8.count)
            && key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }

    /// The person id a key stands for: `web-` and 24 hex digits of its SHA-256.
    static func personID(for key: String) -> String {
        let digest = SHA256.hash(data: Array(key.utf8))
        return "web-" + digest.prefix(12).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
