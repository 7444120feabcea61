import ParleyCore
import Synchronization

/// A person in one world: what they type arrives through `act`, what the world says goes out through `observe`.
///
/// Each world gets its own agent for a person; the person's `data` travels from world to world.
public final class PersonAgent: Agent {
    /// The runtime's id for the person (unique per connection).
    public let personID: String
    /// The chat service the person is on (e.g. `websocket`, `messenger`).
    public let service: String
    let inbox: Inbox
    let outbox: Outbox
    let recorder: TranscriptRecorder
    /// How long the person may take to act in this world: the task's `response_timeout`.
    public let responseTimeout: Duration?
    /// Saves the world before the person is waited for, when it is restorable.
    let checkpoint: WorldCheckpoint?

    private struct State {
        var displayID: String
        var data: [String: JSONValue]
        var onboardData: [String: JSONValue]
    }

    private let state: Mutex<State>

    init(
        personID: String, service: String, inbox: Inbox, outbox: Outbox, recorder: TranscriptRecorder,
        responseTimeout: Duration?, data: [String: JSONValue], onboardData: [String: JSONValue],
        displayID: String = "Agent", checkpoint: WorldCheckpoint? = nil
    ) {
        self.personID = personID
        self.service = service
        self.inbox = inbox
        self.outbox = outbox
        self.recorder = recorder
        self.responseTimeout = responseTimeout
        self.checkpoint = checkpoint
        self.state = Mutex(State(displayID: displayID, data: data, onboardData: onboardData))
    }

    /// The name the person is shown under in this world (set by a task world's `assignRoles`).
    public var displayID: String {
        get { state.withLock { $0.displayID } }
        set { state.withLock { $0.displayID = newValue } }
    }

    /// The person's data, carried from world to world. Set `next_task` to send the person on:
    /// `"EXIT"` to leave, a task name to go there, nothing to return to the overworld.
    public var data: [String: JSONValue] {
        get { state.withLock { $0.data } }
        set { state.withLock { $0.data = newValue } }
    }

    /// What the onboarding world of the current task collected (ParlAI's `onboard_data`).
    public var onboardData: [String: JSONValue] {
        state.withLock { $0.onboardData }
    }

    /// Sends the person a message.
    public func observe(_ message: Message) async {
        recorder.recordDelivery(message)
        await outbox.send(message)
    }

    /// Shows or hides a typing indicator to the person.
    public func showTyping(_ isTyping: Bool) async {
        await outbox.showTyping(isTyping)
    }

    /// The person's next message, with `id` set to their display id and `role` to `.person`.
    public func act(timeout: Duration?) async throws -> Message? {
        guard let (_, message) = try await Self.firstAct(among: [self], timeout: timeout) else { return nil }
        return message
    }

    /// The first message any of `agents` sends, and who sent it.
    ///
    /// With a `timeout`, returns nil when it passes first; without one, the agents' task
    /// `response_timeout` applies and its passing throws ``WorldError/timedOut(_:)`` naming them all.
    public static func firstAct(
        among agents: [PersonAgent], timeout: Duration? = nil
    ) async throws -> (agent: PersonAgent, message: Message)? {
        let limit = timeout ?? agents.compactMap(\.responseTimeout).min()
        let checkpoint = agents.first?.checkpoint
        let wake =
            if let checkpoint {
                try await checkpoint.wait(for: agents.map(\.inbox), timeout: limit)
            } else {
                await Inbox.next(from: agents.map(\.inbox), timeout: limit)
            }
        switch wake {
        case .message(let index, var entry):
            let agent = agents[index]
            entry.message.id = agent.displayID
            entry.message.role = .person
            checkpoint?.took(number: entry.number, from: agent.personID)
            agent.recorder.recordAct(entry.message, by: agent.personID, whenStored: entry.settled)
            return (agent, entry.message)
        case .closed(let index):
            throw WorldError.personLeft(agents[index].personID)
        case .timedOut:
            if timeout != nil { return nil }
            throw WorldError.timedOut(agents.map(\.personID))
        case .cancelled:
            throw CancellationError()
        }
    }
}
