import Testing
@testable import ParleyImport

@Suite("Priorities: python-aiml's depth-first order")
struct MatchOrderTests {
    /// The priorities of the rules by input (for rules without that and topic).
    private func priorities(_ patterns: [String], version: String = "1.0") -> [String: Int] {
        let mind = AIMLFixtures.mind(patterns.map { AIMLFixtures.category($0, $0) }.joined(), version: version)
        return Dictionary(mind.rules.map { ($0.say, $0.priority) }) { first, _ in first }
    }

    @Test("_ before a word before *, at the first place where the paths differ")
    func classes() {
        let p = priorities(["_ B", "A _", "A B", "A * C", "* D", "_"])
        #expect(p["_ B"]! > p["_"]!)
        #expect(p["_"]! > p["A _"]!)
        #expect(p["A _"]! > p["A B"]!)
        #expect(p["A B"]! > p["A * C"]!)
        #expect(p["A * C"]! > p["* D"]!)
        #expect(p["* D"] == 0)
    }

    @Test("equal class sequences get equal priorities, numbered densely")
    func equalSequences() {
        let p = priorities(["A *", "B *", "C D", "*"])
        #expect(p["A *"] == p["B *"])
        #expect(Set(p.values) == [0, 1, 2])
    }

    @Test("the end of a pattern comes after a word that continues it: python-aiml lets * take fewer words first")
    func endAfterWord() {
        let mind = AIMLFixtures.mind(AIMLFixtures.category("A *", "A-star that HI", that: "HI")
                                     + AIMLFixtures.category("A * B", "A-star-B"))
        // python-aiml answers "A x B" after "HI" with A-star-B.
        #expect(mind.rule("a + b")!.priority > mind.rule("a +")!.priority)
    }

    @Test("a longer topic wins over its prefix: python-aiml answers topic X FOO with the * FOO category")
    func longerTopic() {
        let mind = AIMLFixtures.mind("""
            <topic name="*"><category><pattern>Q</pattern><template>star</template></category></topic>
            <topic name="* FOO"><category><pattern>Q</pattern><template>star FOO</template></category></topic>
            """)
        let star = mind.rules.first { $0.say == "star" }!
        let foo = mind.rules.first { $0.say == "star FOO" }!
        #expect(foo.priority > star.priority)
        #expect(foo.patterns.topic == "{topicstar1} foo")
    }

    @Test("of categories with the same mind patterns, the one python-aiml prefers is kept")
    func shadowed() {
        let patterns = ["* B", "_ B", "ALICE", "<bot name=\"name\"/>"]
        let mind = AIMLFixtures.mind(patterns.map { AIMLFixtures.category($0, $0) }.joined(), bot: [("name", "Alice")])
        #expect(mind.rules.map(\.say) == ["_ B", "ALICE"])
        #expect(mind.notes.filter { $0.kind == .shadowed }.count == 2)
    }

    @Test("AIML 2.0: $word, #, _, word, set, ^, * in that order")
    func aiml2Classes() {
        let set = (path: "colour.set", text: "red\ngreen\n")
        let patterns = ["$A", "# B", "_ C", "A F", "<set>colour</set>", "^ D", "* E"]
        let categories = patterns.enumerated().map { AIMLFixtures.category($0.element, String($0.offset)) }
        let mind = AIMLFixtures.mind(categories.joined(), version: "2.0", more: [set])
        let order = mind.rules.map(\.priority)
        #expect(mind.rules.map(\.say) == patterns.indices.map(String.init))
        #expect(order == order.sorted(by: >))
        #expect(Set(order).count == patterns.count)
        #expect(mind.rules.map(\.patterns.input) == ["a", "* b", "+ c", "a f", "~colour", "* d", "+ e"])
    }
}
