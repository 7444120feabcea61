import ArgumentParser
import Foundation
import ParleyMind
import ParleyServer
import ParleyStore

/// `parley mind report MIND`: the studio's review as text, read from the store.
struct MindReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports what real conversations said to a mind: the inputs no rule answered (or only a catch-all did), and each rule's wins.",
        discussion: """
            Reads the exchanges the reply API stored for MIND (stateful calls, and stateless ones \\
            with serve --log-stateless). The rules come from the studio's latest version of MIND in \\
            the store (its draft before the first publish), else from --file, else from the minds \\
            folder (MIND.yaml, .yml or .json).
            """
    )

    @Argument(help: "The mind's name, as the reply API serves it.")
    var mind: String

    @Option(help: "The first day (2026-12-01) or time (ISO 8601) to read (default: 7 days before --until).")
    var since: String?

    @Option(help: "The last day (included) or time (excluded) to read (default: now).")
    var until: String?

    @Option(help: ArgumentHelp(stringLiteral: StoreArgument.help))
    var store = "./parley.sqlite"

    @Option(help: "The mind's rulebase file, when it is neither in the store's studio nor in the minds folder.")
    var file: String?

    @Option(help: "The folder of minds served by file stem.")
    var mindsDir = "./minds"

    @Option(help: "How many unmatched inputs to list.")
    var top = 20

    func run() async throws {
        let end = try until.map { try Self.date($0, option: "--until", endOfDay: true) } ?? Date()
        let start = try since.map { try Self.date($0, option: "--since", endOfDay: false) } ?? end.addingTimeInterval(-7 * 86_400)
        guard start < end else { throw CommandFailure("--since must be before --until.") }
        let dataStore = try await StoreArgument.openExisting(store)
        let (rules, version) = try await rulebase(dataStore)
        let review = try await MindReview.read(
            mind, from: dataStore, mind: rules, version: version, since: start, until: end, limit: 200_000
        ) { source in try? Mind.load(text: source, format: RulebaseFormat(text: source)).mind }
        try await dataStore.close()
        print("\(mind), \(Self.time(start)) to \(Self.time(end)): \(review.exchanges) exchange\(review.exchanges == 1 ? "" : "s")")
        print("")
        if review.unmatched.isEmpty {
            print("Every input was answered by a rule other than a catch-all.")
        } else {
            print("Unmatched (no rule, or only a catch-all), most recent first:")
            let width = String(review.unmatched.map(\.count).max() ?? 0).count
            for group in review.unmatched.prefix(top) {
                let count = String(repeating: " ", count: width - String(group.count).count) + String(group.count)
                let by = group.rule.map { "catch-all \($0)" } ?? "no rule"
                print("  \(count)  \(group.text)   (\(by), last \(Self.time(group.last)), e.g. \(Self.quoted(group.example)))")
            }
            if review.unmatched.count > top { print("  ... and \(review.unmatched.count - top) more (--top)") }
        }
        print("")
        print("Wins by rule:")
        let width = String(review.wins.map(\.wins).max() ?? 0).count
        for (rule, wins) in review.wins {
            let count = String(repeating: " ", count: width - String(wins).count) + String(wins)
            print("  \(count)  \(rule)\(wins == 0 ? "   (never won)" : "")")
        }
    }

    /// The mind whose rules the review reads, and its studio version.
    private func rulebase(_ store: any DataStore) async throws -> (Mind, Int?) {
        if let file { return (try MindFiles.loadMind(file), nil) }
        if let studio = try await store.studioMind(named: mind) {
            let latest = try await store.latestVersion(of: mind)
            let source = latest?.source ?? studio.source
            do {
                return (try Mind.load(text: source, format: RulebaseFormat(text: source)).mind, latest?.number)
            } catch {
                throw CommandFailure("The studio's mind \(mind) does not load:\n\(error)")
            }
        }
        for ext in ["yaml", "yml", "json"] {
            let path = "\(mindsDir)/\(mind).\(ext)"
            if FileManager.default.fileExists(atPath: path) { return (try MindFiles.loadMind(path), nil) }
        }
        if let builtIn = BuiltInMinds.mind(named: mind) { return (builtIn, nil) }
        throw CommandFailure("No mind \(mind) in the store's studio or in \(mindsDir); give its rulebase with --file.")
    }

    private static func date(_ text: String, option: String, endOfDay: Bool) throws -> Date {
        if let date = MindReview.date(text, endOfDay: endOfDay) { return date }
        throw CommandFailure("\(option) \(text): expected a day (2026-12-01) or an ISO 8601 time (2026-12-01T09:30:00Z).")
    }

    private static func time(_ date: Date) -> String {
        let text = date.formatted(.iso8601)
        return String(text.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
