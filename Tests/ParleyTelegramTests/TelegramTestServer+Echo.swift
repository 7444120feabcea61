import ParleyTasks

extension TelegramTestServer {
    /// The overworld's texts, as Telegram shows them.
    static let welcome = "Overworld: " + MenuOverworld.parleyWelcome
    static let invalidChoice = "Overworld: Invalid option. Choose one of the demos from the listed quick replies. "
    static let echoWelcome = "Onboarding: Welcome to the onboarding world for our echo bot."

    /// Takes Ann from `/start` to the echo task over the webhook (updates 1 and 2), reading what
    /// the bot says on the way.
    func enterEcho() async throws {
        try await post(TelegramUpdates.addressed(1, "/start"))
        let menu = await api.next("sendMessage")
        try await post(TelegramUpdates.tap(2, data: "echo", on: menu))
        let texts = await api.texts(2)
        guard texts.first == "Overworld: Transferring to echo", texts.last??.hasPrefix(Self.echoWelcome) == true else {
            throw TestFailure("expected the way into the echo task, got \(texts)")
        }
    }
}
