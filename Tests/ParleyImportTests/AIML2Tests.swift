import Testing
@testable import ParleyImport

@Suite("AIML 2.0: sets, maps, zero-or-more wildcards, sraix")
struct AIML2Tests {
    private let data: [(path: String, text: String)] = [
        ("sets/colour.set", "red\ndark blue\n"),
        ("sets/unused.set", "[\"a\", [\"b\", \"c\"]]"),
        ("maps/capital.map", "France:Paris\nItaly:Rome\n"),
    ]

    @Test("a set in a pattern is a concept; sets no pattern uses are left out with a note")
    func sets() {
        let mind = AIMLFixtures.mind(AIMLFixtures.category("I LIKE <set>colour</set> ^", "<star/> <star index=\"2\"/>"),
                                     version: "2.0", more: data)
        #expect(mind.rules.map(\.patterns.input) == ["i like ~colour *"])
        #expect(mind.rules[0].say == " {1}")
        #expect(mind.concepts.map(\.name) == ["colour"])
        #expect(mind.concepts.first?.entries == ["red", "dark blue"])
        #expect(mind.messages(.missingCapture).count == 1)
        #expect(mind.notes.filter { $0.kind == .dataFile }.map(\.file) == ["sets/unused.set"])
    }

    @Test("a pattern with an unknown set is skipped")
    func unknownSet() {
        let mind = AIMLFixtures.mind(AIMLFixtures.category("<set>size</set>", "x"), version: "2.0")
        #expect(mind.rules.isEmpty)
        #expect(mind.messages(.unmatchable).count == 1)
    }

    @Test("# and ^ in that become zero-or-more captures")
    func thatWildcards() {
        let mind = AIMLFixtures.mind(AIMLFixtures.category("YES", "<thatstar/>", that: "# ok"), version: "2.0")
        #expect(mind.rules[0].patterns.that == "{thatstar1:*} ok")
        #expect(mind.rules[0].say == "{thatstar1}")
    }

    @Test("map, sraix and a date format")
    func elements() {
        let template = "<map name=\"capital\"><star/></map><map name=\"nope\">x</map>"
            + "<sraix default=\"no {idea}\">WHAT IS <star/></sraix><date format=\"%B %x\"/>"
        let mind = AIMLFixtures.mind(AIMLFixtures.category("CAPITAL OF *", template), version: "2.0", more: data)
        #expect(mind.rules[0].say == "{map capital: {1}}[sraix \"WHAT IS {1}\" | no {{idea{\"}\"}]{date \"%B %x\"}")
        #expect(mind.maps.first?.entries.map(\.value) == ["Paris", "Rome"])
        #expect(mind.messages(.droppedElement).count == 1)
        #expect(mind.messages(.approximated).count == 1)
    }

    @Test("in a version 1 file, AIML 2.0 elements are unknown and dropped, as python-aiml does")
    func version1() {
        let mind = AIMLFixtures.mind(AIMLFixtures.category("A #", "<sraix>x</sraix>ok"), more: data)
        #expect(mind.rules.isEmpty)
        let kept = AIMLFixtures.mind(AIMLFixtures.category("A", "<sraix>x</sraix>ok"), more: data)
        #expect(kept.rules[0].say == "ok")
    }
}
