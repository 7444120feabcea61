/// Builds a string scalar by scalar in a UTF-8 buffer (much cheaper than appending to a
/// `String.UnicodeScalarView` one scalar at a time).
struct ScalarText {
    private var bytes: [UInt8] = []

    init() {}

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

    var isEmpty: Bool { bytes.isEmpty }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ scalar: Unicode.Scalar) {
        if scalar.isASCII {
            bytes.append(UInt8(truncatingIfNeeded: scalar.value))
        } else {
            UTF8.encode(scalar) { bytes.append($0) }
        }
    }

    /// Appends text that is already UTF-8.
    mutating func append(utf8: ArraySlice<UInt8>) {
        bytes.append(contentsOf: utf8)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }
}
