/// Messenger cannot start as configured; the description says what is missing or wrong, and where.
public struct MessengerConfigError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
