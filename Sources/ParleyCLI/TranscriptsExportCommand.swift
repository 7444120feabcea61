import ArgumentParser
import Foundation
import ParleyStore

/// `parley transcripts export`: every recorded message as JSON Lines.
struct TranscriptsExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Writes recorded messages (or, with --results, world results) as JSON Lines, oldest first.",
        discussion: """
            Each line is one message: world_id, task, world, people, speaker, text, payload, time.
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
            let count = try await export(exporter, since: sinceDate) { try handle.write(contentsOf: $0) }
            try handle.close()
            FileHandle.standardError.write(Data("Exported \(count) \(results ? "results" : "messages") to \(output)\n".utf8))
        } else {
            _ = try await export(exporter, since: sinceDate) { try FileHandle.standardOutput.write(contentsOf: $0) }
        }
        try await transcripts.close()
    }

    /// Writes the messages, or the results with `--results`; returns how many.
    private func export(_ exporter: TranscriptExporter, since: Date?, to write: (Data) throws -> Void) async throws -> Int {
        results ? try await exporter.exportResults(since: since, to: write) : try await exporter.export(since: since, to: write)
    }

    private static func parseTime(_ text: String) throws -> Date {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        throw CommandFailure("--since \(text) is not an ISO 8601 time such as 2026-01-31T09:00:00Z.")
    }
}
