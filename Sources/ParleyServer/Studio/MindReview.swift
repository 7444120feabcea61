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
    /// Each respond and generate rule's wins, in mind order: from the exchanges `mind` itself
    /// answered (another version's rule ids may name other rules).
    public let wins: [(rule: String, wins: Int)]

    /// Reads the newest `limit` exchanges of `name` from `since` up to `until` in `store`, and
    /// reviews them with `mind` (version `version`), compiling the other versions that answered
    /// some of them with `compile`.
    public static func read(
        _ name: String, from store: any MindStore, mind: Mind, version: Int?, since: Date, until: Date, limit: Int,
        compile: (String) async -> Mind?
    ) async throws -> MindReview {
        let exchanges = try await store.reviewedExchanges(mind: name, since: since, until: until, limit: limit)
        var versions: [Int: Mind] = [:]
        for number in Set(exchanges.compactMap(\.version)) where number != version {
            if let old = try await store.version(number, of: name) { versions[number] = await compile(old.source) }
        }
        return MindReview(mind: mind, version: version, versions: versions, exchanges: exchanges)
    }

    /// A review range's end from text: a day (`2026-12-01`, its start in UTC, or with `endOfDay`
    /// the start of the next day) or an ISO 8601 time; nil when it is neither.
    public static func date(_ text: String, endOfDay: Bool) -> Date? {
        if let day = try? Date(text + "T00:00:00Z", strategy: .iso8601) { return endOfDay ? day.addingTimeInterval(86_400) : day }
        return try? Date(text, strategy: .iso8601)
    }

    /// The rules that never won.
    public var never: [String] { wins.filter { $0.wins == 0 }.map(\.rule) }

    /// The review of `exchanges` (newest first) for `mind`, which is studio version `version`
    /// (nil for a mind that is not a published version). An exchange another version answered is
    /// judged by that version's rules, from `versions`. Control inputs (`[start]`, `[idle n]`)
    /// are the servers' own and never unmatched.
    public init(mind: Mind, version: Int? = nil, versions: [Int: Mind] = [:], exchanges: [ReviewedExchange]) {
        func catchAlls(of mind: Mind) -> Set<String> { Set(mind.rules.filter(\.isCatchAll).map(\.id)) }
        let own = catchAlls(of: mind)
        let others = versions.filter { $0.key != version }.mapValues(catchAlls)
        var wins: [String: Int] = [:]
        var groups: [String: (count: Int, last: Date, example: String, rule: String?)] = [:]
        for exchange in exchanges {
            let isOwn = exchange.version == version
            if isOwn, let rule = exchange.rule { wins[rule, default: 0] += 1 }
            let answeredBy = isOwn ? own : exchange.version.flatMap { others[$0] } ?? own
            guard exchange.rule.map(answeredBy.contains) ?? true else { continue }
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
