import Foundation
import ParleyCore
import ParleyWorlds

/// The `openai` bot model: any OpenAI-compatible chat-completions endpoint (OpenAI, llama.cpp,
/// vLLM, Ollama, ...). Each conversation keeps its own recent history.
public struct OpenAIModel: BotModel {
    /// Everything a request needs besides the conversation.
    struct Settings: Sendable {
        var poster: JSONPoster
        var model: String
        var systemPrompt: String?
        /// How many of the latest messages (the person's and the bot's) each request carries.
        var historyLength: Int
        var temperature: Double?
        var maxTokens: Int?
    }

    let settings: Settings

    /// `baseURL` is the API root, e.g. `http://127.0.0.1:8080/v1`; requests go to `chat/completions` under it.
    public init(
        baseURL: URL, model: String, apiKey: String?, systemPrompt: String?, historyLength: Int,
        temperature: Double?, maxTokens: Int?, timeout: Duration, retries: Int
    ) {
        let endpoint = baseURL.appendingPathComponent("chat").appendingPathComponent("completions")
        let headers = apiKey.map { [(name: "Authorization", value: "Bearer \($0)")] } ?? []
        settings = Settings(
            poster: JSONPoster(url: endpoint, headers: headers, timeout: timeout, retries: retries),
            model: model, systemPrompt: systemPrompt, historyLength: historyLength,
            temperature: temperature, maxTokens: maxTokens
        )
    }

    public func makeConversation() -> any BotConversation {
        OpenAIConversation(settings: settings)
    }
}
