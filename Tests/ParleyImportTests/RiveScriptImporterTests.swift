import Testing
@testable import ParleyImport

/// The RiveScript importer: each test imports a small script and looks at the rules it makes.
@Suite struct RiveScriptImporterTests {
    /// A rule's text members (a list of texts joined by " | ").
    typealias Rule = [String: String]

    private func imported(_ script: String...) -> MindImport {
        RiveScriptImporter(name: "test").importFiles(script.enumerated().map { ("file\($0.offset).rive", $0.element) })
    }

    private func members(_ value: MindValue) -> [(key: String, value: MindValue)] {
        if case .object(let members) = value { return members }
        return []
    }

    private func text(_ value: MindValue) -> String {
        switch value {
        case .string(let text), .number(let text): text
        case .bool(let flag): String(flag)
        case .array(let items): items.map(text).joined(separator: " | ")
        case .object(let members): members.map { "\($0.key)=\(text($0.value))" }.joined(separator: ",")
        }
    }

    private func top(_ mind: MindImport, _ key: String) -> MindValue? {
        members(mind.document).first { $0.key == key }?.value
    }

    private func rules(_ mind: MindImport) -> [Rule] {
        guard case .array(let models)? = top(mind, "models"),
            case .array(let rules)? = members(models[0]).first(where: { $0.key == "rules" })?.value
        else { return [] }
        return rules.map { rule in Dictionary(uniqueKeysWithValues: members(rule).map { ($0.key, text($0.value)) }) }
    }

    private func find(_ mind: MindImport, input: String) -> Rule? {
        rules(mind).first { $0["input"] == input }
    }

    @Test func wildcardsBecomeNamedCaptures() throws {
        let mind = imported("+ * told me to say *\n- Why did <star1> tell you to say <star2>?\n")
        let rule = try #require(find(mind, input: "{s1:+} told me to say {s2:+}"))
        #expect(rule["say"] == "Why did {lower: {s1}} tell you to say {lower: {s2}}?")
        #expect(rule["topic"] == "random")
    }

    @Test func aTriggerOfOnlyAStarAlsoMatchesNothing() throws {
        let mind = imported("+ *\n- Anything: <star>\n")
        #expect(find(mind, input: "{s1:*}")?["say"] == "Anything: {lower: {s1}}")
    }

    @Test func underscoreTakesNoNumbersThroughTheRestateRules() throws {
        let mind = imported("+ i am _ years old\n- Letters.\n\n+ i am # years old\n- Digits.\n")
        #expect(find(mind, input: "i am {s1:_} years old")?["when"] == "not Num({s1})")
        let restate = rules(mind).filter { $0["kind"] == "restate" }
        #expect(restate.count == RiveScriptMindBuilder.markedNumbers)
        #expect(restate.first?["input"] == "* {n:#} *")
    }

    @Test func capturedGroupsOfWordsAreCheckedAgainstFacts() throws {
        let mind = imported("+ what (are|is) you\n- You said <star>.\n")
        #expect(find(mind, input: "what {s1:_} you")?["when"] == "Choice1({s1})")
        #expect(top(mind, "facts").map(text) == "Choice1(are) | Choice1(is)")
    }

    @Test func capturedGroupsOfPhrasesAreExpanded() throws {
        let mind = imported("! array colors = red|dark blue\n\n+ my (@colors) car\n- A <star> car.\n")
        #expect(find(mind, input: "my red car")?["say"] == "A red car.")
        #expect(find(mind, input: "my dark blue car")?["say"] == "A dark blue car.")
    }

    @Test func arraysAreConceptsAndUndefinedOnesNeverMatch() throws {
        let mind = imported("! array pets = cat dog\n\n+ i have a @pets\n- Nice.\n\n+ i want @vegetables\n- Never.\n")
        #expect(find(mind, input: "i have a ~pets") != nil)
        #expect(top(mind, "concepts").map(text) == "pets=cat | dog")
        #expect(mind.notes.contains { $0.kind == .unmatchable && $0.line == 6 })
    }

    @Test func aUserVariableInATriggerIsItsValueOrNothing() throws {
        let mind = imported("+ [*] <get name> [*]\n- You said your name.\n")
        let readings = rules(mind).filter { $0["say"] == "You said your name." }
        #expect(readings.map { $0["input"]! } == ["[+] {sg1:+} [+]", "[+] [+]"])
        #expect(readings.map { $0["when"]! } == ["{$name} != undefined | {sg1} = {$name}", "{$name} = undefined"])
    }

    @Test func anUndefinedArrayLeavesItsWhiteSpace() throws {
        let mind = imported("+ [*] @nope [*] weird\n- Left out.\n\n+ strange @nope\n- Never.\n")
        #expect(find(mind, input: "[+] [+] weird") != nil)
        #expect(!rules(mind).contains { $0["say"] == "Never." })
    }

    @Test func triggersAreRankedAsRivescriptPythonSortsThem() throws {
        let mind = imported("""
            + * you *
            - 1

            + hey [man]
            - 2

            + hello
            - 3

            + hi _
            - 4

            + _ _
            - 5

            + *
            - 6

            + ho _{weight=100}
            - 7
            """)
        let order = rules(mind).filter { $0["topic"] == "random" }.sorted { Int($0["priority"]!)! > Int($1["priority"]!)! }
            .map { $0["say"]! }
        #expect(order == ["7", "3", "2", "4", "1", "5", "6"])
    }

    @Test func conditionsBecomeBranches() throws {
        let mind = imported("""
            + what can i do
            * <get age> == undefined => No idea.
            * <get age> >= 21 => Drink.
            * <get name> ne <bot master> => Hello stranger.
            - Play.
            """)
        #expect(find(mind, input: "what can i do")?["say"]
            == "{if {$age} = undefined: No idea.}{elif {$age} >= 21: Drink.}{elif {$name} != undefined: Hello stranger.}{else: Play.}")
        #expect(top(mind, "variables").map(text)?.contains("age=undefined") == true)
    }

    @Test func weightedRepliesAreWeightedVariants() throws {
        let mind = imported("+ coin\n- Heads.{weight=3}\n- Tails.\n")
        #expect(find(mind, input: "coin")?["say"] == "text=Heads.,weight=3 | Tails.")
    }

    @Test func redirectsAnswerOneLevelDeeper() throws {
        let mind = imported("+ hey\n@ hello\n\n+ hello\n- Hi.\n")
        let say = try #require(find(mind, input: "hey")?["say"])
        #expect(say.hasPrefix("{if {$rs_depth} >= 50: [ERR: Deep recursion detected]}"))
        #expect(say.contains("{reply: hello}"))
    }

    @Test func aTopicIsSetAfterTheTagsAndBeforeRedirects() throws {
        let mind = imported("+ north\n- {topic=hall}{@look} You walk.<set moved=yes>\n\n> topic hall\n+ look\n- A hall.\n< topic\n")
        let say = try #require(find(mind, input: "north")?["say"])
        #expect(say.hasPrefix("{set rs_t1: {set moved: yes}}{set topic: hall}{if"))
        #expect(say.hasSuffix("{set rs_depth: {= {$rs_depth} - 1}}} You walk.{$rs_t1}"))
    }

    @Test func includedAndInheritedTopicsShareRules() throws {
        let mind = imported("""
            > topic colors
            + what color is the sky
            - Blue.

            + what color is the sun
            - Yellow.
            < topic

            > topic override inherits colors
            + what color is the sun
            - Purple.

            + *
            - Other.
            < topic

            > topic both includes colors
            + say both
            - Both.
            < topic
            """)
        let blue = rules(mind).filter { $0["say"] == "Blue." }
        #expect(blue.map { $0["topic"]! }.sorted() == ["(colors|both)", "override"])
        #expect(rules(mind).filter { $0["say"] == "Yellow." }.map { $0["topic"]! } == ["(colors|both)"])
        let other = try #require(rules(mind).first { $0["say"] == "Other." })
        let inherited = try #require(blue.first { $0["topic"] == "override" })
        #expect(Int(other["priority"]!)! > Int(inherited["priority"]!)!)
    }

    @Test func previousTriggersComeFirstWithBotstars() throws {
        let mind = imported("+ knock knock\n- Who's there?\n\n+ *\n% * who\n- Haha, <botstar>!\n\n+ *\n- What?\n")
        let that = try #require(rules(mind).first { $0["that"] != nil })
        #expect(that["that"] == "{b1:+} who")
        #expect(that["when"] == "{$rs_depth} = 0")
        #expect(that["say"] == "Haha, {lower: {b1}}!")
        #expect(Int(that["priority"]!)! > Int(find(mind, input: "knock knock")!["priority"]!)!)
    }

    @Test func theBeginBlockWrapsEveryMessage() throws {
        let mind = imported("> begin\n+ request\n* <get blocked> == yes => Go away.\n- {ok}\n< begin\n\n+ hi\n- Hello.\n")
        let wrapper = try #require(find(mind, input: "{rs_all:*}"))
        #expect(wrapper["say"]?.contains("{reply: request}") == true)
        let begin = try #require(find(mind, input: "request"))
        #expect(begin["when"] == "{$rs_stage} = begin")
        #expect(begin["say"] == "{if {$blocked} = yes: Go away.}{else: {set rs_stage: main}{set rs_ok: {reply: {$rs_msg}}}{$rs_ok}}")
    }

    @Test func substitutionsFollowTheMessageFormatting() throws {
        let mind = imported("! sub what's = what is\n! sub :) = smile\n\n+ dont panic\n- OK.\n")
        let table = try #require(top(mind, "substitutions").map(text))
        #expect(table.contains("what's=what is"))
        #expect(table.contains("don't=dont"))
        #expect(!table.contains("smile"))
        #expect(mind.notes.contains { $0.kind == .droppedElement && $0.message.contains(":)") })
    }

    @Test func formattingAppliesToTagTextAsRivescriptPythonDoes() throws {
        let mind = imported("! var name = Kit\n\n+ shout\n- {uppercase}hi <bot name>{/uppercase}\n\n+ title *\n- {formal}<star> the great{/formal}\n")
        #expect(find(mind, input: "shout")?["say"] == "HI undefined")
        #expect(find(mind, input: "title {s1:+}")?["say"] == "{formal: {lower: {s1}}} The Great")
    }

    @Test func arithmeticStartsFromZeroAndReportsNonNumbers() throws {
        let mind = imported("+ add\n- <add points=5>\n\n+ bad\n- <add points=many>\n")
        #expect(find(mind, input: "add")?["say"]?.hasPrefix("{if {$points} = undefined: {set points: 5}}") == true)
        #expect(find(mind, input: "bad")?["say"] == "[ERR: Math couldn't 'add' to value '{$points}']")
    }

    @Test func objectMacrosBecomeCallTags() throws {
        let mind = imported("> object up python\n    return args[0].upper()\n< object\n\n+ up *\n- <call>up <star></call>\n\n+ js\n- <call>nothing</call>\n")
        #expect(find(mind, input: "up {s1:+}")?["say"] == "[call up \"{lower: {s1}}\"]")
        #expect(find(mind, input: "js")?["say"] == "[ERR: Object Not Found]")
        #expect(mind.notes.contains { $0.kind == .objectMacro && $0.line == 1 })
    }

    @Test func continuationsFollowTheFilesConcatMode() throws {
        let mind = imported("+ a\n- One\n^ two\n\n! local concat = space\n+ b\n- One\n^ two\n", "+ c\n- One\n^ two\n")
        #expect(find(mind, input: "a")?["say"] == "Onetwo")
        #expect(find(mind, input: "b")?["say"] == "One two")
        #expect(find(mind, input: "c")?["say"] == "Onetwo")
    }

    @Test func linesTheParserRejectsAreNoted() throws {
        let mind = imported("+ Hello There\n- Hi.\n\n+ hello\n- Hello.\n")
        #expect(mind.notes.first?.kind == .syntaxError)
        #expect(mind.notes.first?.line == 1)
        #expect(find(mind, input: "hello") != nil)
    }

    @Test func noMatchAnswersWithRivescriptPythonsError() throws {
        let mind = imported("+ hello\n- Hi.\n")
        let fallback = try #require(rules(mind).last)
        #expect(fallback["input"] == "*")
        #expect(fallback["priority"] == "0")
        #expect(fallback["say"] == "[ERR: No Reply Matched]")
        #expect(mind.text(format: .yaml).hasPrefix("mind: \"test\"\nversion: 1.1\n"))
    }
}
