import Testing
@testable import ParleyMind

@Suite("Load-time validation (section 10)")
struct ValidationTests {
    private func errors(_ yaml: String) -> [String] {
        MindFixtures.diagnostics(yaml).filter { $0.severity == .error }.map(\.description)
    }

    private func warnings(_ yaml: String) -> [String] {
        MindFixtures.diagnostics(yaml).filter { $0.severity == .warning }.map(\.description)
    }

    @Test("every error is reported at once, each with its path")
    func allErrors() {
        let found = errors("""
            mind: broken
            version: 1
            concepts:
              greeting: [hi]
            models:
              - name: intro
                rules:
                  - {kind: respond, input: "*", say: "ok"}
                  - {kind: respond, input: "a", say: "{@greet}"}
                  - {kind: respond, input: "a", say: "{@gret}"}
                  - {kind: respond, input: "my (name is {x}", say: "Hi"}
                  - {kind: respond, input: "~greting", say: "Hi"}
                  - {kind: respond, input: "x", sya: "typo"}
                  - {kind: respond, input: "x", to: "y"}
                  - {kind: respond, input: "x", say: "{?who}"}
                  - {kind: respond, input: "x", when: ["?p > 3"]}
                  - {kind: respond, input: "x", when: ["Price(?p"]}
                  - {kind: respond, input: "x", say: "{name}"}
                  - {kind: respond, input: "x", goto: nowhere}
                  - {kind: respond, input: "x", assert: ["Name(?n)"]}
                  - {kind: respond, input: "x", retract: ["Name(?n)"]}
                  - {kind: respond, input: "x", say: "open {"}
                  - {kind: respond, input: "x", idle: 3}
                  - {kind: generate, intent: greet, say: "Hello"}
                  - {kind: shout, say: "x"}
                  - {kind: respond, id: dup, say: "a"}
                  - {kind: respond, id: dup, say: "b"}
                  - {kind: restate, input: "x", to: "{@greet}"}
                  - {kind: respond, input: "x", priority: high}
                  - {kind: respond, input: "x", once: "yes"}
                  - {kind: respond, input: "x", assert: ["Likes(_)"]}
                states:
                  - name: asking
                    groups: [onbording]
                  - name: asking
                initial: nowhere
              - name: intro
                rules: []
            """)
        let expected = [
            #"models[0].rules[2].say: unknown intent "@gret""#,
            "models[0].rules[3].input: unbalanced '(' at column 4",
            #"models[0].rules[4].input: unknown concept "~greting" at column 1"#,
            #"models[0].rules[5].sya: unknown field "sya""#,
            #"models[0].rules[6].to: field "to" does not belong to a respond rule"#,
            "models[0].rules[7].say: variable ?who is not bound by a condition",
            "models[0].rules[8].when[0]: variable ?p is used before it is bound",
            "models[0].rules[9].when[0]: missing ')' at column 9",
            "models[0].rules[10].say: unknown capture {name}",
            #"models[0].rules[11].goto: unknown state "nowhere""#,
            "models[0].rules[12].assert[0]: variable ?n is not bound by a condition",
            "models[0].rules[13].retract[0]: variable ?n is not bound by a condition",
            "models[0].rules[14].say: unclosed '{' at column 6",
            "models[0].rules[15].idle: an idle rule cannot have an input",
            #"models[0].rules[17].kind: unknown kind "shout" (expected restate, respond or generate)"#,
            #"models[0].rules[19].id: duplicate rule id "dup" (first at models[0].rules[18])"#,
            "models[0].rules[20].to: {@greet} is only allowed in say",
            "models[0].rules[21].priority: expected an integer, found text",
            "models[0].rules[22].once: expected true or false, found text",
            "models[0].rules[23].assert[0]: '_' is not allowed here: a fact needs a value for every argument",
            #"models[0].states[0]: unknown group "onbording""#,
            #"models[0].states[1].name: duplicate state name "asking""#,
            #"models[0].initial: unknown state "nowhere""#,
            #"models[1].name: duplicate model name "intro" (first at models[0])"#,
        ]
        for message in expected {
            #expect(found.contains(message), "missing: \(message)\nfound:\n\(found.joined(separator: "\n"))")
        }
        #expect(found.count == expected.count, "found:\n\(found.joined(separator: "\n"))")
    }

    @Test("document-level errors: required fields, version, syntax")
    func documentErrors() {
        #expect(errors("version: 2\nmodels: []\nextra: 1") == [
            #"extra: unknown field "extra""#, "mind: missing required field",
            "version: unsupported version 2 (must be 1 or 1.1)", "models: expected a list of at least one model",
        ])
        #expect(errors("mind: x\nversion: 1\nmodels:\n  - name: 3bad\n    rules: []") == [
            #"models[0].name: model name "3bad" is not an identifier ([A-Za-z_][A-Za-z0-9_]*)"#,
        ])
        #expect(errors("mind: [unclosed").first?.hasPrefix("invalid YAML") == true)
        #expect(throws: RulebaseError.self) { try Mind.load(text: #"{"mind": "x", "version": 1,"#, format: .json) }
        #expect(errors("mind: x\nversion: 1\nfacts: [\"Price(?x)\"]\nmodels: [{name: m, rules: [{kind: respond, input: '*'}]}]")
            == ["facts[0]: a static fact may hold only values (no variables, captures or '_')"])
    }

    @Test("JSON rulebases load like YAML ones; duplicate keys are errors")
    func json() throws {
        let loaded = try Mind.load(text: """
            {"mind": "j", "version": 1, "concepts": {"yes_words": ["yes", 1]},
             "models": [{"name": "m", "rules": [
                {"kind": "respond", "input": "~yes_words", "say": "agreed"},
                {"kind": "respond", "input": "*", "say": 42}]}]}
            """, format: .json)
        #expect(try loaded.mind.reply(to: "1", data: .new).output == "agreed")
        #expect(try loaded.mind.reply(to: "no", data: .new).output == "42")
        #expect(throws: RulebaseError.self) {
            try Mind.load(text: #"{"mind": "a", "mind": "b", "version": 1, "models": []}"#, format: .json)
        }
    }

    @Test("YAML uses the core schema: yes is text, numbers read as written")
    func yamlCoreSchema() throws {
        let mind = try MindFixtures.mind("""
            mind: y
            version: 1
            concepts:
              agree: [yes, on, y]
            models:
              - name: m
                rules:
                  - {kind: respond, input: "~agree", say: yes}
                  - {kind: respond, input: "price", say: 1.50}
                  - {kind: respond, input: "*", say: 007}
            """)
        #expect(try mind.reply(to: "on", data: .new).output == "yes")
        #expect(try mind.reply(to: "price", data: .new).output == "1.50")
        #expect(try mind.reply(to: "x", data: .new).output == "007")
        #expect(errors("mind: x\nversion: 1\nmodels: [{name: m, rules: [{kind: respond, input: '*', say: true}]}]")
            == ["models[0].rules[0].say: expected text, found a boolean"])
    }

    @Test("load(path:) picks the format by extension and reads through the caller's function")
    func loadPath() throws {
        let loaded = try Mind.load(path: "/minds/demo.yml") { path in
            #expect(path == "/minds/demo.yml")
            return MindFixtures.seedDemo
        }
        #expect(loaded.mind.name == "seed-demo")
        #expect(throws: RulebaseError.self) { try Mind.load(path: "mind.txt") { _ in "" } }
    }

    @Test("warning: a rule that can never win")
    func neverWins() {
        let found = warnings(MindFixtures.rules("""
                  - {kind: respond, input: "hi", say: "a"}
                  - {kind: respond, input: "hi", say: "b"}
                  - {kind: respond, input: "hi", when: [X], priority: -1, say: "c"}
                  - {kind: respond, input: "hi", when: [X], say: "d"}
                  - {kind: respond, input: "*", say: "e"}
            """))
        #expect(found.contains { $0.hasPrefix("warning: models[0].rules[1]: this rule can never win: models[0].rules[0]") })
        #expect(found.contains { $0.hasPrefix("warning: models[0].rules[2]: this rule can never win") })
        #expect(!found.contains { $0.hasPrefix("warning: models[0].rules[3]: this rule can never win") })
    }

    @Test("warnings: a hiding later rule, a rule that does nothing, an unreachable fact, a substituted concept entry")
    func moreWarnings() {
        let found = warnings(MindFixtures.rules("""
                  - {kind: respond, input: "hi", say: "a"}
                  - {kind: respond, input: "hi", priority: 2, say: "b"}
                  - {kind: respond, input: "bye"}
                  - {kind: respond, input: "who", when: ["Name(?n)"], say: "{?n}"}
                  - {kind: respond, input: "who", when: ["Known(?n, 1)"], say: "{?n}"}
                  - {kind: respond, input: "set", assert: ["Known(a, 1)"], say: ""}
                  - {kind: respond, input: "~yes", say: "ok"}
                  - {kind: respond, input: "*", say: "e"}
            """, extra: "substitutions: {yep: yes}\nconcepts: {yes: [yes, \"yep sure\", ok]}"))
        #expect(found.contains { $0.hasPrefix("warning: models[0].rules[0]: this rule can never win: the later models[0].rules[1]") })
        #expect(found.contains { $0.hasPrefix("warning: models[0].rules[2]: this respond rule has no say and no effects") })
        #expect(found.contains { $0.hasPrefix("warning: models[0].rules[3].when[0]: no static fact, assert or infer gives a fact Name with 1 argument") })
        #expect(!found.contains { $0.hasPrefix("warning: models[0].rules[4]") })
        #expect(found.contains { $0 == #"warning: concepts.yes[1]: entry "yep sure" holds the substitution key "yep", so it can never match"# })
        #expect(found.count == 4)
    }

    @Test("warning: a state catch-all hides model-level rules")
    func catchAll() {
        let found = warnings("""
            mind: c
            version: 1
            models:
              - name: m
                initial: s
                rules:
                  - {kind: respond, input: "help", say: "help"}
                  - {kind: respond, input: "urgent", priority: 2, say: "urgent"}
                  - {kind: respond, input: "*", say: "fallback"}
                states:
                  - name: s
                    rules:
                      - {kind: respond, input: "*", say: "state catch-all"}
            """)
        #expect(found == ["warning: models[0].states[0].rules[0]: this catch-all hides model-level rules of equal or "
            + "lower priority: m.0, m.2"])
    }

    @Test("warnings: no fallback, unused concepts and intents, recursive intents, substituted words, missing ids")
    func otherWarnings() {
        let found = warnings("""
            mind: w
            version: 1
            substitutions: {"what's": "what is"}
            concepts:
              unused: [a]
            models:
              - name: m
                rules:
                  - {kind: respond, input: "what's up", say: "{@loop}"}
                  - {kind: generate, intent: loop, say: "{@loop}"}
                  - {kind: generate, intent: lonely, say: "x"}
                  - {kind: respond, once: true, input: "hi", say: "x"}
                  - {kind: respond, idle: 3, say: "x"}
            """)
        #expect(found == [
            #"warning: models[0]: model "m" has no fallback (a model-level respond rule with input "*" and no when)"#,
            #"warning: concepts.unused: unused concept "~unused""#,
            #"warning: models[0].rules[1].intent: recursive intent "@loop" (past depth 8 it renders "")"#,
            #"warning: models[0].rules[2].intent: unused intent "@lonely""#,
            #"warning: models[0].rules[0].input: pattern word "what's" is a substitution key, so it can never match"#,
            "warning: models[0].rules[3]: once rule without an explicit id (it is m.3)",
            "warning: models[0].rules[4]: idle rule without an explicit id (it is m.4)",
        ])
    }

    @Test("a clean rulebase has no warnings")
    func clean() throws {
        #expect(try Mind.load(text: MindFixtures.seedDemo, format: .yaml).warnings.map(\.description)
            == ["warning: models[0].rules[8]: idle rule without an explicit id (it is main.8)"])
    }
}

@Suite("Finding locations in JSON")
struct JSONLocationTests {
    @Test("the byte scan of a JSON mind places findings where the YAML parser places them")
    func jsonScanAgreesWithYAML() throws {
        let text = """
            {"mind": "j", "version": 1, "concepts": {"é x": ["a"]},
             "models": [{"name": "m", "rules": [
               {"kind": "respond", "input": "(a", "say": "x"},
               {"kind": "respond", "input": "b", "say": "line\\nbreak {nope}"},
               {"kind": "respond", "input": "c", "say": "ok", "when": ["Name(?x", "?y = 1"], "extra": 1},
               {"kind": "respond", "input": "*", "say": "fine"}]},
              {"name": "m", "rules": []}]}
            """
        let paths = diagnostics(text).map(\.path) + ["models[0].rules[3].say", "models[1].name", "concepts.é x"]
        #expect(paths.count >= 8)
        let scanned = try #require(SourceMap(json: text, paths: paths))
        let parsed = try #require(SourceMap(yaml: text))
        for path in paths {
            let a = scanned.location(of: path, message: "x at column 2")
            let b = parsed.location(of: path, message: "x at column 2")
            #expect(a?.line == b?.line && a?.column == b?.column, "\(path)")
        }
    }

    private func diagnostics(_ text: String) -> [Diagnostic] {
        do {
            return try Mind.load(text: text, format: .json).warnings
        } catch {
            return error.diagnostics
        }
    }
}
