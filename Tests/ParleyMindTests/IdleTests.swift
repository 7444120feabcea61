import Testing
@testable import ParleyMind

@Suite("Control inputs and idle (section 8)")
struct IdleTests {
    static let rulebase = MindFixtures.rules("""
              - {kind: respond, id: nudge, idle: 5, say: "Still there?"}
              - {kind: respond, id: early, idle: 2, when: ["Asked"], say: "Take your time."}
              - {kind: respond, id: final, idle: 30, once: true, say: "Bye for now."}
              - {kind: respond, input: "question", assert: [Asked], say: "?"}
              - {kind: respond, input: "[idle {n}]", say: "literal idle {n}"}
              - {kind: respond, input: "[_ {n}]", say: "any control {n}"}
              - {kind: respond, input: "*", say: "ok"}
        """)

    @Test("idle is the smallest pending threshold whose conditions hold")
    func idleValue() throws {
        let mind = try MindFixtures.mind(Self.rulebase)
        #expect(try mind.reply(to: "hello", data: .new).idle == 5)
        let (_, asked) = try MindFixtures.conversation(mind, ["question"])
        #expect(asked.idle == 2)
    }

    @Test("idle rules are candidates for [idle n] with N <= n, smallest N first, once since the last input")
    func idleRules() throws {
        let mind = try MindFixtures.mind(Self.rulebase)
        let (outputs, data) = try MindFixtures.conversation(
            mind, ["question", "[idle 1]", "[idle 2]", "[idle 40]", "[idle 40]", "[idle 40]"])
        #expect(outputs == ["?", "literal idle 1", "Take your time.", "Still there?", "Bye for now.", "literal idle 40"])
        #expect(data.idle == nil)
        #expect(data.jsonText.contains(#""used":["final"],"fired":["early","nudge","final"]"#))
        // A new input clears fired; the once rule stays used and is never pending again.
        let next = try mind.reply(to: "hi", data: data)
        #expect(next.data.jsonText.contains(#""fired":[]"#))
        #expect(next.idle == 2)
    }

    @Test("only patterns starting with the word idle see [idle n]; other idle shapes are ordinary controls")
    func idleShapes() throws {
        let mind = try MindFixtures.mind(Self.rulebase)
        #expect(try mind.reply(to: "[idle 1]", data: .new).output == "literal idle 1")
        #expect(try mind.reply(to: "[idle soon]", data: .new).output == "literal idle soon")
        #expect(try mind.reply(to: "[idle -1]", data: .new).output == "literal idle -1")
        #expect(try mind.reply(to: "[wait 3]", data: .new).output == "any control 3")
        let plain = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, input: "[_ {n}]", say: "any control {n}"}
                  - {kind: respond, input: "[(idle|x) {n}]", say: "group {n}"}
            """))
        #expect(try plain.reply(to: "[idle 3]", data: .new).output == "")
        #expect(try plain.reply(to: "[idle]", data: .new).output == "")
        #expect(try plain.reply(to: "[idle soon]", data: .new).output == "group soon")
    }

    @Test("[idle n] goes through restate like any input")
    func idleRestate() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: restate, input: "[idle *]", infer: [Quiet]}
                  - {kind: restate, input: "hi", infer: [Quiet]}
                  - {kind: respond, id: nudge, idle: 1, when: [Quiet], say: "quiet"}
                  - {kind: respond, input: "*", say: "ok"}
            """))
        #expect(try mind.reply(to: "[idle 4]", data: .new).output == "quiet")
        // Turn facts do not count for the pending idle value.
        #expect(try mind.reply(to: "hi", data: .new).idle == nil)
    }

    @Test("idle values keep their written form: integral values print as integers")
    func idleJSON() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, id: half, idle: 2.5, say: "x"}
                  - {kind: respond, input: "*", say: "ok"}
            """))
        let reply = try mind.reply(to: "hi", data: .new)
        #expect(reply.idle == 2.5)
        #expect(reply.data.jsonText.hasSuffix(#""idle":2.5}"#))
    }
}
