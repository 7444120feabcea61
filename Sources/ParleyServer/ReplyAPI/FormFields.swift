import Foundation

/// The fields of `application/x-www-form-urlencoded` text: a form body or a URL's query.
struct FormFields: Sendable {
    /// Each field's value; a repeated field keeps its first value.
    let values: [String: String]

    /// Parses `text`; `source` ("form body", "query") names it in errors.
    init(parsing text: String, source: String) throws(ReplyAPIError) {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0], source: source)
            let value = parts.count > 1 ? try Self.decode(parts[1], source: source) : ""
            if values[name] == nil { values[name] = value }
        }
        self.values = values
    }

    subscript(name: String) -> String? { values[name] }

    /// Undoes `+` for space and percent-encoding; throws for a bad escape or invalid UTF-8.
    private static func decode(_ text: Substring, source: String) throws(ReplyAPIError) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        guard let decoded = spaced.removingPercentEncoding else {
            throw .invalidRequest(
                "the \(source) has invalid percent-encoding in \"\(text.prefix(40))\""
                    + " (a literal % is %25; curl --data-urlencode encodes it)")
        }
        return decoded
    }
}
