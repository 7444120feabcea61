import Crypto
import Foundation
import ParleyCore

/// Checks the `X-Hub-Signature-256` header Facebook puts on webhook posts: `sha256=` and the
/// hex HMAC-SHA256 of the raw body keyed with the app secret.
struct MessengerSignature: Sendable {
    private let secret: Data

    init(appSecret: String) {
        secret = Data(appSecret.utf8)
    }

    /// True when `header` is a valid signature of `body`; compared in constant time.
    func isValid(header: String?, body: some DataProtocol) -> Bool {
        guard let header, header.hasPrefix("sha256="), let mac = Self.bytes(hex: header.dropFirst(7)) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: SymmetricKey(data: secret))
    }

    /// The bytes of a hex string; nil when it is not one.
    private static func bytes(hex: Substring) -> Data? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes = Data(capacity: digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = digits[index].hexDigitValue, let low = digits[index + 1].hexDigitValue else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
