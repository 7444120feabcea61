import Foundation
import Testing
@testable import ParleyImport

@Suite("The mind document: JSON and YAML text")
struct MindDocumentTests {
    private let mind = AIMLFixtures.document(
        AIMLFixtures.category("HI", "Hé \"you\"\n<think>x</think>") + AIMLFixtures.category("YES", "ok", that: "*"),
        bot: [("name", "Ally"), ("master", "Ann")])

    @Test("JSON: the document's keys in order, python-aiml's tables, one rule per line")
    func json() throws {
        let text = mind.text(format: .json)
        #expect(text.hasPrefix("""
            {
              "mind": "test",
              "version": 1.1,
              "sentences": true,
              "punctuation": "split",
              "bot": {"name": "Ally", "master": "Ann"},
              "variables": {},
              "substitutions": {
                "wanna": "want to",
            """))
        #expect(text.contains("""
                  "rules": [
                    {"kind": "respond", "id": "test.0", "input": "hi", "priority": 0, "say": "Hé \\"you\\" {think: x}"},
                    {"kind": "respond", "id": "test.1", "input": "yes", "priority": 0, "say": "ok"}
                  ]
            """))
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect((object?["person"] as? [String: String])?["I"] == "he")
        #expect((object?["person2"] as? [String: String])?["I"] == "you")
    }

    @Test("YAML: block style, quoted texts, non-ASCII as it is")
    func yaml() {
        let text = mind.text(format: .yaml)
        #expect(text.hasPrefix("""
            mind: "test"
            version: 1.1
            sentences: true
            punctuation: "split"
            bot:
              name: "Ally"
              master: "Ann"
            variables: {}
            substitutions:
              wanna: "want to"
            """))
        #expect(text.contains("\n  \"I'm\": \"I am\"\n"))
        #expect(text.hasSuffix("""
            models:
              - name: "aiml"
                rules:
                  - kind: "respond"
                    id: "test.0"
                    input: "hi"
                    priority: 0
                    say: "Hé \\"you\\" {think: x}"
                  - kind: "respond"
                    id: "test.1"
                    input: "yes"
                    priority: 0
                    say: "ok"

            """))
    }

    @Test("control characters are escaped, and for YAML also line separators")
    func escapes() {
        let value = MindValue.object([("t", .string("a\u{1}\u{2028}b"))])
        #expect(MindWriter.json(value) == "{\"t\": \"a\\u0001\u{2028}b\"}\n")
        #expect(MindWriter.yaml(value) == "t: \"a\\u0001\\u2028b\"\n")
    }
}
