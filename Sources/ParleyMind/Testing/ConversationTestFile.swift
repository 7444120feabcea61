import Foundation
import ParleyCore

/// A conversation test file (docs/minds-tools.md#conversation-tests): a mind and tests that drive it turn
/// by turn, checking outputs and data.
public struct ConversationTestFile: Sendable {
    /// The test file's path.
    public let path: String
    /// The mind's path, resolved against the test file's folder.
    public let mindPath: String
    public let mind: Mind
    /// The mind's load warnings.
    public let mindWarnings: [Diagnostic]
    public let tests: [ConversationTest]

    /// Output tags replaced by fixed text before outputs are checked (`tags: {price: "$14.00"}`),
    /// as a tag handler would replace them; by tag word.
    public let tagStubs: [String: String]

    /// Loads the test file at `path` and the mind it names, both read with `read`. Throws
    /// `read`'s errors or a `ConversationTestError` listing every problem.
    public static func load(path: String, read: (String) throws -> String) throws -> ConversationTestFile {
        let text = try read(path)
        let (parsed, log) = parse(text, mindRequired: true)
        guard let mindName = parsed?.mindName else {
            throw ConversationTestError(diagnostics: SourceMap.locate(log.diagnostics, in: text))
        }
        let mindPath = resolve(mindName, against: path)
        let loaded: LoadedMind
        do {
            loaded = try Mind.load(path: mindPath, read: read)
        } catch let failure as RulebaseError {
            // The mind's findings are named by the mind's file and path (their lines are the mind's).
            let located = SourceMap.locate(log.diagnostics, in: text)
            throw ConversationTestError(diagnostics: located + failure.diagnostics.map {
                Diagnostic(path: $0.path.isEmpty ? mindPath : mindPath + ": " + $0.path, message: $0.message, severity: $0.severity)
            })
        }
        guard let parsed, log.errorCount == 0 else {
            throw ConversationTestError(diagnostics: SourceMap.locate(log.diagnostics, in: text))
        }
        return ConversationTestFile(
            path: path, mindPath: mindPath, mind: loaded.mind, mindWarnings: loaded.warnings, tests: parsed.tests,
            tagStubs: parsed.tags)
    }

    /// The tests of `text` (the test file format; `mind:` may be left out and is ignored) for
    /// `mind`, which is already loaded. Throws a `ConversationTestError` with every problem, each
    /// with its line and column in `text`.
    public init(tests text: String, mind: Mind) throws(ConversationTestError) {
        let (parsed, log) = Self.parse(text, mindRequired: false)
        guard let parsed, log.errorCount == 0 else {
            throw ConversationTestError(diagnostics: SourceMap.locate(log.diagnostics, in: text))
        }
        self.init(path: "", mindPath: "", mind: mind, mindWarnings: [], tests: parsed.tests, tagStubs: parsed.tags)
    }

    private init(
        path: String, mindPath: String, mind: Mind, mindWarnings: [Diagnostic], tests: [ConversationTest],
        tagStubs: [String: String]
    ) {
        self.path = path
        self.mindPath = mindPath
        self.mind = mind
        self.mindWarnings = mindWarnings
        self.tests = tests
        self.tagStubs = tagStubs
    }

    /// What a test file's text holds: the mind it names, its tests and its tag stubs (nil when
    /// it cannot be read at all), and the problems found.
    private static func parse(_ text: String, mindRequired: Bool)
        -> (parsed: (mindName: String?, tests: [ConversationTest], tags: [String: String])?, log: DocumentDiagnostics)
    {
        var log = DocumentDiagnostics()
        let document: DocumentNode
        do {
            document = try YAMLDocumentReader.read(text)
        } catch {
            log.append([Diagnostic(path: "", message: "invalid YAML: \(error.description)", severity: .error,
                                   line: error.line, column: error.column)])
            return (nil, log)
        }
        if mindRequired, case .object(let members) = document, members.contains(where: { $0.key == "models" }) {
            log.error("", "this is a mind, not a conversation test file: give a test file (with mind: and tests:), "
                + "e.g. minds/tests/NAME.tests.yaml (docs/minds-tools.md)")
            return (nil, log)
        }
        guard let root = log.fields(document, "", allowed: ["mind", "tests", "tags"]) else { return (nil, log) }
        var mindName: String?
        if let mindNode = root["mind"] {
            mindName = log.text(mindNode, "mind")
        } else if mindRequired {
            log.error("mind", "missing required field")
        }
        var tests: [ConversationTest] = []
        for (index, node) in log.list(root["tests"], "tests").enumerated() {
            if let test = readTest(node, "tests[\(index)]", &log) { tests.append(test) }
        }
        if root["tests"] == nil { log.error("tests", "missing required field") }
        var tags: [String: String] = [:]
        if let tagsNode = root["tags"] {
            if case .object(let entries) = tagsNode {
                for entry in entries {
                    guard let stub = log.text(entry.value, "tags." + entry.key) else { continue }
                    tags[entry.key.lowercased()] = stub
                }
            } else {
                log.error("tags", "expected an object of tag: text, found \(tagsNode.typeName)")
            }
        }
        if mindRequired, mindName == nil { return (nil, log) }
        return ((mindName, tests, tags), log)
    }

    /// `relative` resolved against the folder of `file` (absolute paths stay as they are).
    private static func resolve(_ relative: String, against file: String) -> String {
        guard !relative.hasPrefix("/"), let slash = file.lastIndex(of: "/") else { return relative }
        return String(file[...slash]) + relative
    }

    private static func readTest(_ node: DocumentNode, _ path: String, _ log: inout DocumentDiagnostics)
        -> ConversationTest?
    {
        guard let members = log.fields(node, path, allowed: ["name", "data", "time", "steps"]) else { return nil }
        let name = members["name"].flatMap { log.text($0, path + ".name") } ?? path
        var data = ConversationData.new
        if let dataNode = members["data"] {
            do {
                if case .string(let text) = dataNode {
                    data = try ConversationData(jsonText: text)
                } else {
                    data = try ConversationData(json: dataNode.jsonValue)
                }
            } catch {
                log.error(path + ".data", error.message)
            }
        }
        var time: Date?
        if let timeNode = members["time"], let text = log.text(timeNode, path + ".time") {
            time = ISO8601DateFormatter().date(from: text)
            if time == nil { log.error(path + ".time", "expected a time such as 2026-12-07T08:30:00Z, found \"\(text)\"") }
        }
        var steps: [ConversationTestStep] = []
        for (index, stepNode) in log.list(members["steps"], path + ".steps").enumerated() {
            if let step = readStep(stepNode, path + ".steps[\(index)]", &log) { steps.append(step) }
        }
        return ConversationTest(name: name, data: data, time: time, steps: steps)
    }

    private static func readStep(_ node: DocumentNode, _ path: String, _ log: inout DocumentDiagnostics)
        -> ConversationTestStep?
    {
        let allowed: [String] = ["say", "expect", "match", "facts", "states", "idle"]
        guard let members = log.fields(node, path, allowed: allowed) else { return nil }
        let say = members["say"].flatMap { log.text($0, path + ".say") }
        let expect = members["expect"].map { log.texts($0, path + ".expect").map(\.text) }
        let match = members["match"].flatMap { log.text($0, path + ".match") }
        if let match {
            do {
                _ = try Regex(match)
            } catch {
                log.error(path + ".match", "invalid regular expression: \(error)")
            }
        }
        if say == nil, expect != nil || match != nil {
            log.error(path, "expect and match need a say in the same step")
        }
        var facts: [Fact] = []
        var absentFacts: [Fact] = []
        for entry in members["facts"].map({ log.texts($0, path + ".facts") }) ?? [] {
            do {
                // `not X(y)` checks that a fact is absent.
                let words = entry.text.trimmingWhiteSpace
                if words.hasPrefix("not "), let rest = Optional(String(words.dropFirst(4)).trimmingWhiteSpace), !rest.isEmpty {
                    absentFacts += try FactSyntax.facts(rest)
                } else {
                    facts += try FactSyntax.facts(entry.text)
                }
            } catch {
                log.error(entry.path(in: path + ".facts"), error.description)
            }
        }
        var states: [String: String?]?
        if let statesNode = members["states"] {
            if case .object(let entries) = statesNode {
                var expected: [String: String?] = [:]
                for entry in entries {
                    expected[entry.key] = entry.value == .null
                        ? .some(nil) : .some(log.text(entry.value, path + ".states." + entry.key))
                }
                states = expected
            } else {
                log.error(path + ".states", "expected an object of model: state, found \(statesNode.typeName)")
            }
        }
        var idle: Double??
        switch members["idle"] {
        case nil: idle = nil
        case .null?: idle = .some(nil)
        case .number(let text)?: idle = .some(Double(text))
        case let other?: log.error(path + ".idle", "expected a number or null, found \(other.typeName)")
        }
        return ConversationTestStep(
            say: say, expect: expect, match: match, expectedFacts: facts, absentFacts: absentFacts, states: states, idle: idle, path: path)
    }

    /// Runs every test from its starting data.
    public func run() -> [ConversationTestResult] {
        tests.map(run)
    }

    /// Runs one test; a step's failures are all reported, and the test goes on after them.
    public func run(_ test: ConversationTest) -> ConversationTestResult {
        var data = test.data
        var failures: [ConversationTestFailure] = []
        var answeredBy: [String?] = []
        for (index, step) in test.steps.enumerated() {
            var trace: TurnTrace?
            func fail(_ expected: String, _ actual: String) {
                failures.append(ConversationTestFailure(
                    test: test.name, step: index, path: step.path, input: step.say, expected: expected,
                    actual: actual, trace: trace))
            }
            if let input = step.say {
                var turnTrace = TurnTrace()
                let reply: MindReply
                do {
                    reply = try mind.reply(to: input, data: data, time: test.time, trace: &turnTrace)
                } catch {
                    fail("a reply", "error \(error.description)")
                    continue
                }
                trace = turnTrace
                data = reply.data
                answeredBy.append(reply.rule)
                let output = stubbed(reply.output)
                if let expect = step.expect, !expect.contains(output) {
                    fail(expect.count == 1 ? quoted(expect[0]) : "one of " + expect.map(quoted).joined(separator: ", "),
                         quoted(output))
                }
                if let match = step.match, let regex = try? Regex(match), output.firstMatch(of: regex) == nil {
                    fail("a match of /\(match)/", quoted(output))
                }
            }
            let world = data.worldFacts
            let missing = step.expectedFacts.filter { fact in !data.world.contains { $0.isSame(as: fact) } }
            if !missing.isEmpty {
                fail("facts " + missing.map(\.description).joined(separator: " "), "world " + world.joined(separator: " "))
            }
            let present = step.absentFacts.filter { fact in data.world.contains { $0.isSame(as: fact) } }
            if !present.isEmpty {
                fail("no facts " + present.map(\.description).joined(separator: " "), "world " + world.joined(separator: " "))
            }
            for (model, expected) in (step.states ?? [:]).sorted(by: { $0.key < $1.key }) {
                let actual = mind.program.activeState(of: model, in: data)
                if actual != .some(expected) {
                    fail("\(model) in state \(expected ?? "null")",
                         actual.map { "\(model) in state \($0 ?? "null")" } ?? "no model named \(model)")
                }
            }
            if let expectedIdle = step.idle, expectedIdle != data.idle {
                fail("idle " + (expectedIdle.map(JSONWriter.numberText) ?? "absent"),
                     "idle " + (data.idle.map(JSONWriter.numberText) ?? "absent"))
            }
        }
        return ConversationTestResult(test: test.name, failures: failures, answeredBy: answeredBy)
    }

    /// `output` with each stubbed tag (`[price large]`) replaced by its stub text.
    private func stubbed(_ output: String) -> String {
        let tags = OutputTag.all(in: output).filter { tagStubs[$0.word] != nil }
        guard !tags.isEmpty else { return output }
        return OutputTag.replacing(tags, with: tags.map { tagStubs[$0.word] ?? "" }, in: output)
    }

    private func quoted(_ text: String) -> String {
        var writer = JSONWriter()
        writer.string(text)
        return writer.text
    }
}
