import Foundation
import ParleyCore

/// A reply API on another server (`POST /reply`, stateless): the `reply_api` model kind's engine.
/// The conversation's `data` travels with each request.
public struct RemoteReplyEngine: ReplyEngine {
    let poster: JSONPoster
    /// The fields naming the rulebase and the key, sent with every request.
    let fields: [String: JSONValue]

    /// `mind` names a mind of that server, `rulebase` gives a rulebase URL (at most one of them);
    /// `key` is the API key, if the server wants one.
    public init(url: URL, mind: String?, rulebase: String?, key: String?, timeout: Duration, retries: Int) {
        poster = JSONPoster(url: url, headers: [], timeout: timeout, retries: retries)
        var fields: [String: JSONValue] = [:]
        if let mind { fields["mind"] = .string(mind) }
        if let rulebase { fields["url"] = .string(rulebase) }
        if let key { fields["key"] = .string(key) }
        self.fields = fields
    }

    /// No data yet: the server starts the conversation.
    public func newState() -> JSONValue? { nil }

    public func json(of state: JSONValue?) -> JSONValue? {
        state ?? .null
    }

    public func state(from json: JSONValue) -> JSONValue?? {
        .some(json == .null ? nil : json)
    }

    public func reply(to input: String, state: JSONValue?) async throws -> EngineTurn<JSONValue?> {
        var body = fields
        body["input"] = .string(input)
        if let state { body["data"] = state }
        let answer: JSONValue
        do {
            answer = try await poster.post(.object(body))
        } catch RemoteBotError.status(_, 400, let text) where text.contains("input_too_long") {
            throw EngineRefusal("Sorry, that message is too long for me. Please keep it shorter.")
        }
        guard let output = answer["output"]?.stringValue, let data = answer["data"], data.objectValue != nil else {
            throw RemoteBotError.badAnswer(url: poster.url, reason: "the answer lacks output or data")
        }
        return EngineTurn(output: output, state: data, idle: answer["idle"]?.numberValue)
    }
}
