import Testing
@testable import ParleyMind

@Suite("Templates (section 5)")
struct TemplateTests {
    @Test("placeholders render; {{ and }} are braces; tags are copied")
    func rendering() throws {
        let template = try Template("[smile] {name} owes {?amount} ({1}) {{not a capture}} {@close}")
        var bindings = Bindings()
        bindings.named = ["name": "Joe"]
        bindings.positional = ["first"]
        bindings.variables = ["amount": "100"]
        #expect(template.text(bindings) == "[smile] Joe owes 100 (first) {not a capture} {@close}")
        let captures = template.segments.compactMap { segment -> String? in
            if case .capture(let name) = segment { return name }
            return nil
        }
        #expect(captures == ["name", "1"])
        #expect(template.segments.contains(.variable("amount")))
        #expect(template.intents == ["close"])
    }

    @Test("values that took no part render as empty text")
    func missingValues() throws {
        #expect(try Template("<{x}{2}{?v}>").text(Bindings()) == "<>")
    }

    @Test("syntax errors give the column", arguments: [
        ("hello {name", "unclosed '{' at column 7"),
        ("a } b", "unmatched '}' (write '}}' for a brace) at column 3"),
        ("{}", "invalid placeholder '{}' at column 1"),
        ("x {?1a}", "invalid placeholder '{?1a}' at column 3"),
        ("é {@}", "invalid placeholder '{@}' at column 3"),
        ("{0}", "invalid placeholder '{0}' at column 1"),
    ])
    func syntaxErrors(source: String, message: String) {
        #expect {
            _ = try Template(source)
        } throws: { error in
            (error as? Template.SyntaxError)?.description == message
        }
    }
}
