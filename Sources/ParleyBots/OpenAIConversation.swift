import ParleyCore
import ParleyWorlds

/// One conversation with a chat-completions endpoint: the history it sends and the replies it reads.
actor OpenAIConversation: BotConversation {
    private let settings: OpenAIModel.Settings
    /// Messages as the API takes them: `{"role": "user" | "assistant", "content": ...}`.
    private var history: [JSONValue] = []
    private var waiting = false

    init(settings: OpenAIModel.Settings) {
        self.settings = settings
    }

    func observe(_ message: Message) {
        let text = message.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return }
        remember(role: "user", text)
        waiting = true
    }

    func act() async throws -> Message? {
        guard waiting else { return nil }
        waiting = false
        var messages: [JSONValue] = []
        if let prompt = settings.systemPrompt { messages.append(["role": "system", "content": .string(prompt)]) }
        messages += history
        var body: [String: JSONValue] = ["model": .string(settings.model), "messages": .array(messages)]
        if let temperature = settings.temperature { body["temperature"] = .number(temperature) }
        if let maxTokens = settings.maxTokens { body["max_tokens"] = .number(Double(maxTokens)) }
        let answer = try await settings.poster.post(.object(body))
        guard case .array(let choices)? = answer["choices"], let content = choices.first?["message"]?["content"]?.stringValue
        else {
            throw RemoteBotError.badAnswer(url: settings.poster.url, reason: "the answer has no choices[0].message.content")
        }
        let text = content.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        remember(role: "assistant", text)
        return Message(text: text)
    }

    func reset() {
        history = []
        waiting = false
    }

    private func remember(role: String, _ text: String) {
        history.append(["role": .string(role), "content": .string(text)])
        if history.count > settings.historyLength { history.removeFirst(history.count - settings.historyLength) }
    }
}
