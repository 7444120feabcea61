/// A secrets file that cannot be read, or secrets that are missing.
public struct ServiceSecretsError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
