import Foundation
import Logging
import ParleyServer
import Synchronization
import Testing

/// A minds-folder file that breaks keeps its last good version answering, with its errors logged
/// once; a broken file at start is skipped unless it is the default mind.
@Suite("Reply API: reloading mind files")
struct MindReloadTests {
    static let good = """
        {"mind": "greeter", "version": 1, "models": [{"name": "main", "rules": [
          {"kind": "respond", "input": "*", "say": "Version one."}]}]}
        """

    @Test("a file broken by an edit keeps its last good version answering, and is logged once")
    func brokenEditKeepsTheLastGoodVersion() async throws {
        let folder = try ReplyAPIFixtureMinds.folder(["greeter.json": Self.good])
        let log = CapturedLog()
        let library = try MindLibrary(named: [], mindsDirectory: folder.path, fileCheckInterval: .zero, logger: log.logger)
        #expect(try await library.mind(named: "greeter").mind.reply(to: "hi", data: .new).output == "Version one.")
        let file = folder.appendingPathComponent("greeter.json")
        try ReplyAPIFixtureMinds.broken.write(to: file, atomically: true, encoding: .utf8)
        for _ in 0..<25 {
            #expect(try await library.mind(named: "greeter").mind.reply(to: "hi", data: .new).output == "Version one.")
        }
        #expect(log.lines(containing: "does not load").count == 1)
        // url=file:greeter.json reads the same file through the URL cache: the same rule holds.
        try Self.good.write(to: file, atomically: true, encoding: .utf8)
        #expect(try await library.mind(url: "file:greeter.json").mind.reply(to: "hi", data: .new).output == "Version one.")
        try ReplyAPIFixtureMinds.broken.write(to: file, atomically: true, encoding: .utf8)
        #expect(try await library.mind(url: "file:greeter.json").mind.reply(to: "hi", data: .new).output == "Version one.")
        let fixed = Self.good.replacingOccurrences(of: "Version one.", with: "Version two.")
        try fixed.write(to: file, atomically: true, encoding: .utf8)
        #expect(try await library.mind(named: "greeter").mind.reply(to: "hi", data: .new).output == "Version two.")
        #expect(try await library.mind(url: "file:greeter.json").mind.reply(to: "hi", data: .new).output == "Version two.")
    }

    @Test("a broken file at start is reported and skipped; the default mind's is fatal")
    func brokenFileAtStart() async throws {
        let folder = try ReplyAPIFixtureMinds.folder(["broken.yaml": ReplyAPIFixtureMinds.broken])
        let log = CapturedLog()
        let library = try MindLibrary(named: [], mindsDirectory: folder.path, fileCheckInterval: .zero, logger: log.logger)
        #expect(log.lines(containing: "mind skipped").count == 1)
        #expect(try await library.mind(named: "greeter").mind.name == "greeter")
        do {
            _ = try await library.mind(named: "broken")
            Issue.record("a broken mind answered")
        } catch {
            #expect("\(error)".contains("nosuchconcept"))
        }
        // Fixed while the server runs: it starts answering.
        try Self.good.write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        #expect(try await library.mind(named: "broken").mind.name == "greeter")

        let path = folder.appendingPathComponent("default.yaml")
        try ReplyAPIFixtureMinds.broken.write(to: path, atomically: true, encoding: .utf8)
        #expect(throws: MindLibraryError.self) {
            _ = try MindLibrary(named: [("main", path.path)], mindsDirectory: nil, logger: log.logger)
        }
    }
}

/// A logger that keeps what it is told, for tests that check what is logged.
final class CapturedLog: Sendable {
    private let captured = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "test.captured") { _ in Handler(log: self) }
    }

    /// The lines logged so far that contain `text`.
    func lines(containing text: String) -> [String] {
        captured.withLock { $0.filter { $0.contains(text) } }
    }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let text = "\(event.level) \(event.message) \(event.metadata ?? [:])"
            log.captured.withLock { $0.append(text) }
        }
    }
}
