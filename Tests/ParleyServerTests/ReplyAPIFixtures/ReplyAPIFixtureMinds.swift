import Foundation

/// Rulebases the reply API tests serve, written into a fresh minds folder per test.
enum ReplyAPIFixtureMinds {
    /// The worked example of mind-language.md section 11.
    static let seedDemo = """
        mind: seed-demo
        version: 1
        concepts:
          greeting: [hi, hello, hey]
        models:
          - name: main
            rules:
              - {kind: restate, input: "~greeting [there]", infer: [Greeting]}
              - {kind: respond, when: [Greeting], say: "[head-nod] Hello."}
              - {kind: respond, input: "my name is {name}", retract: ["UserName(_)"],
                 assert: ["UserName({name})"], say: "Ok {name}."}
              - {kind: respond, input: "who am i", when: ["UserName(?n)"], say: "I know you as {?n}."}
              - {kind: respond, input: "who am i", say: "I don't know your name yet."}
              - {kind: respond, input: "[auto *]", when: ["Returning"], retract: [Returning],
                 say: "Welcome back! How can I help?"}
              - {kind: respond, input: "[auto *]", say: "Welcome to ACME corp! How can I help?"}
              - {kind: respond, input: "[restart {m:#}]", assert: [Returning], say: ""}
              - {kind: respond, idle: 3, say: "How can I help?"}
              - {kind: respond, input: "*", say: "Tell me more."}
        """

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
