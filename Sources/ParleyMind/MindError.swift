/// Why a turn could not run; nothing changed.
public enum MindError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input has more than 4096 Unicode scalars (after NFC).
    case inputTooLong(scalars: Int)
    /// The conversation data is not valid; the text says what and where.
    case invalidData(String)
    /// The turn's new data would exceed 64 KiB of compact JSON.
    case dataTooLarge(bytes: Int)

    /// The most input a turn takes, in Unicode scalars.
    public static let maximumInputScalars = 4096
    /// The most data a conversation keeps, in bytes of compact JSON.
    public static let maximumDataBytes = 65536

    /// The API error code: `input_too_long`, `invalid_data` or `data_too_large`.
    public var code: String {
        switch self {
        case .inputTooLong: "input_too_long"
        case .invalidData: "invalid_data"
        case .dataTooLarge: "data_too_large"
        }
    }

    /// A sentence for people.
    public var message: String {
        switch self {
        case .inputTooLong(let scalars):
            "input has \(scalars) characters; at most \(Self.maximumInputScalars) are allowed"
        case .invalidData(let reason):
            "invalid data: \(reason)"
        case .dataTooLarge(let bytes):
            "the conversation data would be \(bytes) bytes; at most \(Self.maximumDataBytes) are allowed"
        }
    }

    public var description: String { "\(code): \(message)" }
}
