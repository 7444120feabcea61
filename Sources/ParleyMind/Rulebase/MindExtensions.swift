/// What a version 1.1 mind declares at its top level (docs/minds-reference.md#version-11).
struct MindExtensions: Sendable {
    /// `sentences: true`: text input is answered sentence by sentence.
    var sentences = false
    /// `punctuation: split`: punctuation inside a word separates words.
    var splitsPunctuation = false
    /// `bot`: bot properties.
    var bot: [String: String] = [:]
    /// `variables`: the defaults of user variables.
    var variableDefaults: [String: String] = [:]
    /// `person`, `person2` and `gender`.
    var swaps: [TextTransform: WordSwaps] = [:]
    /// `maps`: each map's values by the match form of their keys' words.
    var maps: [String: [String: String]] = [:]
}
