import Foundation
import Hummingbird
import ParleyCore
import ParleyMind
import ParleyStore

extension ReplyAPI {
    /// What a stateful turn answers.
    struct StatefulAnswer: Sendable {
        var output: String
        var idle: Double?
    }

    /// Runs `input` for the user of `served` with the stored data, after `[start]` for a new user
    /// or `[restart n]` after an absence, applies the tag handlers (their control turns included),
    /// and stores the new data and the exchange together (see ``UserStateStore``). The handlers
    /// are called with no transaction or lock held, while the user's other requests to this
    /// server wait. Answers `{"output", "idle"}`.
    func statefulReply(to input: String, userID: String, served: ServedMind) async throws -> Response {
        let (options, tagRounds) = (self.options, self.tagRounds)
        let answer = try await store.exchange(mind: served.name, userID: userID) { record -> ExchangeTurn<StatefulAnswer> in
            let now = options.clock()
            var data: ConversationData
            var control: String?
            if let record {
                data = try Self.storedData(record.data, mind: served.name, userID: userID)
                let away = now.timeIntervalSince(record.lastActivity)
                if away > options.restartAfter { control = "[restart \(Int(away / 60))]" }
            } else {
                data = ConversationData(seed: UInt64.random(in: .min ... .max))
                control = "[start]"
            }
            var outputs: [String] = []
            if let control {
                let reply = try served.mind.reply(to: control, data: data, time: options.clock())
                data = reply.data
                outputs.append(reply.output)
            }
            var reply = try served.mind.reply(to: input, data: data, time: options.clock())
            let rule = reply.rule
            outputs.append(reply.output)
            reply.output = TagRounds.joined(outputs)
            let turn = reply
            @Sendable func finished(_ reply: MindReply) -> (UserUpdate, StatefulAnswer) {
                let update = UserUpdate(
                    data: reply.data.jsonText, lastActivity: now,
                    exchange: Exchange(input: input, output: reply.output, time: now, rule: rule, version: served.version))
                return (update, StatefulAnswer(output: reply.output, idle: reply.idle))
            }
            guard tagRounds.hasWork(in: turn.output) else {
                let (update, answer) = finished(turn)
                return .finished(update, answer)
            }
            return .needsTime { try await finished(tagRounds.apply(to: turn, mind: served.mind, userID: userID)) }
        }
        var json: [String: JSONValue] = ["output": .string(answer.output)]
        if let idle = answer.idle { json["idle"] = .number(idle) }
        return Self.jsonResponse(JSONValue.object(json).jsonText())
    }

    /// The data the store kept for a user; it was written by this server, so failing to read it
    /// is a server error, not the caller's.
    private static func storedData(_ text: String, mind: String, userID: String) throws(StoredDataError) -> ConversationData {
        do {
            return try ConversationData(jsonText: text)
        } catch {
            throw StoredDataError(mind: mind, userID: userID, reason: error.message)
        }
    }
}
