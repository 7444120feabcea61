import Foundation
import ParleyCore
import Testing

/// The built `parley mind` commands, run from the repository root on the shipped minds.
@Suite(.timeLimit(.minutes(5)), .enabled(if: ParleyProcess.executable != nil))
struct MindCommandLineTests {
    /// The repository root, where `minds/` is.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func checkAcceptsTheDemoMind() async throws {
        let check = try ParleyProcess(["mind", "check", "minds/demo.yaml"], directory: Self.root)
        #expect(await check.nextLine() == #"minds/demo.yaml: mind "acme-support" loads: 0 errors, 0 warnings"#)
        #expect(await check.waitForExit() == 0)
    }

    @Test func checkReportsErrorsWithTheirPathsAndFails() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let mind = directory.appendingPathComponent("broken.yaml")
        try """
            mind: broken
            version: 1
            models:
              - name: main
                rules:
                  - {kind: respond, input: "(a", say: hi}
                  - {kind: respond, input: "*", goto: nowhere, say: ok}
            """.write(to: mind, atomically: true, encoding: .utf8)
        let check = try ParleyProcess(["mind", "check", mind.path])
        var lines: [String] = []
        while let line = await check.nextLine() { lines.append(line) }
        // FILE:LINE:COLUMN: the column of the '(' inside the pattern, counted on its line.
        #expect(lines.contains("\(mind.path):6:33: models[0].rules[0].input: unbalanced '(' at column 1"))
        #expect(lines.contains { $0.hasPrefix("\(mind.path):7:43: models[0].rules[1].goto: ") })
        let json = try ParleyProcess(["mind", "check", "--format", "json", mind.path])
        var text = ""
        while let line = await json.nextLine() { text += line }
        let report = try JSONValue.parse(text)
        #expect(report["loads"] == false)
        #expect(report["errors"] == 2)
        #expect(report["diagnostics"]?.arrayValue?.first?["line"] == 6)
        #expect(report["diagnostics"]?.arrayValue?.first?["column"] == 33)
        // The rule each finding is in, by the id traces and tests use.
        #expect(report["diagnostics"]?.arrayValue?.map { $0["rule"] } == ["main.0", "main.1"])
        #expect(await json.waitForExit() == 1)
        #expect(lines.last == "\(mind.path): does not load: 2 errors, 0 warnings")
        #expect(await check.waitForExit() == 1)
    }

    @Test func testRunsTheShippedConversationTests() async throws {
        let test = try ParleyProcess(["mind", "test", "minds/tests/seed-demo.tests.yaml"], directory: Self.root)
        var last: String?
        while let line = await test.nextLine() { last = line }
        #expect(last == "9 passed, 0 failed")
        #expect(await test.waitForExit() == 0)
    }

    @Test func testPrintsAFailureWithItsTraceAndFails() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tests = directory.appendingPathComponent("wrong.tests.yaml")
        try """
            mind: \(Self.root.appendingPathComponent("minds/seed-demo.yaml").path)
            tests:
              - name: wrong greeting
                steps:
                  - {say: "hello", expect: "Goodbye."}
            """.write(to: tests, atomically: true, encoding: .utf8)
        let test = try ParleyProcess(["mind", "test", tests.path])
        var lines: [String] = []
        while let line = await test.nextLine() { lines.append(line) }
        #expect(lines.contains { $0.hasPrefix("FAIL wrong greeting, step 1") })
        #expect(lines.contains(#"  expected: "Goodbye.""#))
        #expect(lines.contains(#"  actual:   "[head-nod] Hello.""#))
        #expect(lines.contains { $0.contains("winner: main.1") })
        #expect(lines.last == "0 passed, 1 failed")
        #expect(await test.waitForExit() == 1)
    }

    @Test func testNamesTheTestFileWhoseMindIsMissing() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "mind: nothere.yaml\ntests: []\n".write(to: directory.appendingPathComponent("a.tests.yaml"), atomically: true, encoding: .utf8)
        let test = try ParleyProcess(["mind", "test", "a.tests.yaml"], directory: directory)
        var lines: [String] = []
        while let line = await test.nextLine() { lines.append(line) }
        #expect(lines == ["a.tests.yaml: cannot read nothere.yaml: no such file", "0 passed, 0 failed, 1 file could not be run"])
        #expect(await test.waitForExit() == 1)
    }

    @Test func whyShowsTheTurnAndTheNewData() async throws {
        let why = try ParleyProcess(["mind", "why", "minds/seed-demo.yaml", "hello"], directory: Self.root)
        var lines: [String] = []
        while let line = await why.nextLine() { lines.append(line) }
        #expect(lines.contains("restate main.0 infer Greeting"))
        #expect(lines.contains("winner: main.1"))
        #expect(lines.contains("output: [head-nod] Hello."))
        #expect(lines.contains { $0.hasPrefix(#"data: {"v":1,"turn":1,"#) })
        #expect(await why.waitForExit() == 0)
    }

    private static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-mind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
