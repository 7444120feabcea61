import ArgumentParser
import Foundation
import ParleyStore

/// `parley transcripts export`: every recorded message as JSON Lines.
struct TranscriptsExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Writes recorded messages and reply API exchanges (or, with --results, world results) as JSON Lines, oldest first.",
        discussion: """
            Each message's line has world_id, task, world, people, speaker, text, payload, time; \
            the reply API exchanges follow, each line with mind, user_id, input, output, rule (the \
            rule that answered), time.
            """
    )

    @Option(help: ArgumentHelp(stringLiteral: StoreArgument.help))
    var store = "./parley.sqlite"

    @Option(help: "Only messages said at or after this time, in ISO 8601, e.g. 2026-01-31T09:00:00Z (default: all).")
    var since: String?

    @Option(name: .shortAndLong, help: "The file to write; standard output when omitted.")
    var output: String?

    @Flag(help: "Write the world results (what worlds saved with saveResult) instead of the messages.")
    var results = false

    func run() async throws {
        let sinceDate = try since.map(Self.parseTime)
        let transcripts = try await StoreArgument.openExisting(store)
        let exporter = TranscriptExporter(store: transcripts)
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil) else {
                throw CommandFailure("Cannot write \(output).")
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            let counted = try await export(exporter, exchanges: transcripts, since: sinceDate) { try handle.write(contentsOf: $0) }
            try handle.close()
            FileHandle.standardError.write(Data("Exported \(counted) to \(output)\n".utf8))
        } else {
            _ = try await export(exporter, exchanges: transcripts, since: sinceDate) { try FileHandle.standardOutput.write(contentsOf: $0) }
        }
        try await transcripts.close()
    }

    /// Writes the messages and exchanges, or the results with `--results`; says how many of each.
    private func export(
        _ exporter: TranscriptExporter, exchanges: any UserStateStore, since: Date?, to write: (Data) throws -> Void
    ) async throws -> String {
        if results {
            let count = try await exporter.exportResults(since: since, to: write)
            return "\(count) result\(count == 1 ? "" : "s")"
        }
        let messages = try await exporter.export(since: since, to: write)
        let exchanged = try await exporter.exportExchanges(of: exchanges, since: since, to: write)
        return "\(messages) message\(messages == 1 ? "" : "s") and \(exchanged) reply API exchange\(exchanged == 1 ? "" : "s")"
    }

    private static func parseTime(_ text: String) throws -> Date {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        throw CommandFailure("--since \(text) is not an ISO 8601 time such as 2026-01-31T09:00:00Z.")
    }
}
