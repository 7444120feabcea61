/// How far apart two names are, for "did you mean" suggestions.
public enum EditDistance {
    /// The Levenshtein distance between `a` and `b`.
    public static func between(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Up to `limit` of `candidates` close to `name` (ignoring case): those containing it, and those
    /// at most a third of its length away; closest first.
    public static func closest(to name: String, in candidates: [String], limit: Int = 5) -> [String] {
        let wanted = Array(name.lowercased())
        let reach = max(1, wanted.count / 3)
        return candidates.compactMap { candidate -> (String, Int)? in
            let lowered = candidate.lowercased()
            let distance = between(wanted, Array(lowered))
            if distance <= reach || (!wanted.isEmpty && lowered.contains(String(wanted))) {
                return (candidate, distance)
            }
            return nil
        }
        .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        .prefix(limit).map(\.0)
    }
}
