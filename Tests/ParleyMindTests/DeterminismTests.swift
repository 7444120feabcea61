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

    /// Two models with states, gotos (within and across models, and to no state), once and idle
    /// rules, facts asserted and retracted.
    static let statefulRulebase = """
        mind: stateful
        version: 1
        models:
          - name: shop
            initial: browsing
            rules:
              - {kind: respond, input: "reset", goto: browsing, retract: ["Cart(_)"], say: "Reset."}
              - {kind: respond, input: "leave", goto: null, say: "Bye."}
              - {kind: respond, input: "help", goto: "desk.open", say: "Opening the desk."}
              - {kind: respond, id: welcome, input: "hello", once: true, say: "Welcome, first time."}
              - {kind: respond, id: nudge, idle: 3, say: "Still there?"}
              - {kind: respond, input: "*", say: "Shop here."}
            states:
              - name: browsing
                rules:
                  - {kind: respond, input: "buy {item}", assert: ["Cart({item})"], goto: paying, say: "{item} in the cart."}
              - name: paying
                rules:
                  - {kind: respond, input: "pay", when: ["Cart(?x)"], retract: ["Cart(?x)"], goto: browsing, say: "Paid for {?x}."}
          - name: desk
            rules:
              - {kind: respond, input: "ticket", when: ["not Cart(_)"], say: "Empty-handed ticket."}
            states:
              - name: open
                rules:
                  - {kind: respond, input: "close", goto: null, say: "Desk closed."}
        """

    @Test("data carried from turn to turn gives what the same data read from its JSON gives")
    func carriedDataMatchesReadData() throws {
        let mind = try Mind.load(text: Self.statefulRulebase, format: .yaml).mind
        let inputs = [
            "hello", "hello", "buy tea", "[idle 4]", "[idle 4]", "pay", "help", "ticket", "close", "buy jam",
            "help", "reset", "ticket", "leave", "hello", "buy milk", "pay", "[idle 5]", "anything",
        ]
        var carried = ConversationData(seed: 7)
        var read = carried
        for input in inputs {
            let left = try mind.reply(to: input, data: carried)
            let right = try mind.reply(to: input, data: read)
            #expect(left.output == right.output, "\(input)")
            #expect(left.data.jsonText == right.data.jsonText, "\(input)")
            #expect(left.data.jsonByteCount == left.data.jsonText.utf8.count, "\(input)")
            #expect(left.idle == right.idle, "\(input)")
            carried = left.data
            read = try ConversationData(jsonText: right.data.jsonText)
        }
    }

    @Test("data changed between turns is read again, not taken from what the last turn wrote")
    func changedDataIsReadAgain() throws {
        let mind = try Mind.load(text: Self.statefulRulebase, format: .yaml).mind
        var data = try mind.reply(to: "buy tea", data: ConversationData(seed: 7)).data
        data = try mind.reply(to: "hello", data: data).data
        // In "paying", with the once rule used and a fact; then each changed by hand, as a caller could.
        // (Ids of rules the mind does not have are dropped by the next turn.)
        var states = data, used = data, fired = data, world = data
        states.states = ["shop": "browsing", "desk": "open"]
        used.used = ["welcome", "gone"]
        fired.fired = ["gone"]
        world.world = []
        for edited in [states, used, fired, world] {
            let fromEdited = try ConversationData(jsonText: edited.jsonText)
            #expect(fromEdited.jsonText != data.jsonText)
            for input in ["hello", "pay", "buy jam", "close", "ticket", "[idle 4]"] {
                let left = try mind.reply(to: input, data: edited)
                let right = try mind.reply(to: input, data: fromEdited)
                #expect(left.output == right.output, "\(input)")
                #expect(left.data.jsonText == right.data.jsonText, "\(input)")
                #expect(left.data.jsonByteCount == left.data.jsonText.utf8.count, "\(input)")
            }
        }
    }
}
