import Foundation
import Testing
@testable import ParleyMind

@Suite("Mind language 1.1")
struct Version11Tests {
    /// A one-model 1.1 mind with the given top-level lines and rules (flow lines, indented 6).
    private func mind(_ rules: String, top: String = "") throws -> Mind {
        try MindFixtures.mind("""
            mind: eleven
            version: 1.1
            \(top)
            models:
              - name: main
                rules:
            \(rules)
            """)
    }

    private func talk(_ mind: Mind, _ inputs: [String], time: Date? = nil) throws -> [String] {
        var data = ConversationData(seed: 7)
        var outputs: [String] = []
        for input in inputs {
            let reply = try mind.reply(to: input, data: data, time: time)
            outputs.append(reply.output)
            data = reply.data
        }
        return outputs
    }

    @Test("version 1 minds refuse the 1.1 fields, saying which version they need")
    func versionGate() {
        let messages = MindFixtures.diagnostics(MindFixtures.rules(
            #"      - {kind: respond, input: "hi", that: "x", say: "{$name} {upper: a}"}"#, extra: "sentences: true"))
            .map(\.description)
        #expect(messages.contains { $0.contains("sentences: \"sentences\" needs version: 1.1") })
        #expect(messages.contains { $0.contains("models[0].rules[0].that: \"that\" needs version: 1.1") })
        #expect(messages.contains { $0.contains("invalid placeholder '{$name}'") })
    }

    @Test("sentences are answered one by one, trimmed and joined by two spaces")
    func sentences() throws {
        let mind = try mind("""
                  - {kind: respond, input: "hi", say: " Hello! "}
                  - {kind: respond, input: "how are you", say: "Fine."}
            """, top: "sentences: true")
        #expect(try talk(mind, ["Hi. How are you?", "hi!!", "nothing here"]) == ["Hello!  Fine.", "Hello!", ""])
    }

    @Test("punctuation: split separates words at punctuation after substitutions")
    func punctuationSplit() throws {
        let mind = try mind("""
                  - {kind: respond, input: "i do not know", say: "sub"}
                  - {kind: respond, input: "u s a", say: "split"}
                  - {kind: respond, input: "+ s a", say: "split {1}"}
            """, top: "punctuation: split\nsubstitutions: {\"don't\": do not}")
        #expect(try talk(mind, ["I don't know", "u.s.a", "x-S-A", "Hi, all. s a"]) == ["sub", "split", "split x-S-A", "split Hi, all."])
    }

    @Test("that matches the previous output, with named captures; topic matches the topic variable")
    func thatAndTopic() throws {
        let mind = try mind("""
                  - {kind: respond, input: "ask", say: "Do you like green tea?"}
                  - {kind: respond, input: "yes", that: "do you like {thing}", say: "Then {thing} it is."}
                  - {kind: respond, input: "yes", say: "Yes to what?"}
                  - {kind: respond, input: "food", say: "{set topic: cooking}Let us cook."}
                  - {kind: respond, input: "more", topic: "cooking", say: "More cooking."}
                  - {kind: respond, input: "more", say: "More of what?"}
            """)
        #expect(try talk(mind, ["yes", "ask", "yes", "yes"]) == ["Yes to what?", "Do you like green tea?",
                                                                 "Then green tea it is.", "Yes to what?"])
        #expect(try talk(mind, ["more", "food", "more"]) == ["More of what?", "Let us cook.", "More cooking."])
    }

    @Test("variables with defaults, bot properties, set and think, kept in data")
    func variables() throws {
        let mind = try mind("""
                  - {kind: respond, input: "i am {n}", say: "{think: {set name: {n}}}Hi {$name}, I am {bot.name}."}
                  - {kind: respond, input: "who am i", when: ["$name != friend"], say: "{$name}{bot.missing}"}
                  - {kind: respond, input: "who am i", say: "Just a {$name}."}
            """, top: "bot: {name: Ada}\nvariables: {name: friend}")
        var data = ConversationData(seed: 1)
        let first = try mind.reply(to: "who am i", data: data)
        #expect(first.output == "Just a friend.")
        data = try mind.reply(to: "I am Joe", data: first.data).data
        #expect(data.vars == ["name": "Joe"])
        #expect(data.jsonText.contains(#""that":"Hi Joe, I am Ada.","vars":{"name":"Joe"}"#))
        let reread = try ConversationData(jsonText: data.jsonText)
        #expect(try mind.reply(to: "who am i", data: reread).output == "Joe")
    }

    @Test("case functions, person swaps, maps and arithmetic")
    func functions() throws {
        let mind = try mind("""
                  - {kind: respond, input: "case", say: "{sentence: large IT is.} {formal: mc  donald's farm} {upper: a}{lower: B}"}
                  - {kind: respond, input: "swap {x}", say: "{person: {x}}"}
                  - {kind: respond, input: "capital of {c}", say: "{map capital: {c}}|"}
                  - {kind: respond, input: "calc", say: "{= (1 + 2) * 3.5 / 2} {= 7 % 3} {= 1 / 0}|{= x}|{= -2 - -3}"}
            """, top: "person: {I: you, my: your, you: me}\nmaps: {capital: {France: Paris, \"New Zealand\": Wellington}}")
        #expect(try talk(mind, ["case", "swap I like my cat and you", "capital of new zealand", "capital of Peru",
                                "calc"]) == [
            "Large IT is. Mc Donald's Farm Ab", "YOU like your cat and me", "Wellington|", "|", "5.25 1 ||1",
        ])
    }

    @Test("reply answers another input now; past 100 nested replies it renders nothing and says so")
    func reply() throws {
        let mind = try mind("""
                  - {kind: respond, input: "hello", say: "Hi there."}
                  - {kind: respond, input: "hey *", say: "{reply: hello} ({1})"}
                  - {kind: respond, input: "loop", say: "x{reply: loop}"}
            """)
        #expect(try talk(mind, ["hey you", "loop"]) == ["Hi there. (you)", String(repeating: "x", count: 101)])
        var trace = TurnTrace()
        _ = try mind.reply(to: "loop", data: .new, trace: &trace)
        #expect(trace.notes.contains { $0.contains("past depth 100") })
        #expect(trace.winner == "main.2")
    }

    @Test("if/elif/else, each, count and sum over facts")
    func conditionsAndLists() throws {
        let mind = try mind("""
                  - {kind: respond, input: "add {t}", when: ["Price({t}, ?p)"], assert: ["Topping({t})"], say: "ok"}
                  - {kind: respond, input: "order", say: "{if Topping(_): {each Topping(?t): {?t}} for {= 10 + {sum Topping(?t), Price(?t, ?p): {?p}}}}{elif $x = y: never}{else: nothing} ({count Topping(?t)})"}
                  - {kind: respond, input: "or", say: "{each Topping(?t) sep \\"; \\" last \\" or \\": {upper: {?t}}}"}
            """, top: #"facts: ["Price(ham, 2)", "Price(olives, 1.5)", "Price(\"extra cheese\", 1)"]"#)
        #expect(try talk(mind, ["order", "add ham", "add olives", "add extra cheese", "order", "or"]) == [
            "nothing (0)", "ok", "ok", "ok", "ham, olives and extra cheese for 14.5 (3)",
            "HAM; OLIVES or EXTRA CHEESE",
        ])
    }

    @Test("random blocks and weighted variants draw from the seed; date shows the turn's time")
    func chanceAndClock() throws {
        let mind = try mind("""
                  - {kind: respond, input: "pick", say: "{random: a}{or: b}{or: c}"}
                  - {kind: respond, input: "weighted", say: [{text: "common", weight: 9}, {text: "rare"}]}
                  - {kind: respond, input: "when", say: "{date} / {date \\"%Y-%m-%d %I %p %j\\"}"}
            """)
        let picks = try (1...40).map { seed in
            try mind.reply(to: "pick", data: ConversationData(seed: UInt64(seed))).output
        }
        #expect(Set(picks) == ["a", "b", "c"])
        let weighted = try (1...200).map { seed in
            try mind.reply(to: "weighted", data: ConversationData(seed: UInt64(seed))).output
        }
        let common = weighted.filter { $0 == "common" }.count
        #expect(common > 150 && common < 200)
        let time = Date(timeIntervalSince1970: 1_796_630_381)  // 2026-12-07 07:59:41 UTC
        #expect(try talk(mind, ["when"], time: time) == ["Mon Dec  7 07:59:41 2026 / 2026-12-07 07 AM 341"])
        #expect(try talk(mind, ["when"]) == ["/"])
    }

    @Test("template syntax errors name the place", arguments: [
        (#"{elif $x = 1: a}"#, "{elif ...} and {else: ...} must follow an {if ...} directly at column 1"),
        (#"{shout: a}"#, #"unknown function "shout" at column 1"#),
        (#"{upper: a"#, "unclosed '{' at column 1"),
        (#"{if: a}"#, "expected conditions at column 4"),
        (#"{set 1x: a}"#, #"expected a name after set, found "1x" at column 5"#),
        (#"{or: b}"#, "{or: ...} must follow a {random: ...} directly at column 1"),
    ])
    func syntaxErrors(source: String, message: String) {
        #expect {
            _ = try Template(extended: source)
        } throws: { error in
            (error as? Template.SyntaxError)?.description == message
        }
    }

    @Test("a later rule with that outranks an equal one without")
    func thatRanksFirst() throws {
        let mind = try mind("""
                  - {kind: respond, input: "ask", say: "Tea?"}
                  - {kind: respond, input: "yes", say: "plain"}
                  - {kind: respond, input: "yes", that: "tea", say: "Tea it is."}
            """)
        #expect(try talk(mind, ["ask", "yes", "yes"]) == ["Tea?", "Tea it is.", "plain"])
        #expect(MindFixtures.diagnostics("mind: m\nversion: 1.1\nmodels:\n  - name: main\n    rules:\n"
            + "      - {kind: respond, input: \"*\", say: a}\n      - {kind: respond, input: \"*\", that: b, say: c}\n")
            .isEmpty)
    }
}
