/// A problem in a task config: which file, which key, and what is wrong.
///
/// Its description reads `tasks/x.yml: tasks.chat.agents_required: expected a positive integer, got "two"`.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The config file (as given to the loader).
    public var file: String
    /// The dotted path of the key, e.g. `tasks.chat.agents_required`; empty for the whole file.
    public var key: String
    /// What is wrong.
    public var problem: String

    public init(file: String, key: String, problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    public var description: String {
        key.isEmpty ? "\(file): \(problem)" : "\(file): \(key): \(problem)"
    }
}
