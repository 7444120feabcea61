import Testing
@testable import ParleyMind

@Suite("One turn (sections 5 and 6)")
struct TurnTests {
    @Test("restate rewrites in a chain; respond rules match any form, earlier forms first")
    func restateChain() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: restate, input: "what's up", to: "how are you"}
                  - {kind: restate, input: "how are you", to: "[status]", infer: ["AskedStatus"]}
                  - {kind: respond, input: "[status]", say: "Fine."}
                  - {kind: respond, input: "what's up", when: [AskedStatus], say: "Not much."}
                  - {kind: respond, input: "*", say: "?"}
            """))
        var trace = TurnTrace()
        let reply = try mind.reply(to: "What's up?", data: .new, trace: &trace)
        // The literal rule at form 0 outranks the control rule: more literal words (c).
        #expect(reply.output == "Not much.")
        #expect(trace.forms == ["What's up?", "how are you", "[status]"])
        #expect(trace.restatements.map(\.rule) == ["main.0", "main.1"])
        #expect(try mind.reply(to: "how are you", data: .new).output == "Fine.")
    }

    @Test("a restated form equal to an earlier one ends the chain; 16 firings at most")
    func restateLoops() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: restate, input: "a", to: "b"}
                  - {kind: restate, input: "b", to: "A!"}
                  - {kind: respond, input: "b", say: "b it is"}
            """))
        var trace = TurnTrace()
        #expect(try mind.reply(to: "a", data: .new, trace: &trace).output == "b it is")
        #expect(trace.forms == ["a", "b"])
        #expect(trace.notes.contains { $0.contains("repeats an earlier form") })

        let counting = (0..<20).map { "      - {kind: restate, input: \"s\($0)\", to: \"s\($0 + 1)\"}" }
        let long = try MindFixtures.mind(MindFixtures.rules(counting.joined(separator: "\n") + """

                  - {kind: respond, input: "_", say: "{1}"}
            """))
        var chain = TurnTrace()
        #expect(try long.reply(to: "s0", data: .new, trace: &chain).output == "s0")
        #expect(chain.forms.count == 17)
    }

    @Test("substitutions apply once to the text input, never to restated forms")
    func substitutions() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: restate, input: "hello", to: "what's new"}
                  - {kind: respond, input: "what is new", say: "substituted"}
                  - {kind: respond, input: "what's new", say: "restated"}
            """, extra: "substitutions: {\"what's\": \"what is\"}"))
        #expect(try mind.reply(to: "What's new?", data: .new).output == "substituted")
        #expect(try mind.reply(to: "hello", data: .new).output == "restated")
        #expect(try mind.reply(to: "[what's new]", data: .new).output == "")
    }

    @Test("ranking (a) priority, (b) state scope, (c) specificity, (d) conditions, (e) state before group, (g) order")
    func ranking() throws {
        let mind = try MindFixtures.mind("""
            mind: rank
            version: 1
            models:
              - name: main
                initial: s
                rules:
                  - {kind: respond, input: "p *", say: "model p"}
                  - {kind: respond, input: "p *", priority: 1, say: "model p high"}
                  - {kind: respond, input: "b x", say: "model b"}
                  - {kind: respond, input: "c *", say: "c star"}
                  - {kind: respond, input: "c _", say: "c one"}
                  - {kind: respond, input: "c x", say: "c literal"}
                  - {kind: respond, input: "g *", say: "g first"}
                  - {kind: respond, input: "g *", say: "g second"}
                  - {kind: respond, input: "*", say: "fallback"}
                groups:
                  - name: grp
                    rules:
                      - {kind: respond, input: "b *", say: "group b"}
                      - {kind: respond, input: "e *", say: "group e"}
                states:
                  - name: s
                    groups: [grp]
                    rules:
                      - {kind: respond, input: "e *", say: "state e"}
            """)
        func say(_ input: String) throws -> String { try mind.reply(to: input, data: .new).output }
        #expect(try say("p q") == "model p high")
        #expect(try say("b x") == "group b")
        #expect(try say("c x") == "c literal")
        #expect(try say("c y") == "c one")
        #expect(try say("c y z") == "c star")
        #expect(try say("e") == "state e")
        #expect(try say("g") == "g first")
    }

    @Test("(d) more conditions win, and conditions are checked lazily in rank order")
    func conditionsRank() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, input: "d *", say: "d plain"}
                  - {kind: respond, input: "d *", when: ["Flag"], say: "d flagged"}
                  - {kind: respond, input: "set", assert: [Flag], say: "set"}
            """))
        #expect(try MindFixtures.conversation(mind, ["d", "set", "d"]).outputs == ["d plain", "set", "d flagged"])
        var trace = TurnTrace()
        _ = try mind.reply(to: "d", data: .new, trace: &trace)
        #expect(trace.candidates.map(\.outcome) == [.conditionsFailed, .won])
    }

    @Test("(f) a rule ranks at the first form where it matches and its conditions hold")
    func formRank() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: restate, input: "hey", to: "hello", infer: [Greeted]}
                  - {kind: respond, input: "_", when: [Greeted], say: "one word {1}"}
            """))
        #expect(try mind.reply(to: "hey", data: .new).output == "one word hey")
    }

    @Test("captures, positional captures and variables render; trace lists losers and winner")
    func rendering() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, input: "* costs {price:#} [dollars]", say: "{1}: {price} {{USD}}"}
                  - {kind: respond, input: "my name is {name}", say: "Hi {name}!"}
                  - {kind: respond, input: "[navigate {page}]", assert: ["Visited({page})"], say: "[show {page}]"}
            """))
        #expect(try mind.reply(to: "The big sled costs 100 dollars.", data: .new).output == "The big sled: 100 {USD}")
        #expect(try mind.reply(to: "My name is Joe Smith, Jr.", data: .new).output == "Hi Joe Smith Jr!")
        let reply = try mind.reply(to: "[navigate products]", data: .new)
        #expect(reply.output == "[show products]")
        #expect(reply.data.worldFacts == ["Visited(products)"])
    }

    @Test("states, groups, goto, initial and model.state targets")
    func states() throws {
        let mind = try MindFixtures.mind("""
            mind: flow
            version: 1
            models:
              - name: intro
                initial: asking_name
                rules:
                  - {kind: respond, input: "*", say: "intro fallback"}
                  - {kind: respond, input: "reset", priority: 1, goto: asking_name, say: "again"}
                  - {kind: respond, input: "leave", priority: 1, goto: null, say: "left"}
                groups:
                  - name: onboarding
                    rules:
                      - {kind: respond, input: "help", say: "onboarding help"}
                states:
                  - name: asking_name
                    groups: [onboarding]
                    rules:
                      - {kind: respond, input: "{name}", assert: ["UserName({name})"], goto: done, say: "Hi {name}."}
                  - name: done
                    rules:
                      - {kind: respond, input: "shop", goto: shop.browsing, say: "to the shop"}
              - name: shop
                states:
                  - name: browsing
                    rules:
                      - {kind: respond, input: "what", say: "browsing", priority: 5}
            """)
        let (outputs, data) = try MindFixtures.conversation(mind, ["help", "Joe", "help", "shop", "what", "reset", "leave", "help"])
        #expect(outputs == ["onboarding help", "Hi Joe.", "intro fallback", "to the shop", "browsing", "again", "left",
                            "intro fallback"])
        #expect(data.jsonText.contains(#""states":{"intro":null,"shop":"browsing"}"#))
    }

    @Test("once rules fire at most once per conversation")
    func once() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, id: welcome, input: "hi", once: true, say: "Welcome!"}
                  - {kind: respond, input: "hi", say: "Hi again."}
            """))
        let (outputs, data) = try MindFixtures.conversation(mind, ["hi", "hi"])
        #expect(outputs == ["Welcome!", "Hi again."])
        #expect(data.jsonText.contains(#""used":["welcome"]"#))
    }

    @Test("no candidate: empty output, no effects, history and turn still updated")
    func noCandidate() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, input: "hi", say: "Hi."}
            """))
        let reply = try mind.reply(to: "[unknown control]", data: .new)
        #expect(reply.output == "")
        #expect(reply.data.turns == 1)
        #expect(reply.data.history == "> [unknown control]\n\n")
    }

    @Test("retract removes every unifying world fact before assert; assert adds no duplicates")
    func effects() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, input: "like {x}", assert: ["Likes({x})"], say: "ok"}
                  - {kind: respond, input: "forget", retract: ["Likes(_)"], assert: ["Forgot"], say: "done"}
            """))
        let (_, data) = try MindFixtures.conversation(mind, ["like tea", "like TEA", "like coffee"])
        #expect(data.worldFacts == ["Likes(tea)", "Likes(coffee)"])
        let after = try mind.reply(to: "forget", data: data).data
        #expect(after.worldFacts == ["Forgot"])
    }

    @Test("a rule's own sample input makes it win when it is the only candidate")
    func sampleInputsWin() throws {
        let samples: [(pattern: String, input: String)] = [
            ("hello", "Hello!"), ("* costs {p:#}", "the sled costs 100"), ("(a|b c) _", "b c d"),
            ("[maybe] yes", "yes"), ("~greeting there", "good morning there"), ("{x:_} and {y:*}", "one and"),
            ("[auto *]", "[auto]"), ("[idle {n:#}]", "[idle 3]"), ("+ end", "the very end"), ("#", "-2.5"),
            ("[confirmation _]", "[confirmation 123]"), ("what's {thing}", "What’s that thing?"),
        ]
        for sample in samples {
            let rulebase = MindFixtures.rules("""
                      - {kind: respond, input: "\(sample.pattern)", say: "won"}
                """, extra: "concepts: {greeting: [hi, good morning]}")
            let mind = try MindFixtures.mind(rulebase)
            #expect(try mind.reply(to: sample.input, data: .new).output == "won", "\(sample.pattern) with \(sample.input)")
        }
    }
}
