import Foundation
import ParleyMind
import Testing

/// The minds shipped in `minds/` load cleanly and pass their conversation test files.
@Suite struct DemoMindTests {
    /// The repository's `minds/` folder, found from this file's path.
    static let mindsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("minds").path

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test(arguments: ["demo", "seed-demo"])
    func loadsWithoutErrorsOrWarnings(name: String) throws {
        let path = "\(Self.mindsFolder)/\(name).yaml"
        do {
            let loaded = try Mind.load(path: path, read: Self.read)
            #expect(loaded.warnings.map(\.description) == [])
        } catch let error as RulebaseError {
            Issue.record("\(path) does not load:\n\(error)")
        }
    }

    @Test(arguments: ["demo", "seed-demo"])
    func passesItsConversationTests(name: String) throws {
        let path = "\(Self.mindsFolder)/tests/\(name).tests.yaml"
        let file: ConversationTestFile
        do {
            file = try ConversationTestFile.load(path: path, read: Self.read)
        } catch let error as ConversationTestError {
            Issue.record("\(path) cannot be run:\n\(error)")
            return
        }
        #expect(!file.tests.isEmpty)
        #expect(file.mindWarnings.map(\.description) == [])
        for result in file.run() {
            for failure in result.failures { Issue.record("\(failure)") }
        }
    }
}
