/// What one star of a reply holds.
indirect enum RiveScriptCapture: Sendable, Hashable {
    /// A named capture of the pattern, lowercased as rivescript-python's message is.
    case named(String, lower: Bool)
    /// Text the import knows (the alternative a pattern was expanded for).
    case literal(String)
    /// Parts joined by single spaces.
    case joined([RiveScriptCapture])
}
