import ParleyMind

/// The format of a rulebase text from the studio: JSON when it starts with `{`, else YAML.
enum StudioSource {
    static func format(of text: String) -> RulebaseFormat {
        text.drop { $0.isWhitespace }.first == "{" ? .json : .yaml
    }
}
