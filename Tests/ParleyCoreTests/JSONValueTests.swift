import Foundation
import ParleyCore
import Testing

@Suite struct JSONValueTests {
    @Test func roundTripsEveryKind() throws {
        let value: JSONValue = ["a": [1, 2.5, "x", true, nil], "b": ["c": "d"]]
        let text = value.jsonText()
        #expect(text == #"{"a":[1,2.5,"x",true,null],"b":{"c":"d"}}"#)
        #expect(try JSONValue.parse(text) == value)
    }

    @Test func accessorsAnswerOnlyForTheirKind() {
        let value: JSONValue = ["n": 3, "f": 2.5, "big": 1e300, "b": true, "a": [1, "x"], "s": "3"]
        #expect(value["n"]?.intValue == 3)
        #expect(value["f"]?.intValue == nil && value["big"]?.intValue == nil && value["s"]?.intValue == nil)
        #expect(value["b"]?.boolValue == true && value["n"]?.boolValue == nil)
        #expect(value["a"]?.arrayValue == [1, "x"] && value["s"]?.arrayValue == nil)
        #expect(value["s"]?.stringValue == "3" && value["n"]?.stringValue == nil)
    }

    @Test(arguments: [
        ("{\"a\":", "line 1, column 6: unexpected end of the text"),
        ("{\"a\" 1}", "line 1, column 6: expected ':' after a key"),
        ("[1,\n 2", "line 2, column 3: expected ',' or ']'"),
        ("{1: 2}", "line 1, column 2: expected a quoted key"),
        ("[tru]", "line 1, column 2: invalid literal, expected 'true'"),
        ("[-]", "line 1, column 3: invalid number"),
        ("[1.]", "line 1, column 4: invalid number"),
        ("[1e]", "line 1, column 4: invalid number"),
        ("[01]", "line 1, column 3: expected ',' or ']'"),
        ("\"a\u{1}\"", "line 1, column 3: control character in a string"),
        ("\"\\q\"", "line 1, column 2: invalid escape '\\q'"),
        ("\"\\udc00\"", "line 1, column 8: unpaired surrogate in \\u escape"),
        ("\"abc", "line 1, column 5: unterminated string"),
        ("{} x", "line 1, column 4: unexpected text after the JSON value"),
        ("", "line 1, column 1: unexpected end of the text"),
        ("\"é\" ü", "line 1, column 5: unexpected text after the JSON value"),
    ])
    func rejectsMalformedTextSayingWhere(text: String, message: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func rejectsTextThatIsNotUTF8() {
        #expect(throws: JSONSyntaxError(line: 1, column: 1, message: "the text is not valid UTF-8")) {
            try JSONValue.parse(Data([0x22, 0xFF, 0x22]))
        }
    }

    @Test func limitsNesting() throws {
        let deepest = String(repeating: "[", count: JSONScanner.maximumDepth) + String(repeating: "]", count: JSONScanner.maximumDepth)
        _ = try JSONValue.parse(deepest)
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse("[" + deepest + "]") }
    }

    @Test func readsEscapesAndUnicode() throws {
        let text = #" { "s" : "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00é日", "k": [ ] , "o" : { } } "#
        #expect(try JSONValue.parse(text) == ["s": "a\"b\\c/d\u{8}\u{C}\n\r\té😀é日", "k": [], "o": [:]])
    }

    @Test func aRepeatedKeyKeepsItsLastValue() throws {
        #expect(try JSONValue.parse(#"{"a": 1, "a": 2}"#) == ["a": 2])
    }

    /// Numbers read the same as Foundation reads them, on the quick path for short whole
    /// numbers and the general one for the rest.
    @Test(arguments: [
        "0", "-0", "7", "-12", "123456789012345", "-999999999999999", "1234567890123456", "12345678901234567890",
        "0.5", "-1.25", "3.14159265358979", "1e3", "1E-3", "-2.5e+10", "6.02214076e23", "1e-320", "0.1",
    ])
    func readsNumbersAsFoundationDoes(text: String) throws {
        let expected = try JSONDecoder().decode(Double.self, from: Data(text.utf8))
        guard case .number(let number) = try JSONValue.parse(text) else {
            Issue.record("\(text) did not read as a number")
            return
        }
        #expect(number.bitPattern == expected.bitPattern)
    }

    /// Random values written by Foundation's encoder read back equal.
    @Test func readsWhatFoundationWrites() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let value = Self.randomValue(depth: 0, using: &generator)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted]
            let text = String(decoding: try encoder.encode(value), as: UTF8.self)
            #expect(try JSONValue.parse(text) == value, "\(text)")
        }
    }

    private static func randomValue(depth: Int, using generator: inout SystemRandomNumberGenerator) -> JSONValue {
        switch Int.random(in: 0..<(depth < 3 ? 7 : 5), using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .number(Double(Int.random(in: -1_000_000...1_000_000, using: &generator)))
        case 3: return .number(Double.random(in: -1e9...1e9, using: &generator))
        case 4:
            let scalars = (0..<Int.random(in: 0..<12, using: &generator)).map { _ in
                ["a", "\"", "\\", "/", "\n", "\u{1}", "é", "日", "😀", " "].randomElement(using: &generator)!
            }
            return .string(scalars.joined())
        case 5:
            return .array((0..<Int.random(in: 0..<4, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var members: [String: JSONValue] = [:]
            for index in 0..<Int.random(in: 0..<4, using: &generator) {
                members["k\(index)é"] = randomValue(depth: depth + 1, using: &generator)
            }
            return .object(members)
        }
    }

    @Test func writesCompactTextEscapingOnlyWhatJSONNeeds() {
        let value: JSONValue = [
            "z": "q\"b\\s/\n\r\t\u{8}\u{C}\u{1}\u{1F}é日😀", "é": 1, "a": [0.5, -3, 1e21, 2e-7, .number(.infinity)], "B": nil,
        ]
        #expect(value.jsonText() == #"{"B":null,"a":[0.5,-3,1e+21,2e-07,null],"z":"q\"b\\s/\n\r\t\b\f\u0001\u001fé日😀","é":1}"#)
    }

    @Test func readsMembers() {
        let value: JSONValue = ["type": "image", "size": 3]
        #expect(value["type"]?.stringValue == "image")
        #expect(value["size"]?.numberValue == 3)
        #expect(value["missing"] == nil)
    }
}
