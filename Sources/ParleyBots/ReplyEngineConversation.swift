import Foundation
import ParleyCore
import ParleyMind
import ParleyStore
import ParleyWorlds

/// One conversation with a reply engine, as a bot in a world sees it.
///
/// The conversation opens with `[start]` and `[auto]`, as the reference server does for a new user
/// whose page opens; the engine's `idle` becomes the bot's initiative delay, answered by
/// `[idle n]`. Output tags are taken out of the text people see. With a log, each answer to what a
/// person of the audience said is logged as that person's exchange.
actor ReplyEngineConversation<Engine: ReplyEngine>: BotConversation {
    /// What a person who sent only an attachment is told.
    static var textOnly: String { "Sorry, I can only read text messages." }

    private let engine: Engine
    private let log: ExchangeLog?
    private let audience: [PersonAgent]
    private var state: Engine.State
    private var idle: Double?
    private var pending: Message?

    init(engine: Engine, log: ExchangeLog?, audience: [PersonAgent]) {
        self.engine = engine
        self.log = log
        self.audience = audience
        self.state = engine.newState()
    }

    func observe(_ message: Message) {
        pending = message
    }

    func act() async throws -> Message? {
        guard let message = pending else { return nil }
        pending = nil
        let input = message.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !input.isEmpty else {
            return message.payload == nil ? nil : Message(text: Self.textOnly)
        }
        return try await say([input], answering: message)
    }

    func reset() {
        state = engine.newState()
        idle = nil
        pending = nil
    }

    func opening() async throws -> Message? {
        try await say(["[start]", "[auto]"])
    }

    func savedState() -> JSONValue? {
        guard let data = engine.json(of: state) else { return nil }
        return ["data": data, "idle": idle.map(JSONValue.number) ?? .null]
    }

    func restore(_ saved: JSONValue) -> Bool {
        guard let data = saved["data"].flatMap(engine.state(from:)) else { return false }
        state = data
        idle = saved["idle"]?.numberValue
        pending = nil
        return true
    }

    func initiativeDelay() -> Duration? {
        idle.map { .milliseconds(Int64(($0 * 1000).rounded())) }
    }

    func initiative(after quiet: Duration) async throws -> Message? {
        try await say([ControlInput.idle(after: quiet.inSeconds)])
    }

    /// Runs `inputs` as turns in order; their non-empty outputs, tags removed, as one message.
    /// Inputs that answer a person's `message` are logged as that person's exchanges.
    private func say(_ inputs: [String], answering message: Message? = nil) async throws -> Message? {
        var texts: [String] = []
        for input in inputs {
            let turn: EngineTurn<Engine.State>
            do {
                turn = try await engine.reply(to: input, state: state)
            } catch let refusal as EngineRefusal {
                return Message(text: refusal.text)
            }
            state = turn.state
            idle = turn.idle
            if let log, let message, let person = person(of: message) {
                // Stored before the reply goes out, as the reply API stores its exchanges (a failed
                // write is not the person's problem: the conversation goes on).
                try? await log.store.logExchange(
                    mind: log.mind, userID: person, Exchange(input: input, output: turn.output, time: Date(), rule: turn.rule))
            }
            let text = OutputTag.removingTags(from: turn.output)
            if !text.isEmpty { texts.append(text) }
        }
        return texts.isEmpty ? nil : Message(text: texts.joined(separator: " "))
    }

    /// The person id of the audience member who said `message`: the one whose display id it
    /// carries, or the only person; nil when that is not clear.
    private func person(of message: Message) -> String? {
        let speakers = audience.filter { $0.displayID == message.id }
        if speakers.count == 1 { return speakers[0].personID }
        return audience.count == 1 ? audience[0].personID : nil
    }
}
