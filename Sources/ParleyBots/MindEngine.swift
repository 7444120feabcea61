import Foundation
import ParleyCore
import ParleyMind

/// A ParleyMind rulebase run in process: the `mind` model kind's engine.
public struct MindEngine: ReplyEngine {
    public let mind: Mind

    public init(mind: Mind) {
        self.mind = mind
    }

    /// Fresh data with its own random seed, so that conversations vary like separate users.
    public func newState() -> ConversationData {
        ConversationData(seed: UInt64.random(in: .min ... .max))
    }

    public func json(of state: ConversationData) -> JSONValue? {
        state.json
    }

    public func state(from json: JSONValue) -> ConversationData? {
        try? ConversationData(json: json)
    }

    public func reply(to input: String, state: ConversationData) throws -> EngineTurn<ConversationData> {
        do {
            let reply = try mind.reply(to: input, data: state, time: Date())
            return EngineTurn(output: reply.output, state: reply.data, idle: reply.idle, rule: reply.rule)
        } catch .inputTooLong {
            throw EngineRefusal("Sorry, that message is too long for me. Please keep it under 4096 characters.")
        }
    }
}
