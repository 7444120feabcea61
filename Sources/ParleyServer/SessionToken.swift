import Crypto
import Foundation

/// Session tokens: 256 random bits from the system's secure generator, as URL-safe text.
enum SessionToken {
    /// A new token that cannot be guessed.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        // 43 characters of 6 bits each: 258 bits, so at least 256 random bits.
        return String((0..<43).map { _ in alphabet[Int(generator.next() % 64)] })
    }

    /// What a token is known by in the store: its SHA-256 digest, in hex (the token itself is never
    /// stored).
    static func digest(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
