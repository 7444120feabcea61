import Foundation
import ParleyCore
import ParleyStore
import ParleyWorlds
import Testing

@testable import ParleyServer

/// The block list, a task's `allowed_people` and its `rating`, over real WebSockets.
@Suite(.timeLimit(.minutes(5)))
struct TaskAccessTests {
    static let key = String(repeating: "b", count: 30)

    @Test func aBlockedPersonIsToldSoAtTheMenuAndCanTakeNoTask() async throws {
        let config = WorldsServer.demoConfig() + "\nblocked_message: You are blocked, sorry."
        let worlds = try await WorldsServer.start(config: config)
        let person = try await WebSocketTestClient.connect(port: worlds.port)
        await person.say("hi", ["person": .string(Self.key)])
        #expect(try await person.nextText() == DemoText.menu)
        let id = PersonKey.personID(for: Self.key)
        try await worlds.store.block(BlockedPerson(personID: id, note: "spam", time: Date()))
        await person.say("echo")
        #expect(try await person.texts(2) == ["Transferring to echo", "You are blocked, sorry."])
        #expect(try await person.nextText() == DemoText.menu)
        #expect(try await worlds.store.unblock(id))
        await person.say("echo")
        #expect(try await person.texts(2) == ["Transferring to echo", DemoText.echoWelcome])
        await person.close()
        try await worlds.stop()
    }

    @Test func aTaskWithAllowedPeopleIsOpenToThemAloneReadingItsFileAtEachStart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-allowed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let list = directory.appendingPathComponent("allowed.txt")
        try "# the pilot group\nsomeone-else\n".write(to: list, atomically: true, encoding: .utf8)
        let worlds = try await WorldsServer.start(
            config: WorldsServer.demoConfig(echo: "timeout: 180\n    allowed_people: allowed.txt"), in: directory)
        let person = try await WebSocketTestClient.connect(port: worlds.port)
        await person.say("hi", ["person": .string(Self.key)])
        #expect(try await person.nextText() == DemoText.menu)
        await person.say("echo")
        #expect(try await person.texts(3) == ["Transferring to echo", RuntimeText.notAllowed, DemoText.menu])
        let id = PersonKey.personID(for: Self.key)
        try "someone-else\n\(id)\n".write(to: list, atomically: true, encoding: .utf8)
        await person.say("echo")
        #expect(try await person.texts(2) == ["Transferring to echo", DemoText.echoWelcome])
        await person.close()
        try await worlds.stop()
    }

    @Test func aMissingAllowedPeopleFileIsAConfigError() {
        #expect {
            try TaskConfig.parse(yaml: WorldsServer.demoConfig(echo: "allowed_people: no-such-file.txt"), file: "/tmp/x/c.yml")
        } throws: { error in
            "\(error)".contains("tasks.echo.allowed_people: expected a list of person ids or a readable file of them")
        }
    }

    @Test func aCompletedTaskAsksForARatingAndRecordsItWithTheConversation() async throws {
        let worlds = try await WorldsServer.start(
            config: WorldsServer.demoConfig(echo: "timeout: 180\n    rating: {question: How was the echo?, scale: 3, comment: true}"))
        let person = try await WebSocketTestClient.connect(port: worlds.port)
        await person.say("hi")
        #expect(try await person.nextText() == DemoText.menu)
        await person.say("echo")
        #expect(try await person.texts(2) == ["Transferring to echo", DemoText.echoWelcome])
        await person.say("[DONE]")
        let question = try await person.next()
        #expect(question["text"] == "How was the echo?" && question["quick_replies"] == ["1", "2", "3"])
        await person.say("7")
        #expect(try await person.nextText() == RuntimeText.ratingInvalid)
        await person.say("3")
        #expect(try await person.nextText() == RuntimeText.ratingComment)
        await person.say("Loud and clear")
        #expect(try await person.texts(2) == [RuntimeText.ratingThanks, DemoText.menu])
        let echo = try #require(try await worlds.store.conversations(ConversationQuery(task: "echo")).first)
        #expect(echo.ending == .completed)
        #expect(echo.ratings.map(\.score) == [3] && echo.ratings.first?.comment == "Loud and clear")
        await person.close()
        try await worlds.stop()
    }
}
