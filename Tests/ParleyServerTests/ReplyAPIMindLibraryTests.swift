import Foundation
import ParleyCore
import ParleyServer
import ParleyStore
import Testing

@Suite("Reply API: the mind library")
struct ReplyAPIMindLibraryTests {
    @Test("the folder's rulebases are named by stem; NAME=PATH pairs come first and win")
    func names() throws {
        let folder = try ReplyAPIFixtureMinds.folder(["notes.txt": "not a mind"])
        let library = try ReplyAPIHarness.library(
            folder, named: [("shop", folder.appendingPathComponent("greeter.json").path)])
        #expect(library.names == ["shop", "greeter", "seed-demo"])
        #expect(library.defaultName == "shop")
    }

    @Test("bad or repeated names, two rulebases with one stem, and invalid rulebases fail at start")
    func startErrors() throws {
        let folder = try ReplyAPIFixtureMinds.folder()
        let path = folder.appendingPathComponent("greeter.json").path
        #expect(throws: MindLibraryError.self) { try ReplyAPIHarness.library(folder, named: [("a/b", path)]) }
        #expect(throws: MindLibraryError.self) { try ReplyAPIHarness.library(folder, named: [("a", path), ("a", path)]) }
        let twice = try ReplyAPIFixtureMinds.folder(["greeter.yaml": ReplyAPIFixtureMinds.seedDemo])
        #expect(throws: MindLibraryError.self) { try ReplyAPIHarness.library(twice) }
        let broken = try ReplyAPIFixtureMinds.folder(["broken.yaml": ReplyAPIFixtureMinds.broken])
        do {
            _ = try ReplyAPIHarness.library(broken)
            Issue.record("a broken rulebase loaded")
        } catch let error as MindLibraryError {
            guard case .invalidRulebase(_, let diagnostics) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(diagnostics.contains { $0.message.contains("nosuchconcept") })
        }
    }

    @Test("file: URLs outside the minds folder are refused, through .. or a symbolic link")
    func outsideFolder() async throws {
        let folder = try ReplyAPIFixtureMinds.folder()
        let outside = folder.deletingLastPathComponent().appendingPathComponent("outside.yaml")
        try ReplyAPIFixtureMinds.seedDemo.write(to: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("link.yaml"), withDestinationURL: outside)
        let library = try ReplyAPIHarness.library(folder)
        for url in [outside.absoluteString, folder.absoluteString + "../outside.yaml",
                    folder.appendingPathComponent("link.yaml").absoluteString, "file:../outside.yaml",
                    "file:///etc/passwd", "file:nosuch.yaml", "ftp://example.com/x.yaml", "not a url"]
        {
            await #expect(throws: MindLibraryError.self, "\(url)") { try await library.mind(url: url) }
        }
        let inside = try await library.mind(url: folder.absoluteString + "./seed-demo.yaml")
        #expect(inside.name == "file:seed-demo.yaml")
        let relative = try await library.mind(url: "file:seed-demo.yaml")
        #expect(relative.name == "file:seed-demo.yaml")
    }

    @Test("a named mind's file is checked at most once per check interval")
    func checksNamedFilesPerInterval() async throws {
        let folder = try ReplyAPIFixtureMinds.folder()
        let library = try MindLibrary(
            named: [], mindsDirectory: folder.path, fileCheckInterval: .seconds(3600), logger: ReplyAPIHarness.logger)
        let file = folder.appendingPathComponent("greeter.json")
        try ReplyAPIFixtureMinds.greeter.replacingOccurrences(of: "Go on.", with: "Please go on.")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try await library.mind(named: "greeter").mind.reply(to: "x", data: .new).output == "Go on.")
        #expect(try await library.mind(url: file.absoluteString).mind.reply(to: "x", data: .new).output == "Please go on.")
    }

    @Test("a changed file is compiled again, for URL minds and named minds")
    func reload() async throws {
        let folder = try ReplyAPIFixtureMinds.folder()
        let library = try ReplyAPIHarness.library(folder)
        let file = folder.appendingPathComponent("greeter.json")
        let url = file.absoluteString
        #expect(try await library.mind(url: url).mind.reply(to: "x", data: .new).output == "Go on.")
        #expect(try await library.mind(named: "greeter").mind.reply(to: "x", data: .new).output == "Go on.")
        try ReplyAPIFixtureMinds.greeter.replacingOccurrences(of: "Go on.", with: "Please go on.")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try await library.mind(url: url).mind.reply(to: "x", data: .new).output == "Please go on.")
        #expect(try await library.mind(named: "greeter").mind.reply(to: "x", data: .new).output == "Please go on.")
    }

    @Test("an invalid rulebase is not cached: fixing the file serves it")
    func invalidNotCached() async throws {
        let folder = try ReplyAPIFixtureMinds.folder()
        let library = try ReplyAPIHarness.library(folder)
        let file = folder.appendingPathComponent("later.yaml")
        try ReplyAPIFixtureMinds.broken.write(to: file, atomically: true, encoding: .utf8)
        await #expect(throws: MindLibraryError.self) { try await library.mind(url: file.absoluteString) }
        #expect(await library.cachedCount == 0)
        try ReplyAPIFixtureMinds.seedDemo.write(to: file, atomically: true, encoding: .utf8)
        #expect(try await library.mind(url: file.absoluteString).mind.name == "seed-demo")
        #expect(await library.cachedCount == 1)
    }

    @Test("the URL cache keeps the most recently used minds")
    func leastRecentlyUsed() async throws {
        let folder = try ReplyAPIFixtureMinds.folder()
        let library = try ReplyAPIHarness.library(folder, cacheSize: 1)
        _ = try await library.mind(url: "file:seed-demo.yaml")
        _ = try await library.mind(url: "file:greeter.json")
        #expect(await library.cachedCount == 1)
        #expect(try await library.mind(url: "file:seed-demo.yaml").mind.name == "seed-demo")
        #expect(await library.cachedCount == 1)
    }
}
