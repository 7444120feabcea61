/// Slack cannot start as configured; the description says what is missing or wrong.
public struct SlackConfigError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
