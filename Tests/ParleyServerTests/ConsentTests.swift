import Foundation
import ParleyCore
import ParleyStore
import ParleyWorlds
import Testing

/// The config's `consent` notice over real WebSockets: asked before anything is recorded, answered
/// once, and nothing kept of those who decline but their answer.
@Suite(.timeLimit(.minutes(5)))
struct ConsentTests {
    static let notice = "We record these chats to study small talk."

    static func config(consent: String, extra: String = "") -> String {
        WorldsServer.demoConfig() + "\nconsent:\n" + consent + "\n" + extra
    }

    /// Everything the store holds about a person.
    private func recorded(_ person: String, in store: SQLiteStore) async throws -> (messages: [MessageRecord], conversations: [ConversationRecord]) {
        let messages = try await store.messages(since: nil).filter { $0.people.contains(person) || $0.speaker == person }
        let conversations = try await store.conversations(ConversationQuery(roles: Set(ConversationRecord.Role.allCases), personID: person))
        return (messages, conversations)
    }

    @Test func aRequiredNoticeComesFirstAndADeclinedPersonIsKeptOutAndUnrecorded() async throws {
        let worlds = try await WorldsServer.start(
            config: Self.config(consent: "  text: \(Self.notice)\n  link: https://example.org/privacy\n  version: 2"))
        let key = String(repeating: "k", count: 32)
        let person = try await WebSocketTestClient.connect(port: worlds.port)
        await person.say("hi", ["person": .string(key)])
        let first = try await person.next()
        #expect(first["text"] == .string(Self.notice + "\nhttps://example.org/privacy"))
        #expect(first["quick_replies"] == ["I agree", "No thanks"])
        #expect(first["payload"] == ["type": "consent", "version": 2])
        await person.say("echo")  // not an answer: the notice again
        #expect(try await person.nextText() == Self.notice + "\nhttps://example.org/privacy")
        await person.say("no THANKS ")
        let declined = try await person.next()
        #expect(declined["text"] == .string(RuntimeText.consentDeclined(accept: "I agree")))
        #expect(declined["quick_replies"] == ["I agree"])
        await person.say("echo")
        #expect(try await person.nextText() == RuntimeText.consentDeclined(accept: "I agree"))

        // Only the answer is kept.
        let id = try #require(try await worlds.store.knownPeople().first)
        #expect(try await worlds.store.consent(of: id)?.agreed == false)
        #expect(try await worlds.store.consent(of: id)?.version == 2)
        let before = try await recorded(id, in: worlds.store)
        #expect(before.messages.isEmpty && before.conversations.isEmpty)

        await person.say("I agree")
        #expect(try await person.nextText() == DemoText.menu)
        #expect(try await worlds.store.consent(of: id)?.agreed == true)
        await person.close()

        // The same person key later: not asked again.
        let again = try await WebSocketTestClient.connect(port: worlds.port)
        await again.say("hello", ["person": .string(key)])
        #expect(try await again.nextText() == DemoText.menu)
        await again.close()
        try await worlds.stop()
    }

    @Test func withANoticeNotRequiredADecliningPersonTakesPartUnrecorded() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-consent-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let worlds = try await WorldsServer.start(config: Self.config(consent: "  text: \(Self.notice)\n  required: false"), in: directory)
        let person = try await WebSocketTestClient.connect(port: worlds.port)
        await person.say("hi", ["person": .string(String(repeating: "u", count: 24))])
        #expect(try await person.nextText() == Self.notice)
        await person.say("No thanks")
        #expect(try await person.texts(2) == [RuntimeText.unrecorded, DemoText.menu])
        await person.say("echo")
        #expect(try await person.texts(2) == ["Transferring to echo", DemoText.echoWelcome])
        await person.say("not for the record")
        #expect(try await person.nextText() == "not for the record")
        await person.say("[DONE]")
        #expect(try await person.nextText() == DemoText.menu)
        await person.close()
        try await worlds.stop()

        let store = try SQLiteStore(path: directory.appendingPathComponent("parley.sqlite").path)
        #expect(try await store.knownPeople().count == 1)  // the answer alone
        let id = try #require(try await store.knownPeople().first)
        #expect(id.hasPrefix("web-"))
        #expect(try await store.consent(of: id)?.agreed == false)
        let kept = try await recorded(id, in: store)
        #expect(kept.messages.isEmpty && kept.conversations.isEmpty)
        #expect(try await store.messages(since: nil).isEmpty)
        try store.close()
    }

    @Test func thePasswordComesBeforeTheNotice() async throws {
        let worlds = try await WorldsServer.start(
            config: Self.config(consent: "  text: \(Self.notice)\n  accept: Yes\n  decline: 'No'").replacingOccurrences(
                of: "opt: {}", with: "opt: {password: sesame}"))
        let person = try await WebSocketTestClient.connect(port: worlds.port)
        await person.say("hi")
        #expect(try await person.nextText() == RuntimeText.passwordRequired)
        await person.say("sesame")
        #expect(try await person.next()["quick_replies"] == ["Yes", "No"])
        await person.say("yes")
        #expect(try await person.nextText() == DemoText.menu)
        await person.close()
        try await worlds.stop()
    }

    @Test(arguments: [
        ("  link: https://example.org", "consent.text: required key is missing"),
        ("  text: hi\n  colour: red", "consent.colour: unknown key"),
        ("  text: hi\n  required: maybe", "consent.required: expected true or false"),
        ("  text: [a, b]", "consent.text: expected some text"),
        ("  text: hi\n  accept: OK\n  decline: ok", "consent.decline: must differ from consent.accept"),
    ])
    func aWrongConsentBlockIsAnErrorNamingTheKey(_ block: String, _ problem: String) throws {
        #expect(throws: ConfigError.self) { try TaskConfig.parse(yaml: Self.config(consent: block), file: "c.yml") }
        do {
            _ = try TaskConfig.parse(yaml: Self.config(consent: block), file: "c.yml")
        } catch {
            #expect(error.description.contains(problem), "\(error.description)")
        }
    }
}
