import ParleyCore

/// Something that answers turns the way the reply API does: an input and the conversation state in,
/// an output (possibly with tags), the new state and the idle delay out.
public protocol ReplyEngine: Sendable {
    /// The conversation state the engine carries from turn to turn.
    associatedtype State: Sendable
    /// The state of a conversation that has not started.
    func newState() -> State
    /// Runs one turn.
    func reply(to input: String, state: State) async throws -> EngineTurn<State>
    /// The state as JSON, so that a restorable world can save it; nil when it cannot be saved
    /// (what the default says: the conversation then starts afresh after a restart).
    func json(of state: State) -> JSONValue?
    /// A state saved by ``json(of:)``; nil when it cannot be read back.
    func state(from json: JSONValue) -> State?
}

extension ReplyEngine {
    public func json(of state: State) -> JSONValue? { nil }
    public func state(from json: JSONValue) -> State? { nil }
}

/// What one engine turn gives back.
public struct EngineTurn<State: Sendable>: Sendable {
    public var output: String
    public var state: State
    /// Seconds after which the engine wants `[idle n]`; nil for never.
    public var idle: Double?
    /// The id of the rule that answered, for engines that have rules (nil otherwise).
    public var rule: String?

    public init(output: String, state: State, idle: Double?, rule: String? = nil) {
        self.output = output
        self.state = state
        self.idle = idle
        self.rule = rule
    }
}

/// An input the engine will not take, with what to tell the person (e.g. a message too long).
public struct EngineRefusal: Error, Sendable, CustomStringConvertible {
    /// The sentence the person is shown.
    public var text: String
    public var description: String { text }

    public init(_ text: String) {
        self.text = text
    }
}
