import Testing
@testable import ParleyMind

@Suite("Determinism")
struct DeterminismTests {
    static let rulebase = MindFixtures.rules("""
              - {kind: restate, input: "~greeting *", infer: [Greeting]}
              - {kind: respond, when: [Greeting], say: ["Hi!", "Hello!", "Hey there!", "{@mood}"]}
              - {kind: respond, input: "remember {x}", assert: ["Note({x})"], say: ["Noted {x}.", "Got it: {x}."]}
              - {kind: generate, intent: mood, when: ["Note(?x)"], say: ["About {?x}...", "Still {?x}?"]}
              - {kind: generate, intent: mood, say: ["Howdy.", "Yo."]}
              - {kind: respond, id: nudge, idle: 4, say: ["Anyone?", "Hello?"]}
              - {kind: respond, input: "*", say: ["Go on.", "I see.", "Tell me more."]}
        """, extra: "concepts: {greeting: [hi, hello, hey]}")

    @Test("same mind, input and data give byte-identical data, for many seeds")
    func byteIdentical() throws {
        let first = try MindFixtures.mind(Self.rulebase)
        let second = try MindFixtures.mind(Self.rulebase)
        let inputs = ["hi", "remember the milk", "hello", "[idle 5]", "what", "hey", "hey", "[idle 9]", "ok"]
        for seed in [UInt64(0), 1, 42, 0xDEAD_BEEF, .max] {
            var a = ConversationData(seed: seed)
            var b = try ConversationData(jsonText: a.jsonText)
            for input in inputs {
                let left = try first.reply(to: input, data: a)
                let right = try second.reply(to: input, data: b)
                #expect(left.output == right.output)
                #expect(left.data.jsonText == right.data.jsonText)
                #expect(left.idle == right.idle)
                a = left.data
                // The second conversation goes through JSON text each turn, as a caller would.
                b = try ConversationData(jsonText: right.data.jsonText)
            }
        }
    }

    @Test("a reply does not depend on anything but its arguments")
    func repeatable() throws {
        let mind = try MindFixtures.mind(Self.rulebase)
        let data = try MindFixtures.conversation(mind, ["hi", "remember tea"]).data
        let replies = try (0..<5).map { _ in try mind.reply(to: "hey", data: data).data.jsonText }
        #expect(Set(replies).count == 1)
    }
}
