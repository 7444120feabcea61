import Testing
@testable import ParleyMind

/// Rulebases and helpers shared by the engine tests.
enum MindFixtures {
    /// The worked example, minds/seed-demo.yaml.
    static let seedDemo = """
        mind: seed-demo
        version: 1
        concepts:
          greeting: [hi, hello, hey]
        models:
          - name: main
            rules:
              - {kind: restate, input: "~greeting [there]", infer: [Greeting]}
              - {kind: respond, when: [Greeting], say: "[head-nod] Hello."}
              - {kind: respond, input: "my name is {name}", retract: ["UserName(_)"],
                 assert: ["UserName({name})"], say: "Ok {name}."}
              - {kind: respond, input: "who am i", when: ["UserName(?n)"], say: "I know you as {?n}."}
              - {kind: respond, input: "who am i", say: "I don't know your name yet."}
              - {kind: respond, input: "[auto *]", when: ["Returning"], retract: [Returning],
                 say: "Welcome back! How can I help?"}
              - {kind: respond, input: "[auto *]", say: "Welcome to ACME corp! How can I help?"}
              - {kind: respond, input: "[restart {m:#}]", assert: [Returning], say: ""}
              - {kind: respond, idle: 3, say: "How can I help?"}
              - {kind: respond, input: "*", say: "Tell me more."}
        """

    /// Loads a YAML rulebase that must load.
    static func mind(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Mind {
        do {
            return try Mind.load(text: yaml, format: .yaml).mind
        } catch {
            Issue.record("rulebase did not load:\n\(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// The diagnostics of a YAML rulebase (errors thrown, or warnings of a loaded one).
    static func diagnostics(_ yaml: String) -> [Diagnostic] {
        do {
            return try Mind.load(text: yaml, format: .yaml).warnings
        } catch {
            return error.diagnostics
        }
    }

    /// A one-model rulebase with the given rules (YAML flow or block lines, indented 6).
    static func rules(_ rules: String, extra: String = "") -> String {
        """
        mind: test
        version: 1
        \(extra)
        models:
          - name: main
            rules:
        \(rules)
        """
    }

    /// Runs inputs in order from `data`, returning each output.
    static func conversation(
        _ mind: Mind, _ inputs: [String], data: ConversationData = .new
    ) throws -> (outputs: [String], data: ConversationData) {
        var data = data
        var outputs: [String] = []
        for input in inputs {
            let reply = try mind.reply(to: input, data: data)
            outputs.append(reply.output)
            data = reply.data
        }
        return (outputs, data)
    }
}
