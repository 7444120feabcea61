/// The captures of a pattern's preferred match.
public struct PatternMatch: Sendable, Hashable {
    /// Capture name -> value; "" for a capture that took no part; a name used twice keeps the
    /// last one that took part.
    public var named: [String: String]
    /// Values of the bare wildcards in text order: index 0 is `{1}`.
    public var positional: [String]

    /// A match with the given captures.
    public init(named: [String: String], positional: [String]) {
        self.named = named
        self.positional = positional
    }

    /// The value of capture `"1"`, `"2"`, ... or of a name; nil if the pattern has no such capture.
    public func value(of capture: String) -> String? {
        if let value = named[capture] { return value }
        guard let number = Int(capture), number >= 1, number <= positional.count,
              String(number) == capture
        else { return nil }
        return positional[number - 1]
    }
}
