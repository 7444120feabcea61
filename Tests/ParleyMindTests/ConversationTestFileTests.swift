import Testing
@testable import ParleyMind

@Suite("Conversation tests (section 12)")
struct ConversationTestFileTests {
    private static func files(_ testFile: String) -> (String) throws -> String {
        { path in
            switch path {
            case "/tests/demo.test.yaml": return testFile
            case "/tests/seed-demo.yaml": return MindFixtures.seedDemo
            default: throw LookupError(path: path)
            }
        }
    }

    private struct LookupError: Error { let path: String }

    @Test("the section 12 example passes, with the mind path relative to the test file")
    func passing() throws {
        let file = try ConversationTestFile.load(path: "/tests/demo.test.yaml", read: Self.files("""
            mind: seed-demo.yaml
            tests:
              - name: remembers a name
                steps:
                  - {say: "My name is Joe.", expect: "Ok Joe."}
                  - {say: "Who am I?", expect: "I know you as Joe."}
                  - {say: "hi", expect: ["[head-nod] Hello.", "Hi!"]}
                  - {say: "Who am I?", match: "(?i)\\\\bjoe\\\\b"}
                  - {facts: ["UserName(Joe)"], states: {main: null}, idle: 3}
              - name: starts from data
                data: {world: "UserName(Ann)"}
                steps:
                  - {say: "who am i", expect: "I know you as Ann."}
              - name: starts from data as JSON text
                data: '{"world": "UserName(Bo)", "turn": 7}'
                steps:
                  - {say: "who am i", expect: "I know you as Bo."}
            """))
        #expect(file.mindPath == "/tests/seed-demo.yaml")
        let results = file.run()
        #expect(results.count == 3)
        let failures = results.flatMap(\.failures).map(\.description)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("a test's time: is the time of its turns, which {date} shows; a bad time is an error")
    func fixedTime() throws {
        let mind = try MindFixtures.mind("""
            mind: clock
            version: 1.1
            models:
              - name: main
                rules:
                  - {kind: respond, input: "when", say: "It is {date \\"%H:%M on %A\\"}."}
            """)
        let file = try ConversationTestFile(tests: """
            tests:
              - name: at half past eight
                time: 2026-12-07T08:30:00Z
                steps:
                  - {say: "when", expect: "It is 08:30 on Monday."}
              - name: without a time
                steps:
                  - {say: "when", expect: "It is ."}
            """, mind: mind)
        #expect(file.run().flatMap(\.failures).isEmpty)
        #expect(throws: ConversationTestError.self) {
            try ConversationTestFile(tests: "tests:\n  - {time: noon, steps: []}", mind: mind)
        }
    }

    @Test("a failing step reports the test, the step, expected and actual output, and the trace")
    func failing() throws {
        let file = try ConversationTestFile.load(path: "/tests/demo.test.yaml", read: Self.files("""
            mind: seed-demo.yaml
            tests:
              - name: wrong
                steps:
                  - {say: "hello", expect: "Goodbye."}
                  - {say: "who am i", match: "Joe"}
                  - {facts: ["UserName(Joe)"], states: {main: start}, idle: null}
            """))
        let failures = try #require(file.run().first).failures
        #expect(failures.count == 5)
        let first = try #require(failures.first)
        #expect(first.test == "wrong")
        #expect(first.step == 0)
        #expect(first.expected == #""Goodbye.""#)
        #expect(first.actual == #""[head-nod] Hello.""#)
        #expect(first.trace?.winner == "main.1")
        #expect(first.description.contains("FAIL wrong, step 1 (tests[0].steps[0]): say \"hello\""))
        #expect(first.description.contains("winner: main.1"))
        #expect(failures[1].expected == "a match of /Joe/")
        #expect(failures[2].expected == "facts UserName(Joe)")
        #expect(failures[3].expected == "main in state start")
        #expect(failures[4].expected == "idle absent")
        #expect(failures[4].actual == "idle 3")
    }

    @Test("bad test files list every problem with paths")
    func invalid() {
        #expect {
            _ = try ConversationTestFile.load(path: "/tests/demo.test.yaml", read: Self.files("""
                mind: seed-demo.yaml
                tests:
                  - name: bad
                    data: {v: 9}
                    steps:
                      - {expect: "x"}
                      - {say: "x", match: "(unclosed"}
                      - {say: "x", colour: red}
                """))
        } throws: { error in
            let messages = (error as? ConversationTestError)?.diagnostics.map(\.description) ?? []
            return messages.count == 4
                && messages.contains("tests[0].data: invalid data: unknown data version v=9")
                && messages.contains("tests[0].steps[0]: expect and match need a say in the same step")
                && messages.contains { $0.hasPrefix("tests[0].steps[1].match: invalid regular expression") }
                && messages.contains(#"tests[0].steps[2].colour: unknown field "colour""#)
        }
    }

    @Test("a mind that fails to load is reported with its path")
    func badMind() {
        let read: (String) throws -> String = { path in
            path.hasSuffix("test.yaml") ? "mind: broken.yaml\ntests: []" : "mind: x\nversion: 2\nmodels: []"
        }
        #expect {
            _ = try ConversationTestFile.load(path: "t/demo.test.yaml", read: read)
        } throws: { error in
            (error as? ConversationTestError)?.diagnostics.first?.description
                == "t/broken.yaml: version: unsupported version 2 (must be 1 or 1.1)"
        }
    }
}
