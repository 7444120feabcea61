/// The syntax a rulebase document is written in.
public enum RulebaseFormat: Sendable, Hashable {
    case json
    case yaml

    /// The format a file name's extension implies (`.json`, `.yaml`, `.yml`), else nil.
    public init?(path: String) {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".json") {
            self = .json
        } else if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") {
            self = .yaml
        } else {
            return nil
        }
    }

    /// The format of a text with no file name: JSON when it starts with `{`, else YAML.
    public init(text: String) {
        self = text.drop { $0.isWhitespace }.first == "{" ? .json : .yaml
    }
}
