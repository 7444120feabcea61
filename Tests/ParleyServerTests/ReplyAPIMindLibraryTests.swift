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

    @Test("the default mind: the first pair, else the folder's only mind, else the demo mind built into Parley")
    func defaultMind() async throws {
        let two = try ReplyAPIHarness.library(try ReplyAPIFixtureMinds.folder())
        #expect(two.defaultName == "demo")
        #expect(two.names == ["greeter", "seed-demo", "demo"])
        #expect(try await two.mind(named: "demo").mind.name == "acme-support")
        let onlyOne = try ReplyAPIFixtureMinds.folder()
        try FileManager.default.removeItem(at: onlyOne.appendingPathComponent("seed-demo.yaml"))
        let single = try ReplyAPIHarness.library(onlyOne)
        #expect(single.defaultName == "greeter")
        #expect(single.names == ["greeter"])
        let none = try MindLibrary(named: [], mindsDirectory: "/nonexistent-parley-minds", logger: ReplyAPIHarness.logger)
        #expect(none.defaultName == "demo")
        #expect(none.listing.map(\.source) == ["built into Parley"])
    }

    @Test("mind= takes a file stem or the rulebase's mind: name; a name two minds claim fails at start")
    func rulebaseNames() async throws {
        let renamed = ReplyAPIFixtureMinds.greeter.replacingOccurrences(of: #""mind": "greeter""#, with: #""mind": "welcome""#)
        let folder = try ReplyAPIFixtureMinds.folder(["greeter.json": renamed])
        let library = try ReplyAPIHarness.library(folder)
        #expect(library.listing.first { $0.name == "greeter" }?.alias == "welcome")
        let byAlias = try await library.mind(named: "welcome")
        #expect(byAlias.name == "greeter")
        #expect(byAlias.mind.name == "welcome")
        let clash = ReplyAPIFixtureMinds.greeter.replacingOccurrences(of: #""mind": "greeter""#, with: #""mind": "seed-demo""#)
        let ambiguous = try ReplyAPIFixtureMinds.folder(["greeter.json": clash])
        do {
            _ = try ReplyAPIHarness.library(ambiguous)
            Issue.record("an ambiguous mind name was accepted")
        } catch {
            #expect("\(error)".contains("the name \"seed-demo\" is ambiguous"))
        }
    }

    @Test("bad or repeated names, two rulebases with one stem, and an invalid default mind fail at start")
    func startErrors() throws {
        let folder = try ReplyAPIFixtureMinds.folder()
        let path = folder.appendingPathComponent("greeter.json").path
        #expect(throws: MindLibraryError.self) { try ReplyAPIHarness.library(folder, named: [("a/b", path)]) }
        #expect(throws: MindLibraryError.self) { try ReplyAPIHarness.library(folder, named: [("a", path), ("a", path)]) }
        let twice = try ReplyAPIFixtureMinds.folder(["greeter.yaml": ReplyAPIFixtureMinds.seedDemo])
        #expect(throws: MindLibraryError.self) { try ReplyAPIHarness.library(twice) }
        let broken = try ReplyAPIFixtureMinds.folder(["broken.yaml": ReplyAPIFixtureMinds.broken])
        do {
            _ = try ReplyAPIHarness.library(broken, named: [("main", broken.appendingPathComponent("broken.yaml").path)])
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
        let elsewhere = ReplyAPIFixtureMinds.seedDemo.replacingOccurrences(of: "mind: seed-demo", with: "mind: outside")
        try elsewhere.write(to: outside, atomically: true, encoding: .utf8)
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
