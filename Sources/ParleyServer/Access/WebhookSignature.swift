import Crypto
import Foundation
import ParleyCore

/// Checks a webhook signature header of the form `PREFIX` and a hex HMAC-SHA256 keyed with a
/// shared secret: Messenger's `X-Hub-Signature-256` (`sha256=`, over the raw body) and Slack's
/// `X-Slack-Signature` (`v0=`, over `v0:TIMESTAMP:BODY`).
public struct WebhookSignature: Sendable {
    private let secret: Data
    private let prefix: String

    public init(secret: String, prefix: String) {
        self.secret = Data(secret.utf8)
        self.prefix = prefix
    }

    /// True when `header` is a valid signature of `signed`; compared in constant time.
    public func isValid(header: String?, signed: some DataProtocol) -> Bool {
        guard let header, header.hasPrefix(prefix), let mac = Self.bytes(hex: header.dropFirst(prefix.count)) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: signed, using: SymmetricKey(data: secret))
    }

    /// The header value that signs `signed`: the prefix and the hex HMAC.
    public func header(signing signed: some DataProtocol) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: secret))
        return prefix + mac.map { String(format: "%02x", $0) }.joined()
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
