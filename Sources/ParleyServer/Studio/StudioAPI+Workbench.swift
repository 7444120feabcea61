import Foundation
import Hummingbird
import ParleyCore
import ParleyMind
import ParleyStore

extension StudioAPI {
    /// `POST /studio/api/check` with `{"source"}`: diagnostics, and the outline unless
    /// `"outline": false` (a large mind's outline takes longer than its check); nothing is saved.
    func check(_ body: [String: JSONValue]) async throws -> Response {
        guard let source = try ReplyRequest.text(body, "source") else { throw ReplyAPIError.invalidRequest("give the source to check") }
        let check = await workbench.check(source)
        var answer: [String: JSONValue] = ["diagnostics": StudioJSON.diagnostics(check.diagnostics)]
        if body["outline"] != .bool(false) { answer["outline"] = StudioJSON.outline(await workbench.outline(source)) }
        return Self.json(.object(answer))
    }

    /// The body's `source`, else the draft (or a read-only mind's text).
    private func source(of name: String, _ body: [String: JSONValue]) async throws -> String {
        if let source = try ReplyRequest.text(body, "source") { return source }
        if let mind = try await store.studioMind(named: name) { return mind.source }
        guard let source = minds.source(of: name) else { throw Self.notFound(name) }
        return source
    }

    /// The mind `source` compiles to; 422 `invalid_rulebase` with its errors when it does not.
    private func compiled(_ source: String, name: String) async throws -> Mind {
        let check = await workbench.check(source)
        guard let mind = check.mind else { throw Self.invalidDraft(name, check.diagnostics) }
        return mind
    }

    /// `POST /studio/api/minds/{name}/try`: one turn of the draft (or `source`) with `data`, after
    /// setting its `facts` and `states` when given; with `input` null, only those edits.
    func tryTurn(_ name: String, _ body: [String: JSONValue]) async throws -> Response {
        let mind = try await compiled(try await source(of: name, body), name: name)
        var data = ConversationData(seed: UInt64.random(in: .min ... .max))
        // A JSON null is no data (a new conversation), like no member at all.
        var dataJSON = body["data"]
        if dataJSON == .null { dataJSON = nil }
        if body["facts"] != nil || body["states"] != nil {
            var members = dataJSON?.objectValue ?? ["v": 1, "turn": 0]
            if let facts = body["facts"] {
                guard let list = facts.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                    throw ReplyAPIError.invalidRequest("facts must be a list of facts as text, e.g. [\"UserName(Joe)\"]")
                }
                members["world"] = .string(list.compactMap(\.stringValue).joined(separator: " "))
            }
            if let states = body["states"] {
                guard case .object = states else { throw ReplyAPIError.invalidRequest("states must be an object of model: state") }
                members["states"] = states
            }
            dataJSON = .object(members)
        }
        if let dataJSON { data = try ConversationData(json: dataJSON) }
        var answer: [String: JSONValue] = [:]
        if let input = try ReplyRequest.text(body, "input") {
            var trace = TurnTrace()
            let reply = try mind.reply(to: input, data: data, time: Date(), trace: &trace)
            data = reply.data
            answer["output"] = .string(reply.output)
            answer["idle"] = reply.idle.map(JSONValue.number) ?? .null
            answer["trace"] = StudioJSON.trace(trace)
            answer["rule"] = reply.rule.map(JSONValue.string) ?? .null
        } else {
            answer["output"] = ""
            answer["idle"] = data.idleSeconds.map(JSONValue.number) ?? .null
        }
        answer["data"] = data.json
        answer["facts"] = .array(data.worldFacts.map(JSONValue.string))
        answer["states"] = .object(Dictionary(
            mind.states(in: data).map { ($0.model, $0.state.map(JSONValue.string) ?? .null) }, uniquingKeysWith: { first, _ in first }))
        answer["stateNames"] = .object(Dictionary(
            mind.stateNames.map { ($0.model, .array($0.states.map(JSONValue.string))) }, uniquingKeysWith: { first, _ in first }))
        return Self.json(.object(answer))
    }

    /// `POST /studio/api/minds/{name}/tests/run`: the tests (the body's `tests`, else the
    /// stored ones) against the draft (or `source`), with each failure's trace and rule coverage.
    func runTests(_ name: String, _ body: [String: JSONValue]) async throws -> Response {
        let stored = try await store.studioMind(named: name)
        let text = try await source(of: name, body)
        let mind = try await compiled(text, name: name)
        let outline = await workbench.outline(text)
        let testsText = try ReplyRequest.text(body, "tests") ?? stored?.tests ?? Self.emptyTests
        let file: ConversationTestFile
        do {
            file = try ConversationTestFile(tests: testsText, mind: mind)
        } catch {
            return Self.json([
                "passed": 0, "failed": 0, "diagnostics": StudioJSON.diagnostics(error.diagnostics), "results": [],
                "coverage": Self.coverage(mind, outline: outline, wins: [:]),
            ])
        }
        let results = file.run()
        var wins: [String: Int] = [:]
        for result in results {
            for case let rule? in result.answeredBy { wins[rule, default: 0] += 1 }
        }
        let passed = results.count { $0.passed }
        return Self.json([
            "passed": .number(Double(passed)), "failed": .number(Double(results.count - passed)), "diagnostics": [],
            "results": .array(results.map { result in
                [
                    "name": .string(result.test), "passed": .bool(result.passed),
                    "failures": .array(result.failures.map { failure in
                        [
                            "step": .number(Double(failure.step)), "path": .string(failure.path),
                            "input": failure.input.map(JSONValue.string) ?? .null, "expected": .string(failure.expected),
                            "actual": .string(failure.actual), "trace": failure.trace.map(StudioJSON.trace) ?? .null,
                        ]
                    }),
                ]
            }),
            "coverage": Self.coverage(mind, outline: outline, wins: wins),
        ])
    }

    /// 422 `invalid_rulebase` for a text of `name` that does not load, with its findings in `details`.
    static func invalidDraft(_ name: String, _ diagnostics: [Diagnostic]) -> ReplyAPIError {
        let errors = diagnostics.count { $0.severity == .error }
        return ReplyAPIError(
            status: .unprocessableContent, code: "invalid_rulebase",
            message: "the text of \"\(name)\" has \(errors) error\(errors == 1 ? "" : "s")", details: diagnostics)
    }

    /// `{"rules": [{"id", "line", "wins"}], "never": [ids]}` for the respond and generate rules.
    static func coverage(_ mind: Mind, outline: MindOutline, wins: [String: Int]) -> JSONValue {
        let lines = Dictionary(outline.entries.filter { $0.kind == "rule" }.map { ($0.name, $0.line) }, uniquingKeysWith: { first, _ in first })
        let rules = mind.rules.filter { $0.kind != "restate" }
        return [
            "rules": .array(rules.map { rule in
                [
                    "id": .string(rule.id), "line": lines[rule.id].map { .number(Double($0)) } ?? .null,
                    "wins": .number(Double(wins[rule.id] ?? 0)),
                ]
            }),
            "never": .array(rules.filter { wins[$0.id] == nil }.map { .string($0.id) }),
        ]
    }
}
