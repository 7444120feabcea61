#if canImport(Glibc)
import Glibc
#endif
import Logging
import ParleyServer
import Testing

@Suite("Log lines")
struct LogLineHandlerTests {
    struct Refused: Error {}

    /// Logs through a handler writing to a pipe and returns what it wrote.
    func written(_ body: (inout Logger) -> Void) throws -> String {
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        var logger = Logger(label: "parley.test") { LogLineHandler(label: $0, fileDescriptor: ends[1]) }
        body(&logger)
        close(ends[1])
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = read(ends[0], &buffer, buffer.count), count > 0 { bytes += buffer[..<count] }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("a line has the time, level, label, sorted metadata (the logger's, then the call's), source and message")
    func lineFormat() throws {
        let text = try written { logger in
            logger[metadataKey: "request"] = "r1"
            logger[metadataKey: "b"] = "old"
            logger.warning("slow answer", metadata: ["b": "new", "a": "1"], source: "ParleyServer")
        }
        let line = try #require(text.split(separator: "\n").first.map(String.init))
        #expect(text.hasSuffix("\n"))
        #expect(line.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} warning parley\.test: a=1 b=new request=r1 \[ParleyServer\] slow answer/) != nil, "\(line)")
    }

    @Test("levels below the logger's are not written; an error adds its message and type")
    func levelsAndErrors() throws {
        let text = try written { logger in
            logger.logLevel = .notice
            logger.info("not written")
            logger.error("failed", error: Refused())
        }
        #expect(!text.contains("not written"))
        #expect(text.contains(" error parley.test: error.message=Refused() error.type=ParleyServerTests.LogLineHandlerTests.Refused ["), "\(text)")
    }
}
