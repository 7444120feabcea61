/// A conversation test file that cannot be used: every problem found, with paths (the mind's
/// own load errors are included, prefixed by the mind's path).
public struct ConversationTestError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
