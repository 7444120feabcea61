import ParleyCore
import Testing
@testable import ParleyMind

@Suite("Conversation data (section 9)")
struct ConversationDataTests {
    @Test("returned data has the fixed key order and canonical compact JSON")
    func fixedKeyOrder() throws {
        let mind = try MindFixtures.mind(MindFixtures.seedDemo)
        let reply = try mind.reply(to: "hello", data: .new)
        let seed = FNV1a.hex(reply.data.seed ?? 0)
        #expect(reply.data.jsonText == """
            {"v":1,"turn":1,"seed":"\(seed)","world":"","states":{},"history":"> hello\\n[head-nod] Hello.\\n",\
            "recent":[],"used":[],"fired":[],"idle":3}
            """)
    }

    @Test("a reply's JSON text: output, canonical data, and idle only when set")
    func replyJSON() throws {
        let mind = try MindFixtures.mind(MindFixtures.seedDemo)
        let reply = try mind.reply(to: "hello", data: .new)
        #expect(reply.jsonText == #"{"output":"[head-nod] Hello.","data":"# + reply.data.jsonText + #","idle":3}"#)
        let idleReply = try mind.reply(to: "[idle 3]", data: reply.data)
        #expect(idleReply.jsonText == #"{"output":"How can I help?","data":"# + idleReply.data.jsonText + "}")
    }

    @Test("data without a seed starts from the FNV-1a hash of the mind's name")
    func defaultSeed() throws {
        #expect(FNV1a.hash("") == 0xCBF2_9CE4_8422_2325)
        #expect(FNV1a.hash("a") == 0xAF63_DC4C_8601_EC8C)
        let mind = try MindFixtures.mind(MindFixtures.seedDemo)
        let reply = try mind.reply(to: "hello", data: .new)
        #expect(reply.data.seed == FNV1a.hash("seed-demo"))
    }

    @Test("SplitMix64 gives the reference sequence")
    func splitMix() {
        var generator = SplitMix64(state: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.state == 0x3C6E_F372_FE94_F82A)
        #expect(generator.choose(among: 1) == 0)
        #expect(generator.state == 0x3C6E_F372_FE94_F82A)
    }

    @Test("data round-trips through its JSON text")
    func roundTrip() throws {
        let mind = try MindFixtures.mind(MindFixtures.seedDemo)
        let (_, data) = try MindFixtures.conversation(mind, ["my name is \"Joe\" Smith", "hello"])
        let again = try ConversationData(jsonText: data.jsonText)
        #expect(again == data)
        #expect(again.jsonText == data.jsonText)
        #expect(try ConversationData(json: data.json) == data)
    }

    @Test("the counted data size is the size of the JSON text")
    func countedSize() throws {
        let mind = try MindFixtures.mind(MindFixtures.seedDemo)
        let (_, data) = try MindFixtures.conversation(mind, ["my name is \"Joe\" Smith", "hello\ttab \u{1} é", "hello"])
        var states = data
        states.states = ["b": "x\"y", "a": nil]
        states.used = ["one", "two\\"]
        states.fired = ["three"]
        states.world = [Fact(name: "Two", arguments: ["a b", "c"]), Fact(name: "One", arguments: [])]
        for value in [data, states, ConversationData.new, ConversationData(seed: 3)] {
            #expect(value.jsonByteCount == value.jsonText.utf8.count)
        }
    }

    @Test("a caller may start with a seed as hex text or as an integer below 2^53")
    func seeds() throws {
        #expect(try ConversationData(jsonText: #"{"seed": "00000000000000ff"}"#).seed == 255)
        #expect(try ConversationData(jsonText: #"{"seed": 255}"#).seed == 255)
        #expect(ConversationData(seed: 7).jsonText.contains(#""seed":"0000000000000007""#))
        #expect(ConversationData.new.jsonText == #"{"v":1,"turn":0,"world":"","states":{},"history":"","recent":[],"used":[],"fired":[]}"#)
    }

    @Test("invalid data is an error, never a silent reset", arguments: [
        "[]", "\"text\"", "{", #"{"v": 2}"#, #"{"v": "1"}"#, #"{"turn": -1}"#, #"{"turn": 1.5}"#,
        #"{"seed": "xyz"}"#, #"{"seed": -4}"#, #"{"world": "UserName(Joe"}"#, #"{"world": 3}"#,
        #"{"world": "UserName(?x)"}"#, #"{"states": []}"#, #"{"states": {"main": 3}}"#,
        #"{"history": 1}"#, #"{"recent": ["abc"]}"#, #"{"used": [1]}"#, #"{"fired": "x"}"#, #"{"idle": -1}"#,
    ])
    func invalidData(text: String) {
        #expect {
            _ = try ConversationData(jsonText: text)
        } throws: { error in
            (error as? MindError)?.code == "invalid_data"
        }
    }

    @Test("unknown keys are dropped; a missing v means 1")
    func unknownKeys() throws {
        let data = try ConversationData(jsonText: #"{"turn": 2, "extra": {"a": 1}}"#)
        #expect(data.turns == 2)
        #expect(!data.jsonText.contains("extra"))
    }

    @Test("a JSON value's counted size is the size of its canonical text")
    func countedValueSize() {
        let values: [JSONValue] = [
            nil, true, false, 0, -12, 2.5, 1e21, "", "q\"\\/\n\u{1}é😀", [], [:], [1, [2, []], ["k": [:]]],
            ["b\"": "x", "a": [nil, true, "\t"], "é": ["z": 1e-7]],
        ]
        for value in values {
            #expect(CanonicalJSON.byteCount(of: value) == value.jsonText().utf8.count, "\(value)")
        }
    }

    @Test("data of exactly 64 KiB is taken; one byte more is invalid_data")
    func dataSizeBoundary() {
        // {"history":"..."} is 14 bytes around the history.
        let exact = String(repeating: "x", count: MindError.maximumDataBytes - 14)
        #expect((try? ConversationData(json: .object(["history": .string(exact)]))) != nil)
        #expect(throws: MindError.self) {
            _ = try ConversationData(json: .object(["history": .string(exact + "x")]))
        }
    }

    @Test("data over 64 KiB is invalid_data")
    func oversizedInput() {
        let history = String(repeating: "x", count: MindError.maximumDataBytes)
        #expect(throws: MindError.self) {
            _ = try ConversationData(json: .object(["history": .string(history)]))
        }
        let fits = String(repeating: "x", count: MindError.maximumDataBytes - 20)
        #expect((try? ConversationData(json: .object(["history": .string(fits)]))) != nil)
    }

    @Test("a turn whose data would exceed 64 KiB fails with data_too_large and changes nothing")
    func dataTooLarge() throws {
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, input: "remember {x}", assert: ["Note({x})"], say: "ok"}
            """))
        var data = ConversationData.new
        let word = String(repeating: "w", count: 4000)
        var failure: MindError?
        for index in 0..<40 {
            do {
                data = try mind.reply(to: "remember \(word)\(index)", data: data).data
            } catch {
                failure = error
                break
            }
        }
        #expect(failure?.code == "data_too_large")
        if case .dataTooLarge(let bytes)? = failure { #expect(bytes > MindError.maximumDataBytes) }
        #expect(data.jsonText.utf8.count <= MindError.maximumDataBytes)
    }

    @Test("input over 4096 scalars is input_too_long, counted after NFC")
    func inputTooLong() throws {
        let mind = try MindFixtures.mind(MindFixtures.seedDemo)
        #expect(throws: MindError.inputTooLong(scalars: 4097)) {
            _ = try mind.reply(to: String(repeating: "a", count: 4097), data: .new)
        }
        #expect((try? mind.reply(to: String(repeating: "a", count: 4096), data: .new)) != nil)
        // "e" + combining acute composes to one scalar under NFC.
        let decomposed = String(repeating: "e\u{301}", count: 3000)
        #expect((try? mind.reply(to: decomposed, data: .new)) != nil)
        #expect(MindError.inputTooLong(scalars: 5000).code == "input_too_long")
    }

    /// `History.appending` given the history's escape growth, checking the growth it returns.
    private static func appending(input: String, output: String, to history: String) -> String {
        let appended = History.appending(
            input: input, output: output, to: history, escapeGrowth: CanonicalJSON.escapeGrowth(of: history))
        #expect(appended.escapeGrowth == CanonicalJSON.escapeGrowth(of: appended.text))
        return appended.text
    }

    @Test("history keeps at most 10 exchanges, newlines become spaces")
    func history() {
        var history = ""
        for index in 0..<12 {
            history = Self.appending(input: "in \(index)", output: "line\r\nbreak\u{2028}\(index)", to: history)
        }
        let lines = history.split(separator: "\n")
        #expect(lines.count == 20)
        #expect(lines.first == "> in 2")
        #expect(lines.last == "line break 11")
    }

    @Test("history keeps at most 4096 scalars; a long exchange keeps its last 4096")
    func historyLength() {
        let long = String(repeating: "é", count: 5000)
        let history = Self.appending(input: "x", output: long, to: "> a\nb\n")
        #expect(history.unicodeScalars.count == 4096)
        #expect(history.hasSuffix("é\n"))
        let next = Self.appending(input: "y", output: "z", to: history)
        #expect(next == "> y\nz\n")
    }

    @Test("a caller's history is cut at line feeds only, and a last line without one gets one")
    func historyFromCaller() {
        #expect(Self.appending(input: "x", output: "y", to: "a\r\nb") == "a\r\nb\n> x\ny\n")
        #expect(Self.appending(input: "x", output: "y", to: "one\n> a\nb\n") == "one\n> a\nb\n> x\ny\n")
        let full = (0..<10).map { "> \($0)\n\($0)\n" }.joined()
        #expect(Self.appending(input: "x", output: "y", to: "lone\n" + full) == full.dropFirst(6) + "> x\ny\n")
    }

    @Test("old data keeps working: unknown states fall back to initial, unknown rule ids are ignored")
    func oldData() throws {
        let mind = try MindFixtures.mind("""
            mind: m
            version: 1
            models:
              - name: main
                initial: start
                states:
                  - name: start
                    rules:
                      - {kind: respond, input: "*", say: "in start"}
                  - name: other
                    rules:
                      - {kind: respond, input: "*", say: "in other"}
                rules:
                  - {kind: respond, id: greet, once: true, priority: 1, input: "hi", say: "first hi"}
            """)
        let old = try ConversationData(jsonText: """
            {"v":1,"turn":4,"states":{"main":"removed_state","gone":"x"},"used":["old.rule"],"fired":["old.idle"]}
            """)
        let reply = try mind.reply(to: "hello", data: old)
        #expect(reply.output == "in start")
        #expect(reply.data.jsonText.contains(#""states":{}"#))
        #expect(reply.data.jsonText.contains(#""used":[],"fired":[]"#))
        #expect(try mind.reply(to: "hi", data: old).output == "first hi")
        let moved = try ConversationData(jsonText: #"{"states":{"main":"other"}}"#)
        #expect(try mind.reply(to: "hello", data: moved).output == "in other")
    }

    @Test("a turn without goto writes states back as the mind spells them, without unknown or initial ones")
    func statesWrittenBack() throws {
        let mind = try MindFixtures.mind("""
            mind: m
            version: 1
            models:
              - name: main
                initial: start
                states: [{name: start}, {name: K}]
                rules:
                  - {kind: respond, input: "*", say: "ok"}
              - name: side
                states: [{name: s}]
                rules:
                  - {kind: respond, input: "*", say: "ok"}
            """)
        /// The `states` of the data after one turn, as bytes (`==` on strings is canonical equivalence).
        func statesAfterTurn(_ states: String) throws -> [UInt8] {
            let data = try ConversationData(jsonText: #"{"states":"# + states + "}")
            let text = try mind.reply(to: "hello", data: data).data.jsonText
            let start = try #require(text.range(of: #""states":"#)).upperBound
            let end = try #require(text.range(of: #","history""#)).lowerBound
            return Array(text[start..<end].utf8)
        }
        #expect(try statesAfterTurn(#"{"main":"K","side":"s"}"#) == Array(#"{"main":"K","side":"s"}"#.utf8))
        #expect(try statesAfterTurn(#"{"main":null}"#) == Array(#"{"main":null}"#.utf8))
        // The Kelvin sign equals "K" as a Swift string (canonical equivalence); the mind's spelling is written.
        #expect(try statesAfterTurn("{\"main\":\"\u{212A}\"}") == Array(#"{"main":"K"}"#.utf8))
        #expect(try statesAfterTurn(#"{"main":"start","side":null,"gone":"x"}"#) == Array("{}".utf8))
        #expect(try statesAfterTurn(#"{"main":"removed","side":"s"}"#) == Array(#"{"side":"s"}"#.utf8))
    }
}
