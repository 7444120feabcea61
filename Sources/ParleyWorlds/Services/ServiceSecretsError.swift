/// A secrets file that cannot be read, or secrets that are missing.
public struct ServiceSecretsError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    /// `SERVICE needs KEY, KEY: set them in the environment or in the --secrets file`, and `hint`
    /// in brackets when given: the one wording of missing secrets for every service.
    public static func missing(_ keys: [String], for service: String, hint: String? = nil) -> ServiceSecretsError {
        let pronoun = keys.count == 1 ? "it" : "them"
        return ServiceSecretsError(
            "\(service) needs \(keys.joined(separator: ", ")): set \(pronoun) in the environment or in the --secrets file"
                + (hint.map { " (\($0))" } ?? ""))
    }
}
