import ParleyWorlds
import Testing

/// Steps through the overworld demo that several tests share.
extension WebSocketTestClient {
    /// Greets the server and picks `chat` with the display name `name`.
    func enterChat(as name: String) async throws {
        say("hi")
        #expect(try await nextText() == DemoText.menu)
        say("chat")
        #expect(try await texts(2) == ["Transferring to chat", DemoText.chatName])
        say(name)
        #expect(try await nextText() == DemoText.chatMatch)
    }

    /// The next text in a chat: a message sent while the pairing is still being made is answered with
    /// the runtime's "please wait" notice (and then delivered), so that notice is passed over.
    func nextChatText() async throws -> String {
        while true {
            let text = try await nextText()
            if text != RuntimeText.waitForPairing { return text }
        }
    }
}
