/// Builds strings from scalars in UTF-8 (much cheaper than appending to a
/// `String.UnicodeScalarView` one scalar at a time).
enum ScalarText {
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
