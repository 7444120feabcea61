import Foundation
import ParleyCore
import ParleyServer
import ParleyStore
import Testing

/// `parley mind publish` against a live studio, and `parley mind report` on a store.
@Suite(.timeLimit(.minutes(5)), .enabled(if: ParleyProcess.executable != nil))
struct StudioCommandLineTests {
    static func run(_ arguments: [String]) async throws -> (lines: [String], status: Int32) {
        let process = try ParleyProcess(arguments, readingErrors: true)
        var lines: [String] = []
        while let line = await process.nextLine() { lines.append(line) }
        return (lines, await process.waitForExit())
    }

    @Test func publishSavesTheFileAsTheDraftAndPublishesIt() async throws {
        let server = try await StudioServer.start(adminKeys: ["s3cret-key"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-publish-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("pizza.yaml")
        try StudioAPITests.pizza.write(to: file, atomically: true, encoding: .utf8)
        let url = "http://127.0.0.1:\(server.port)"

        let refused = try await Self.run(["mind", "publish", file.path, "--server", url])
        #expect(refused.status == 1)
        #expect(refused.lines.joined().contains("refused the key"))
        let first = try await Self.run(["mind", "publish", file.path, "--server", url, "--key", "s3cret-key"])
        #expect(first.status == 0)
        #expect(first.lines == ["Published pizza version 1: \(url)/minds/pizza/versions/1"])
        try StudioAPITests.pizza.replacingOccurrences(of: "Sorry?", with: "Pardon?").write(to: file, atomically: true, encoding: .utf8)
        let second = try await Self.run(["mind", "publish", file.path, "--server", url, "--key", "s3cret-key"])
        #expect(second.lines == ["Published pizza version 2: \(url)/minds/pizza/versions/2"])
        #expect(try await server.store.version(2, of: "pizza")?.source.contains("Pardon?") == true)
        // A file that does not load is refused before anything is sent, with its findings' places.
        try "mind: pizza\nversion: 1\nmodels: 3\n".write(to: file, atomically: true, encoding: .utf8)
        let broken = try await Self.run(["mind", "publish", file.path, "--server", url, "--key", "s3cret-key"])
        #expect(broken.status == 1)
        #expect(broken.lines.first?.hasPrefix("\(file.path):3:") == true)
        #expect(try await server.store.versions(of: "pizza").count == 2)
        try await server.stop()
    }

    @Test func reportListsUnmatchedInputsAndWinsFromTheStore() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("parley.sqlite").path
        let store = try SQLiteStore(path: path)
        _ = try await store.createStudioMind("pizza", source: StudioAPITests.pizza, tests: "", time: Date())
        _ = try await store.publish("pizza", source: StudioAPITests.pizza, hash: "h", time: Date())
        for (input, rule) in [("Do you deliver?", "main.3"), ("do you deliver", "main.3"), ("hi", "main.1"), ("pineapple", nil)] {
            try await store.logExchange(mind: "pizza", userID: "u", Exchange(input: input, output: "o", time: Date(), rule: rule, version: 1))
        }
        try store.close()
        let report = try await Self.run(["mind", "report", "pizza", "--store", path])
        #expect(report.status == 0)
        #expect(report.lines.first?.hasSuffix(": 4 exchanges") == true)
        #expect(report.lines.contains { $0.contains("2  do you deliver") && $0.contains("catch-all main.3") })
        #expect(report.lines.contains { $0.contains("1  pineapple") && $0.contains("no rule") })
        #expect(report.lines.contains("  1  main.1"))
        #expect(report.lines.contains("  0  main.0   (never won)"))
        let unknown = try await Self.run(["mind", "report", "nosuch", "--store", path, "--minds-dir", folder.path])
        #expect(unknown.status == 1)
    }
}
