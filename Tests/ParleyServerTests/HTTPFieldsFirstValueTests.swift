import HTTPTypes
@testable import ParleyServer
import Testing

@Suite("Reading one-valued headers")
struct HTTPFieldsFirstValueTests {
    @Test("the first field of a name, whatever its case; nil when there is none")
    func firstValue() throws {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(HTTPField(name: try #require(HTTPField.Name("ORIGIN")), value: "http://a.example"))
        headers.append(HTTPField(name: .origin, value: "http://b.example"))
        #expect(headers.firstValue(.origin) == "http://a.example")
        #expect(headers.firstValue(.contentType) == "application/json")
        #expect(headers.firstValue(.authorization) == nil)
    }
}
