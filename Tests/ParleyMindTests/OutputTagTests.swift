import ParleyMind
import Testing

@Suite("Output tags")
struct OutputTagTests {
    @Test("tags leave the text; their words and arguments are kept in order")
    func splitsTagsFromText() {
        let (text, tags) = OutputTag.split("[head-nod] The anvil costs $25. [select 3 large]")
        #expect(text == "The anvil costs $25.")
        #expect(tags == [OutputTag(word: "head-nod"), OutputTag(word: "select", arguments: ["3", "large"])])
        #expect(OutputTag.split("Hi [wave] there.") == ("Hi there.", [OutputTag(word: "wave")]))
        #expect(OutputTag.split("[smile]").text == "")
    }

    @Test("brackets that are not tags stay in the text")
    func keepsOtherBrackets() {
        #expect(OutputTag.split("Press [1] or [ ] or [a [b] c").text == "Press [1] or [ ] or [a c")
        #expect(OutputTag.split("Press [1] or [ ] or [a [b] c").tags == [OutputTag(word: "b")])
        #expect(OutputTag.split("unclosed [tag").text == "unclosed [tag")
        #expect(OutputTag.split("line one\nline two").text == "line one\nline two")
    }
}
