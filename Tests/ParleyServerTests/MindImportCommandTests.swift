import Foundation
import ParleyCore
import Testing

/// `parley mind import`, run as a user runs it.
@Suite(.timeLimit(.minutes(5)), .enabled(if: ParleyProcess.executable != nil))
struct MindImportCommandTests {
    private static func folder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private static func lines(of process: ParleyProcess) async -> [String] {
        var lines: [String] = []
        while let line = await process.nextLine() { lines.append(line) }
        return lines
    }

    @Test("a folder of AIML becomes a mind that loads and answers; what was not carried over is listed")
    func importsAFolder() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <aiml version="1.0.1">
            <category><pattern>HELLO</pattern><template>Hi, I am <bot name="name"/>.</template></category>
            <category><pattern>MY NAME IS *</pattern><template><think><set name="name"><formal><star/></formal></set></think>Nice to meet you, <get name="name"/>.</template></category>
            <category><pattern>LEARN *</pattern><template><learn>x.aiml</learn>No.</template></category>
            </aiml>
            """.write(to: directory.appendingPathComponent("b.aiml"), atomically: true, encoding: .utf8)
        try "<aiml><category><pattern>HI</pattern><template><srai>HELLO</srai></template></category></aiml>"
            .write(to: directory.appendingPathComponent("a.aiml"), atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("bot.yaml").path
        let command = try ParleyProcess(["mind", "import", "aiml", directory.path, "-o", output, "--bot", "name=Ada"])
        let lines = await Self.lines(of: command)
        #expect(await command.waitForExit() == 0)
        #expect(lines.contains { $0.hasPrefix(directory.appendingPathComponent("b.aiml").path + ":5: dropped-element:") })
        #expect(lines.contains { $0.hasPrefix("\(output): 4 rules from 2 files in ") })
        #expect(lines.last?.hasPrefix(#"\#(output): mind "bot" loads in "#) == true)

        let chat = try ParleyProcess(["mind", "chat", output])
        chat.type("hi")
        chat.type("my name is joe smith. what?")
        let said = try await chat.lines { $0.hasPrefix("bot: Nice") }
        chat.terminate()
        #expect(said.contains("bot: Hi, I am Ada."))
        #expect(said.last == "bot: Nice to meet you, Joe Smith.")
    }

    @Test("nothing to import, a bad output name and a mind that does not load are errors")
    func errors() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = try ParleyProcess(["mind", "import", "aiml", directory.path, "-o", directory.path + "/x.json"])
        #expect(await Self.lines(of: empty).isEmpty)
        #expect(await empty.waitForExit() == 1)
        let badName = try ParleyProcess(["mind", "import", "aiml", directory.path, "-o", "x.txt"])
        _ = await Self.lines(of: badName)
        #expect(await badName.waitForExit() != 0)
        let missing = try ParleyProcess(["mind", "import", "aiml", directory.path + "/nope", "-o", "x.json"])
        _ = await Self.lines(of: missing)
        #expect(await missing.waitForExit() != 0)
    }
}
