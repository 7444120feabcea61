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

    @Test func rejectsMalformedText() {
        #expect(throws: (any Error).self) { try JSONValue.parse("{\"a\":") }
    }

    @Test func readsMembers() {
        let value: JSONValue = ["type": "image", "size": 3]
        #expect(value["type"]?.stringValue == "image")
        #expect(value["size"]?.numberValue == 3)
        #expect(value["missing"] == nil)
    }
}
