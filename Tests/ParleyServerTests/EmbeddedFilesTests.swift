import Foundation
import ParleyMind
import ParleyTasks
import Testing

@testable import ParleyServer

/// The files built into the binary (scripts/embed) are the repository's files as they are now.
@Suite("Embedded files")
struct EmbeddedFilesTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let stale = "stale: run scripts/embed"

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func files(in folder: String, extension suffix: String? = nil) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
            .filter { suffix == nil || $0.hasSuffix(suffix!) }.sorted()
    }

    @Test("the web pages, scripts and style sheets")
    func webFiles() throws {
        let names = try Self.files(in: "Sources/ParleyServer/Resources/web")
        #expect(WebFiles.files.keys.sorted() == names, "\(Self.stale)")
        for name in names {
            #expect(WebFiles.files[name] == (try Self.read("Sources/ParleyServer/Resources/web/\(name)")), "\(name) \(Self.stale)")
        }
    }

    @Test("the manual's pages and pictures")
    func manual() throws {
        let pages = try Self.files(in: "docs", extension: ".md")
        #expect(DocsFiles.pages.keys.sorted() == pages.map { String($0.dropLast(3)) }, "\(Self.stale)")
        for name in pages {
            #expect(DocsFiles.pages[String(name.dropLast(3))] == (try Self.read("docs/\(name)")), "\(name) \(Self.stale)")
        }
        let pictures = try (Self.files(in: "docs", extension: ".png") + Self.files(in: "docs", extension: ".svg")).sorted()
        #expect(DocsFiles.pictures.keys.sorted() == pictures, "\(Self.stale)")
        for name in pictures {
            let onDisk = try Data(contentsOf: Self.root.appendingPathComponent("docs/\(name)"))
            #expect(DocsFiles.pictures[name].flatMap { Data(base64Encoded: $0) } == onDisk, "\(name) \(Self.stale)")
        }
    }

    @Test("the demo minds, each compiling")
    func minds() throws {
        let names = try Self.files(in: "minds", extension: ".yaml")
        #expect(BuiltInMinds.names == names.map { String($0.dropLast(5)) }, "\(Self.stale)")
        for name in names {
            let stem = String(name.dropLast(5))
            #expect(BuiltInMinds.sources[stem] == (try Self.read("minds/\(name)")), "\(name) \(Self.stale)")
            #expect(BuiltInMinds.mind(named: stem) != nil, "\(name) does not compile")
        }
    }

    @Test("the demo config and the QA paragraphs")
    func demoFiles() throws {
        #expect(DemoFiles.config == (try Self.read("tasks/demo.yml")), "tasks/demo.yml \(Self.stale)")
        let shipped = try QAParagraph.shipped()
        let onDisk = try JSONDecoder().decode(
            [QAParagraph].self, from: Data(try Self.read("Sources/ParleyTasks/Resources/qa_paragraphs.json").utf8))
        #expect(shipped == onDisk, "qa_paragraphs.json \(Self.stale)")
    }
}
