import ParleyCore
import Testing
@testable import ParleyMind

@Suite("Rulebase documents (section 1)")
struct DocumentReaderTests {
    @Test("JSON keeps key order and numbers as written; escapes decode")
    func json() throws {
        let node = try JSONDocumentReader.read(#" {"b": 1.50, "a": [true, null, -0, 2e3], "s": "\u00e9\ud83d\ude00\n\"x\""} "#)
        #expect(node == .object([
            DocumentMember(key: "b", value: .number("1.50")),
            DocumentMember(key: "a", value: .array([.bool(true), .null, .number("-0"), .number("2e3")])),
            DocumentMember(key: "s", value: .string("é😀\n\"x\"")),
        ]))
    }

    @Test("JSON syntax errors give line and column", arguments: [
        ("{\"a\": 1,\n  \"b\" 2}", "line 2, column 7: expected ':' after a key"),
        ("[1, 2", "line 1, column 6: expected ',' or ']'"),
        ("{\"a\": 01}", "line 1, column 8: expected ',' or '}'"),
        ("\"\\x\"", "line 1, column 2: invalid escape '\\x'"),
        ("\"\\ud800\"", "line 1, column 8: unpaired surrogate in \\u escape"),
        ("{\"k\": 1, \"k\": 2}", "line 1, column 10: duplicate key \"k\""),
        ("[] []", "line 1, column 4: unexpected text after the document"),
        ("[\"é\", \"日本\"] x", "line 1, column 13: unexpected text after the document"),
        ("[é]", "line 1, column 2: unexpected character 'é'"),
        ("\"\\é\"", "line 1, column 2: invalid escape '\\é'"),
        ("\"é\\u12x4\"", "line 1, column 7: invalid \\u escape"),
        ("{\"é\": 1,\n \"日\": \"a\u{1}\"}", "line 2, column 9: control character in a string"),
    ])
    func jsonErrors(text: String, message: String) {
        #expect {
            _ = try JSONDocumentReader.read(text)
        } throws: { error in
            (error as? JSONSyntaxError)?.description == message
        }
    }

    @Test("JSON finds duplicate keys in large objects too", arguments: [0, 14, 15, 16, 30])
    func duplicateKeysInLargeObjects(repeated: Int) {
        let keys = (0..<32).map { "\"k\($0)\": \($0)" } + ["\"k\(repeated)\": 0"]
        #expect {
            _ = try JSONDocumentReader.read("{" + keys.joined(separator: ", ") + "}")
        } throws: { error in
            (error as? JSONSyntaxError)?.message == "duplicate key \"k\(repeated)\""
        }
        #expect(throws: Never.self) { try JSONDocumentReader.read("{" + keys.dropLast().joined(separator: ", ") + "}") }
    }

    @Test("YAML: core schema scalars, quoted scalars are text, anchors resolve")
    func yaml() throws {
        let node = try YAMLDocumentReader.read("""
            plain: [yes, no, on, true, False, ~, null, 12, -1.5, 0x1F, .inf, text]
            quoted: ["true", '12', "null"]
            tagged: !!str 12
            base: &b {x: 1}
            copy: *b
            """)
        guard case .object(let members) = node else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["plain", "quoted", "tagged", "base", "copy"])
        #expect(members[0].value == .array([
            .string("yes"), .string("no"), .string("on"), .bool(true), .bool(false), .null, .null, .number("12"),
            .number("-1.5"), .number("0x1F"), .number(".inf"), .string("text"),
        ]))
        #expect(members[1].value == .array([.string("true"), .string("12"), .string("null")]))
        #expect(members[2].value == .string("12"))
        #expect(members[4].value == members[3].value)
    }

    @Test("YAML syntax errors and duplicate keys are reported")
    func yamlErrors() {
        #expect(throws: YAMLDocumentReader.SyntaxError.self) { try YAMLDocumentReader.read("a: [1, 2") }
        #expect(throws: YAMLDocumentReader.SyntaxError.self) { try YAMLDocumentReader.read("a: 1\na: 2") }
    }
}
