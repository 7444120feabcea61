/// Builds a string scalar by scalar in a UTF-8 buffer (much cheaper than appending to a
/// `String.UnicodeScalarView` one scalar at a time).
struct ScalarText {
    private var bytes: [UInt8] = []

    init() {}

    init(_ scalars: some Sequence<Unicode.Scalar>) {
        bytes.reserveCapacity(scalars.underestimatedCount)
        for scalar in scalars { append(scalar) }
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
