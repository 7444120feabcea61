import ArgumentParser
import Foundation
import ParleyCore
import ParleyStore

/// `parley transcripts export`: what was collected, for training or review.
struct TranscriptsExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Writes the recorded conversations (or reply API exchanges) as JSON Lines, ParlAI's format or CSV.",
        discussion: """
            --format parley (the default) writes one conversation per line: world_id, task, world, \
            role, services, started, ended, ending, people (id, name, kind, service, onboarding), \
            messages (speaker, name, kind, text, payload, time), results, ratings and review. \
            --format parlai writes ParlAI's Conversations JSON Lines (with -o, also the .metadata \
            file ParlAI's loader reads beside it). --format csv writes one row per message. Task \
            worlds only, unless --all-worlds. --source reply writes the reply API's exchanges instead \
            (--task then names the mind).
            """
    )

    enum Source: String, ExpressibleByArgument, CaseIterable {
        case worlds, reply
    }

    @Option(help: ArgumentHelp(stringLiteral: StoreArgument.help))
    var store = "./parley.sqlite"

    @Option(help: "parley, parlai or csv.")
    var format: ExportFormat = .parley

    @Option(help: "worlds (conversations in task worlds) or reply (reply API exchanges).")
    var source: Source = .worlds

    @Option(help: "Only this task (with --source reply, this mind).")
    var task: String?

    @Option(help: "Only conversations started at or after this time, in ISO 8601, e.g. 2026-01-31T09:00:00Z.")
    var since: String?

    @Option(help: "Only conversations started before this time, in ISO 8601.")
    var until: String?

    @Option(help: "Only conversations this person took part in (with --source reply, this userid).")
    var person: String?

    @Flag(help: "Only conversations that ended completed.")
    var completedOnly = false

    @Option(help: "Only conversations reviewed as accepted or rejected in /admin.")
    var verdict: ConversationReview.Verdict?

    @Flag(help: "Also the overworld (menu) and onboarding worlds.")
    var allWorlds = false

    @Option(name: .shortAndLong, help: "The file to write; standard output when omitted.")
    var output: String?

    func run() async throws {
        let query = ConversationQuery(
            roles: allWorlds ? Set(ConversationRecord.Role.allCases) : [.task], task: task,
            since: try since.map { try Self.parseTime($0, option: "--since") },
            until: try until.map { try Self.parseTime($0, option: "--until") }, personID: person,
            completedOnly: completedOnly, verdict: verdict)
        let data = try await StoreArgument.openExisting(store)
        let exporter = TranscriptExporter(store: data)
        var speakers: [String] = []
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil) else { throw CommandFailure("Cannot write \(output).") }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        } else {
            handle = FileHandle.standardOutput
        }
        let counted: String
        switch source {
        case .worlds:
            let count = try await exporter.exportConversations(query, format: format, speakers: { speakers.append($0) }) {
                try handle.write(contentsOf: $0)
            }
            counted = "\(count) conversation\(count == 1 ? "" : "s")"
        case .reply:
            let count = try await exporter.exportExchanges(
                of: data, format: format, since: query.since, until: query.until, userID: person, mind: task
            ) { try handle.write(contentsOf: $0) }
            counted = "\(count) reply API exchange\(count == 1 ? "" : "s")"
        }
        try await data.close()
        guard let output else { return }
        try handle.close()
        var written = output
        if format == .parlai {
            // ParlAI's loader reads NAME.metadata beside NAME.jsonl when it is there.
            let metadata = (output as NSString).deletingPathExtension + ".metadata"
            let options: [String: JSONValue] = [
                "source": .string(source.rawValue), "task": task.map(JSONValue.string) ?? .null,
                "since": since.map(JSONValue.string) ?? .null, "until": until.map(JSONValue.string) ?? .null,
                "completed_only": .bool(completedOnly), "verdict": verdict.map { .string($0.rawValue) } ?? .null,
            ]
            let text = TranscriptExporter.parlaiMetadata(speakers: speakers, options: options)
            guard FileManager.default.createFile(atPath: metadata, contents: Data(text.utf8)) else {
                throw CommandFailure("Cannot write \(metadata).")
            }
            written += " and \(metadata)"
        }
        FileHandle.standardError.write(Data("Exported \(counted) to \(written)\n".utf8))
    }

    static func parseTime(_ text: String, option: String) throws -> Date {
        if let date = TranscriptExporter.time(parsing: text) { return date }
        throw CommandFailure("\(option) \(text) is not an ISO 8601 time such as 2026-01-31T09:00:00Z.")
    }
}

extension ExportFormat: ExpressibleByArgument {}

extension ConversationReview.Verdict: ExpressibleByArgument {}
