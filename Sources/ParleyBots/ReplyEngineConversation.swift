import ParleyCore
import ParleyMind
import ParleyWorlds

/// One conversation with a reply engine, as a bot in a world sees it.
///
/// The conversation opens with `[start]` and `[auto]`, as the reference server does for a new user
/// whose page opens; the engine's `idle` becomes the bot's initiative delay, answered by
/// `[idle n]`. Output tags are taken out of the text people see.
actor ReplyEngineConversation<Engine: ReplyEngine>: BotConversation {
    /// What a person who sent only an attachment is told.
    static var textOnly: String { "Sorry, I can only read text messages." }

    private let engine: Engine
    private var state: Engine.State
    private var idle: Double?
    private var pending: Message?

    init(engine: Engine) {
        self.engine = engine
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
        return try await say([input])
    }

    func reset() {
        state = engine.newState()
        idle = nil
        pending = nil
    }

    func opening() async throws -> Message? {
        try await say(["[start]", "[auto]"])
    }

    func initiativeDelay() -> Duration? {
        idle.map { .milliseconds(Int64(($0 * 1000).rounded())) }
    }

    func initiative(after quiet: Duration) async throws -> Message? {
        try await say([ControlInput.idle(after: quiet.inSeconds)])
    }

    /// Runs `inputs` as turns in order; their non-empty outputs, tags removed, as one message.
    private func say(_ inputs: [String]) async throws -> Message? {
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
            let text = OutputTag.removingTags(from: turn.output)
            if !text.isEmpty { texts.append(text) }
        }
        return texts.isEmpty ? nil : Message(text: texts.joined(separator: " "))
    }
}
