import Testing
@testable import ParleyMind

@Suite("Generate rules and variants (sections 5 and 7)")
struct GenerateAndVariantTests {
    @Test("{@intent} renders the first enabled generate rule whose conditions hold, with the caller's bindings")
    func generate() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, input: "hi {name}", say: "{@greet} {name}."}
                  - {kind: respond, input: "mood {m}", retract: ["Mood(_)"], assert: ["Mood({m})"], say: "{@greet}"}
                  - {kind: generate, intent: greet, when: ["Mood(happy)"], say: "Yay"}
                  - {kind: generate, intent: greet, when: ["Mood(?m)"], say: "Hello ({?m})"}
                  - {kind: generate, intent: greet, say: "Hello"}
            """))
        #expect(try mind.reply(to: "hi Joe", data: .new).output == "Hello Joe.")
        let (outputs, _) = try MindFixtures.conversation(mind, ["mood happy", "hi Ann", "mood grumpy", "hi Bo"])
        // Generate rules see the winner's effects (the new mood).
        #expect(outputs == ["Yay", "Yay Ann.", "Hello (grumpy)", "Hello (grumpy) Bo."])
    }

    @Test("generate rules follow states: enabled after the winner's goto")
    func generateAfterGoto() throws {
        let mind = try MindFixtures.mind("""
            mind: g
            version: 1
            models:
              - name: main
                rules:
                  - {kind: respond, input: "go", goto: there, say: "{@where}"}
                  - {kind: generate, intent: where, say: "here"}
                  - {kind: respond, input: "*", say: "fallback"}
                states:
                  - name: there
                    rules:
                      - {kind: generate, intent: where, say: "there"}
            """)
        #expect(try mind.reply(to: "go", data: .new).output == "there")
    }

    @Test("recursive intents stop at depth 8, and at 256 expansions per turn")
    func recursionLimits() throws {
        let deep = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, input: "go", say: "<{@loop}>"}
                  - {kind: generate, intent: loop, say: "x{@loop}"}
            """))
        var trace = TurnTrace()
        #expect(try deep.reply(to: "go", data: .new, trace: &trace).output == "<xxxxxxxx>")
        #expect(trace.notes.contains { $0.contains("depth 8") })

        let wide = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, input: "go", say: "{@a}"}
                  - {kind: generate, intent: a, say: "{@b}{@b}{@b}{@b}"}
                  - {kind: generate, intent: b, say: "{@c}{@c}{@c}{@c}"}
                  - {kind: generate, intent: c, say: "{@d}{@d}{@d}{@d}"}
                  - {kind: generate, intent: d, say: "{@e}{@e}{@e}{@e}"}
                  - {kind: generate, intent: e, say: "y"}
            """))
        // Expansion is depth first: a (1) and three whole b subtrees (85 each: 1 b, 4 c, 16 d, 64 e)
        // make the 256; the fourth b renders "".
        let output = try wide.reply(to: "go", data: .new).output
        #expect(output == String(repeating: "y", count: 3 * 64))
    }

    @Test("variants avoid the last 20 recorded choices; all recent: the least recently chosen")
    func variants() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, input: "hi", say: ["Hi.", "Hello.", "Hey."]}
                  - {kind: respond, input: "one", say: ["Only."]}
            """))
        let (outputs, data) = try MindFixtures.conversation(mind, ["hi", "hi", "hi", "hi", "hi", "hi"])
        #expect(Set(outputs[0..<3]) == ["Hi.", "Hello.", "Hey."])
        #expect(Array(outputs[3..<6]) == Array(outputs[0..<3]))
        #expect(data.recent.count == 6)
        #expect(data.recent.last == FNV1a.hash(outputs[5]))
        // One candidate: no draw, so the seed does not move.
        let before = try mind.reply(to: "one", data: data)
        #expect(before.data.seed == data.seed)
        #expect(before.data.recent.count == 7)
    }

    @Test("a variant's text is recorded with its intents unexpanded, before the nested choices")
    func recordedText() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, input: "hi {n}", say: ["Hi {n} {@tail}"]}
                  - {kind: generate, intent: tail, say: ["!"]}
            """))
        let reply = try mind.reply(to: "hi Joe", data: .new)
        #expect(reply.output == "Hi Joe !")
        #expect(reply.data.recent == [FNV1a.hash("Hi Joe {@tail}"), FNV1a.hash("!")])
    }

    @Test("recent keeps the last 20 choices")
    func recentWindow() throws {
        let variants = (0..<30).map { "\"v\($0)\"" }.joined(separator: ", ")
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, input: "x", say: [\(variants)]}
            """))
        let (outputs, data) = try MindFixtures.conversation(mind, Array(repeating: "x", count: 25))
        #expect(data.recent.count == 20)
        #expect(Set(outputs).count == 25)
    }

    @Test("different seeds give different conversations; each stays reproducible")
    func seeds() throws {
        let variants = (0..<10).map { "\"v\($0)\"" }.joined(separator: ", ")
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, input: "x", say: [\(variants)]}
            """))
        let inputs = Array(repeating: "x", count: 5)
        let first = try MindFixtures.conversation(mind, inputs, data: ConversationData(seed: 1)).outputs
        let again = try MindFixtures.conversation(mind, inputs, data: ConversationData(seed: 1)).outputs
        let other = try MindFixtures.conversation(mind, inputs, data: ConversationData(seed: 2)).outputs
        #expect(first == again)
        #expect(first != other)
    }
}
