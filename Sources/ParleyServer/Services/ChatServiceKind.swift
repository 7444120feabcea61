/// A chat service a package adds to `parley serve`: `--service NAME` starts it.
///
/// ```swift
/// let kind = ChatServiceKind(name: "sms", secretKeys: ["SMS_TOKEN"]) { setup in
///     try SMSService(setup: setup)
/// }
/// await ParleyCLI.main(registry: .builtIn, services: [kind])
/// ```
public struct ChatServiceKind: Sendable {
    /// The name after `--service`, and the service's name in the worlds.
    public let name: String
    /// The secrets it reads: they may be set in the environment or the `--secrets` file.
    public let secretKeys: [String]
    /// Makes the service; a thrown error stops `parley serve` with its description.
    public let make: @Sendable (ServiceSetup) throws -> any ChatService

    public init(name: String, secretKeys: [String] = [], make: @escaping @Sendable (ServiceSetup) throws -> any ChatService) {
        self.name = name
        self.secretKeys = secretKeys
        self.make = make
    }
}
