import Foundation
import ParleyMind
import ParleyStore

/// What real conversations say about a mind: the inputs no rule answered, or only a catch-all
/// did, grouped by how the mind reads them, and how often each rule won. The studio's Review tab
/// and `parley mind report` show it.
public struct MindReview: Sendable {
    /// Inputs that read the same to the mind.
    public struct Group: Sendable, Hashable {
        /// The input as the mind matches it (normalised, substitutions applied).
        public let text: String
        public let count: Int
        /// When it was last said.
        public let last: Date
        /// Its latest spelling, as said.
        public let example: String
        /// The catch-all rule that answered it, nil when no rule did.
        public let rule: String?
    }

    /// The exchanges read.
    public let exchanges: Int
    /// Unanswered inputs, most recently said first.
    public let unmatched: [Group]
    /// Each respond and generate rule's wins, in mind order.
    public let wins: [(rule: String, wins: Int)]

    /// The rules that never won.
    public var never: [String] { wins.filter { $0.wins == 0 }.map(\.rule) }

    /// The review of `exchanges` (newest first) for `mind`. Control inputs (`[start]`, `[idle n]`)
    /// are the servers' own and never unmatched.
    public init(mind: Mind, exchanges: [ReviewedExchange]) {
        let catchAlls = Set(mind.rules.filter(\.isCatchAll).map(\.id))
        var wins: [String: Int] = [:]
        var groups: [String: (count: Int, last: Date, example: String, rule: String?)] = [:]
        for exchange in exchanges {
            if let rule = exchange.rule { wins[rule, default: 0] += 1 }
            guard exchange.rule.map(catchAlls.contains) ?? true else { continue }
            let text = mind.matchText(of: exchange.input)
            guard !text.hasPrefix("["), !text.isEmpty else { continue }
            if let group = groups[text] {
                groups[text]?.count = group.count + 1
            } else {
                // Newest first: a group's first exchange is its latest.
                groups[text] = (1, exchange.time, exchange.input, exchange.rule)
            }
        }
        self.exchanges = exchanges.count
        unmatched = groups.map { Group(text: $0.key, count: $0.value.count, last: $0.value.last, example: $0.value.example, rule: $0.value.rule) }
            .sorted { $0.last > $1.last || ($0.last == $1.last && $0.text < $1.text) }
        self.wins = mind.rules.filter { $0.kind != "restate" }.map { ($0.id, wins[$0.id] ?? 0) }
    }
}
