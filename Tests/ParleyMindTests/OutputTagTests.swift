import ParleyMind
import Testing

@Suite("Output tags")
struct OutputTagTests {
    @Test("tags are found in order with their match-form word and arguments")
    func findsTags() {
        let output = "[Head-Nod] The anvil costs $25. [select 3 large]"
        let tags = OutputTag.all(in: output)
        #expect(tags.map(\.word) == ["head-nod", "select"])
        #expect(tags.map(\.arguments) == [[], ["3", "large"]])
        #expect(tags.map { String(output[$0.range]) } == ["[Head-Nod]", "[select 3 large]"])
    }

    @Test("a quoted argument is one argument; the text after an unquoted | is the fallback")
    func quotedArgumentsAndFallback() {
        let tags = OutputTag.all(in: #"[price "extra large" pizza, | Sorry, I can't price that.] [say "a \"b\" | c"] [x "open]"#)
        #expect(tags.map(\.word) == ["price", "say"])
        #expect(tags.map(\.arguments) == [["extra large", "pizza"], [#"a "b" | c"#]])
        #expect(tags.map(\.fallback) == ["Sorry, I can't price that.", nil])
    }

    @Test("removing tags leaves no double or edge spaces; other brackets stay")
    func removesTags() {
        #expect(OutputTag.removingTags(from: "[head-nod] The anvil costs $25.") == "The anvil costs $25.")
        #expect(OutputTag.removingTags(from: "Hi [wave] there.") == "Hi there.")
        #expect(OutputTag.removingTags(from: "Bye. [wave]") == "Bye.")
        #expect(OutputTag.removingTags(from: "[smile]") == "")
        #expect(OutputTag.removingTags(from: "Press [ ] or [a [b] c") == "Press [ ] or [a c")
        #expect(OutputTag.removingTags(from: "unclosed [tag") == "unclosed [tag")
        #expect(OutputTag.removingTags(from: "line one\nline two") == "line one\nline two")
    }

    @Test("replacing puts each tag's text in its place")
    func replacesTags() {
        let output = "The price is [price anvil] today."
        let tags = OutputTag.all(in: output)
        #expect(OutputTag.replacing(tags, with: ["$25"], in: output) == "The price is $25 today.")
    }
}
