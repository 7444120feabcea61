import Testing
@testable import ParleyImport

@Suite("Templates: python-aiml's elements in the mind's placeholders")
struct TemplateTests {
    private func say(_ template: String, pattern: String = "X *") -> String? {
        AIMLFixtures.say(template, pattern: pattern)
    }

    @Test("white space collapses to one space per text, unless xml:space is preserve; braces are doubled")
    func text() {
        #expect(say("  Hello,\n\t world {x} [tag]  ") == " Hello, world {{x{\"}\"} [tag] ")
        #expect(say("<think xml:space=\"preserve\">a  b</think>  c\n") == "{think: a  b} c ")
    }

    @Test("stars, srai and sr")
    func stars() {
        #expect(say("<star/> and <star index=\"2\"/>", pattern: "* AND _") == "{1} and {2}")
        #expect(say("<srai>HELLO <star/></srai>") == "{reply: HELLO {1}}")
        #expect(say("<sr/>") == "{reply: {1}}")
        #expect(say("[<star index=\"3\"/>]") == "[]")
        #expect(say("<sr/>", pattern: "X") == "")
    }

    @Test("predicates: set renders its value, get and bot read")
    func predicates() {
        #expect(say("<set name=\"it\"><star/></set>") == "{set it: {1}}{$it}")
        #expect(say("<get name=\"it\"/> <bot name=\"master\"/>") == "{$it} {bot.master}")
        #expect(say("<get name=\"first-name\"/>") == "{$first_name}")
        #expect(say("<think><set name=\"topic\">X</set></think><gossip>g</gossip>")
                == "{think: {set topic: X}{$topic}}{think: g}")
    }

    @Test("the three forms of condition; white space between items is ignored")
    func conditions() {
        #expect(say("<condition name=\"x\" value=\"a b\">yes</condition>") == "{if $x = \"a b\": yes}")
        #expect(say("""
            <condition name="x">
              <li value="a">A</li>
              <li value="b">B</li>
              <li>D</li>
            </condition>
            """) == "{if $x = \"a\": A}{elif $x = \"b\": B}{else: D}")
        #expect(say("<condition><li name=\"x\" value=\"1\">one</li><li name=\"y\" value=\"&quot;\">q</li></condition>")
                == "{if $x = \"1\": one}{elif $y = \"\\\"\": q}")
        #expect(say("<condition name=\"x\"><li>only</li></condition>") == "only")
    }

    @Test("random, case, person and gender")
    func functions() {
        #expect(say("<random>\n<li>A</li>\n<li><star/></li>\n</random>") == "{random: A}{or: {1}}")
        #expect(say("<uppercase>a</uppercase><lowercase>B</lowercase><formal>c d</formal><sentence>e</sentence>")
                == "{upper: a}{lower: B}{formal: c d}{sentence: e}")
        #expect(say("<person/> <person2/> <person>I am</person> <gender>he</gender>")
                == "{person: {1}} {person2: {1}} {person: I am} {gender: he}")
        #expect(say("[<gender/>]") == "[]")
    }

    @Test("date, input, that, size, version and id")
    func values() {
        let mind = AIMLFixtures.mind(AIMLFixtures.category("A", "<date/> <input/> <that/> <size/> <version/>")
                                     + AIMLFixtures.category("B", "<input index=\"2\"/><that index=\"2,1\"/><id/>")
                                     + AIMLFixtures.category("C", "<date format=\"%Y\"/>"))
        #expect(mind.rule("a")?.say == "{date} {input} {that} 3 Parley")
        #expect(mind.rule("b")?.say == "{input}{that}{$id}")
        #expect(mind.rule("c")?.say == "{date}")
        #expect(mind.messages(.approximated).count == 4)
    }

    @Test("system becomes an output tag with a quoted argument")
    func system() {
        #expect(say("<system>echo \"<star/>\" \\ {x}</system>") == #"[system "echo \"{1}\" \\ {{x{"}"}"]"#)
    }

    @Test("javascript is thought with a note; learn is dropped with a note")
    func notes() {
        let mind = AIMLFixtures.mind(AIMLFixtures.category("A", "<javascript>x</javascript><learn>f.aiml</learn>ok"))
        #expect(mind.rules[0].say == "{think: x}ok")
        #expect(mind.messages(.approximated).count == 1)
        #expect(mind.messages(.droppedElement).count == 1)
        #expect(mind.notes.allSatisfy { $0.file == "test.aiml" && $0.line == 3 })
    }

    @Test("a thatstar of a that of one wildcard renders the previous output")
    func wholeThat() {
        #expect(say("<thatstar/> <topicstar/>") == "{that} {$topic}")
    }
}
