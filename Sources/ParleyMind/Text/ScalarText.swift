import ParleyCore

/// Builds strings from scalars in UTF-8 (much cheaper than appending to a
/// `String.UnicodeScalarView` one scalar at a time).
enum ScalarText {
    /// A JSON string literal that starts with the quote at `start`: the index after its closing
    /// quote, and its text or why it is not valid; nil when it is not closed.
    static func quoted(in scalars: [Unicode.Scalar], at start: Int) -> (end: Int, text: Result<String, JSONSyntaxError>)? {
        var index = start + 1
        while index < scalars.count, scalars[index] != "\"" { index += scalars[index] == "\\" ? 2 : 1 }
        guard index < scalars.count else { return nil }
        index += 1
        let text = Result { () throws(JSONSyntaxError) -> String in
            guard case .string(let text) = try JSONDocumentReader.read(string(of: scalars[start..<index])) else {
                throw JSONSyntaxError(line: 1, column: 1, message: "not a string")
            }
            return text
        }
        return (index, text)
    }

    /// The text of `scalars`, encoded straight into the string's own storage.
    static func string(of scalars: ArraySlice<Unicode.Scalar>) -> String {
        var count = 0
        for scalar in scalars { count += UTF8.width(scalar) }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var end = 0
            for scalar in scalars {
                if scalar.isASCII {
                    buffer[end] = UInt8(truncatingIfNeeded: scalar.value)
                    end += 1
                } else {
                    UTF8.encode(scalar) { byte in
                        buffer[end] = byte
                        end += 1
                    }
                }
            }
            return end
        }
    }
}
