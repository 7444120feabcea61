import Testing
@testable import ParleyMind

@Suite("Turn traces")
struct TurnTraceTests {
    @Test("the trace shows input, substitutions, restates, ranked candidates, winner, effects and output")
    func trace() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: restate, input: "hiya", to: "hello", infer: [Casual]}
                  - {kind: respond, input: "hello", when: [Formal], say: "Good day."}
                  - {kind: respond, id: greet, input: "hello", assert: ["Greeted"], say: "{@hi}"}
                  - {kind: generate, intent: hi, say: "Hi!"}
                  - {kind: respond, input: "*", say: "?"}
            """, extra: "substitutions: {hey: hiya}"))
        var trace = TurnTrace()
        let reply = try mind.reply(to: "  Hey!  ", data: .new, trace: &trace)
        #expect(reply.output == "Hi!")
        #expect(trace.input == "Hey!")
        #expect(trace.tokens == ["hiya"])
        #expect(trace.substitution == "Hey -> hiya")
        #expect(trace.restatements == [.init(rule: "main.0", form: "hello", inferred: ["Casual"])])
        #expect(trace.candidates == [
            .init(rule: "main.1", form: 1, outcome: .conditionsFailed),
            .init(rule: "greet", form: 1, outcome: .won),
            .init(rule: "main.4", form: 0, outcome: .outranked),
            .init(rule: "main.4", form: 1, outcome: .outranked),
        ])
        #expect(trace.winner == "greet")
        #expect(trace.effects == ["assert Greeted"])
        #expect(trace.generated == ["@hi -> main.3"])
        let text = trace.description
        for line in ["input: Hey!", "substituted: Hey -> hiya", "restate main.0 -> hello infer Casual",
                     "  main.1 @form 1: conditions do not hold", "winner: greet", "  assert Greeted",
                     "generate @hi -> main.3", "output: Hi!", "idle: none"] {
            #expect(text.contains(line), "missing \(line) in\n\(text)")
        }
    }

    @Test("a goto to no state is traced as such")
    func gotoNoState() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, input: "leave", goto: null, say: "Bye."}
            """))
        var trace = TurnTrace()
        _ = try mind.reply(to: "leave", data: .new, trace: &trace)
        #expect(trace.effects == ["goto main (no state)"])
    }
}
