import Testing
@testable import ParleyImport

@Suite("Categories: patterns, that, topic, and which are kept")
struct CategoryTests {
    @Test("pattern words are lowercased, and * and _ both become +")
    func patternWords() {
        let mind = AIMLFixtures.mind(AIMLFixtures.category("HELLO *  THERE _", "Hi"))
        #expect(mind.rules.map(\.patterns.input) == ["hello + there +"])
        #expect(mind.rules[0].id == "test.0")
        #expect(mind.categories == 1)
    }

    @Test("that and topic become named captures, and are left out when they are *")
    func thatAndTopic() {
        let mind = AIMLFixtures.mind("""
            <topic name="GAME * _"><category><pattern>YES</pattern><that>DO YOU LIKE * AND _</that>
            <template><thatstar index="2"/>, <topicstar/></template></category></topic>
            <category><pattern>NO</pattern><that>*</that><template>ok</template></category>
            """)
        let yes = mind.rule("yes")
        #expect(yes?.patterns.that == "do you like {thatstar1} and {thatstar2}")
        #expect(yes?.patterns.topic == "game {topicstar1} {topicstar2}")
        #expect(yes?.say == "{thatstar2}, {topicstar1}")
        #expect(mind.rule("no")?.patterns.that == nil)
        #expect(mind.rule("no")?.patterns.topic == nil)
    }

    @Test("the bot's name in a pattern is the name property in capitals, Nameless by default")
    func botName() {
        let category = AIMLFixtures.category("<bot name=\"name\"/> IS MY NAME", "Yes")
        #expect(AIMLFixtures.mind(category).rules[0].patterns.input == "nameless is my name")
        #expect(AIMLFixtures.mind(category, bot: [("name", "Robo Cop")]).rules[0].patterns.input
                == "robo cop is my name")
    }

    @Test("of categories with the same pattern, that and topic, the last one read wins")
    func lastWins() {
        let first = (path: "a.aiml", text: "<aiml>" + AIMLFixtures.category("HI", "first") + "</aiml>")
        let mind = AIMLFixtures.mind(AIMLFixtures.category("HI", "second") + AIMLFixtures.category("HI", "third"),
                                     more: [first])
        #expect(mind.rules.map(\.say) == ["third"])
        #expect(mind.rules[0].id == "test.1")
        #expect(mind.notes.filter { $0.kind == .duplicate }.map(\.file) == ["a.aiml", "test.aiml"])
    }

    @Test("categories python-aiml can never match are skipped with a note")
    func unmatchable() {
        let mind = AIMLFixtures.mind([
            AIMLFixtures.category("Hello", "lower case"),
            AIMLFixtures.category("WHAT'S UP", "punctuation"),
            AIMLFixtures.category("I CANNOT", "substituted"),
            AIMLFixtures.category("OK", "that", that: "fine"),
            AIMLFixtures.category("FINE", "kept"),
        ].joined(separator: "\n"))
        #expect(mind.rules.map(\.say) == ["kept"])
        #expect(mind.notes.filter { $0.kind == .unmatchable }.map(\.line) == [3, 4, 5, 6])
    }

    @Test("a category python-aiml's parser rejects is skipped, and the next one kept")
    func invalidCategory() {
        let mind = AIMLFixtures.mind("""
            <category><pattern>A</pattern><template><star index="x"/></template></category>
            <category><pattern>B</pattern><template><random>text<li>x</li></random></template></category>
            <category><pattern>C <star/></pattern><template>c</template></category>
            <category><pattern>D</pattern><template><condition name="x"><li name="y" value="1">y</li></condition>\
            </template></category>
            <category><pattern>E</pattern><template>kept</template></category>
            """)
        #expect(mind.rules.map(\.say) == ["kept"])
        #expect(mind.notes.filter { $0.kind == .invalidCategory }.map(\.line) == [3, 4, 5, 6])
    }

    @Test("a version 1.0.1 file rejects unknown elements; other versions drop them with their contents")
    func unknownElements() {
        let template = "a<br/>b<em>big</em>c"
        #expect(AIMLFixtures.mind(AIMLFixtures.category("A", template), version: "1.0.1").rules.isEmpty)
        let mind = AIMLFixtures.mind(AIMLFixtures.category("A", template))
        #expect(mind.rules.map(\.say) == ["abc"])
        #expect(mind.messages(.droppedElement).count == 2)
    }

    @Test("an XML error keeps the categories before it and notes the rest as skipped")
    func xmlError() {
        let mind = AIMLFixtures.mind("""
            <category><pattern>A</pattern><template>a</template></category>
            <category><pattern>B</pattern><template>b &nbsp; </template></category>
            <category><pattern>C</pattern><template>c</template></category>
            """)
        #expect(mind.rules.map(\.say) == ["a"])
        #expect(mind.notes.filter { $0.kind == .xmlError }.map(\.line) == [4])
    }

    @Test("an ISO-8859-1 declaration does not change how the text is read")
    func declaredEncoding() {
        let text = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><aiml>"
            + AIMLFixtures.category("CAFÉ", "Café") + "</aiml>"
        let mind = AIMLImporter().aimlMind([("a.aiml", text)])
        #expect(mind.rules.map(\.say) == ["Café"])
        #expect(mind.rules.map(\.patterns.input) == ["café"])
    }

    @Test("a word with non-ASCII punctuation is split there, as the mind splits input")
    func unicodePunctuation() {
        let mind = AIMLFixtures.mind(AIMLFixtures.category("¿QUÉ TAL «AMIGO»", "Bien"))
        #expect(mind.rules.map(\.patterns.input) == ["qué tal amigo"])
        #expect(mind.messages(.approximated).count == 2)
    }

    @Test("rule ids are FILESTEM.N, unique across files of the same name")
    func ruleIDs() {
        func file(_ first: String) -> String {
            "<aiml>" + AIMLFixtures.category(first, "") + AIMLFixtures.category("B", "") + "</aiml>"
        }
        let mind = AIMLImporter().aimlMind([("x/my file.aiml", file("A")), ("y/my file.aiml", file("C"))])
        #expect(mind.rules.map(\.id) == ["my_file.0", "my_file-2.0", "my_file-2.1"])
    }
}
