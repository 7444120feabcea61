import Foundation
import ParleyCore

/// The fields of `application/x-www-form-urlencoded` text: a form body or a URL's query.
struct FormFields: Sendable {
    /// Each field's value; a repeated field keeps its first value.
    let values: [String: String]

    /// Parses `text`; `source` ("form body", "query") names it in errors.
    init(parsing text: String, source: String) throws(ReplyAPIError) {
        // Split on the UTF-8 bytes: `&` and `=` are ASCII, and this runs on every request.
        var values: [String: String] = [:]
        for pair in text.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(Substring(parts[0]), source: source)
            let value = parts.count > 1 ? try Self.decode(Substring(parts[1]), source: source) : ""
            if values[name] == nil { values[name] = value }
        }
        self.values = values
    }

    subscript(name: String) -> String? { values[name] }

    /// Undoes `+` for space and percent-encoding; throws for a bad escape or invalid UTF-8.
    private static func decode(_ text: Substring, source: String) throws(ReplyAPIError) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            utf8.formIndex(after: &index)
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index != utf8.endIndex, let high = utf8[index].hexDigitValue,
                    utf8.index(after: index) != utf8.endIndex, let low = utf8[utf8.index(after: index)].hexDigitValue
                else { throw invalidEncoding(text, source: source) }
                bytes.append(high << 4 | low)
                utf8.formIndex(&index, offsetBy: 2)
            default:
                bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw invalidEncoding(text, source: source) }
        return decoded
    }

    private static func invalidEncoding(_ text: Substring, source: String) -> ReplyAPIError {
        .invalidRequest(
            "the \(source) has invalid percent-encoding in \"\(text.prefix(40))\""
                + " (a literal % is %25; curl --data-urlencode encodes it)")
    }
}
