import Foundation

/// Rulebases the reply API tests serve, written into a fresh minds folder per test.
enum ReplyAPIFixtureMinds {
    /// The worked example, minds/seed-demo.yaml, as the repository ships it (`minds/seed-demo.yaml`).
    static let seedDemo: String = {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("minds/seed-demo.yaml").path
        // A missing file makes every test that serves this mind fail with unknown_mind or invalid_rulebase.
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }()

    /// A mind that greets new and returning users, to see `[start]` and `[restart n]`.
    static let greeter = """
        {"mind": "greeter", "version": 1, "models": [{"name": "main", "rules": [
          {"kind": "respond", "input": "[start]", "say": "Nice to meet you."},
          {"kind": "respond", "input": "[restart {m:#}]", "say": "Back after {m} minutes."},
          {"kind": "respond", "input": "*", "say": "Go on."}
        ]}]}
        """

    /// A rulebase that fails validation (an unknown concept).
    static let broken = """
        mind: broken
        version: 1
        models:
          - name: main
            rules:
              - {kind: respond, input: "~nosuchconcept", say: "never"}
        """

    /// A fresh minds folder holding `seed-demo.yaml` and `greeter.json` (and `files`, by name).
    static func folder(_ files: [String: String] = [:]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("parley-reply-api-\(UUID().uuidString)", isDirectory: true)
        let minds = directory.appendingPathComponent("minds", isDirectory: true)
        try FileManager.default.createDirectory(at: minds, withIntermediateDirectories: true)
        let all = ["seed-demo.yaml": seedDemo, "greeter.json": greeter].merging(files) { _, new in new }
        for (name, text) in all {
            try text.write(to: minds.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return minds
    }
}
