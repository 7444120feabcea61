/// Going into the demo's echo task.
extension WebSocketTestClient {
    /// Greets, picks `echo` from the menu and reads up to the echo world's welcome.
    func enterEcho() async throws {
        say("hello")
        _ = try await nextText()
        say("echo")
        _ = try await next(containing: DemoText.echoWelcome)
    }
}
