import ParleyWorlds
import Synchronization

/// A channel that keeps what it is sent and lets one reader await it in order.
public final class RecordingChannel: PersonChannel {
    /// Something sent to the person.
    public enum Event: Sendable, Equatable {
        case message(Message)
        case typing(Bool)
        case closed
    }

    /// What a wait for the next message ended with.
    public enum Arrival: Sendable, Equatable {
        case message(Message)
        case closed
    }

    private struct State {
        var history: [Event] = []
        var statuses: [PersonStatus] = []
    }

    private let state = Mutex(State())
    private let events = AwaitedQueue<Event>()
    private let shownStatuses = AwaitedQueue<PersonStatus>()

    public init() {}

    public func deliver(_ message: Message) async {
        push(.message(message))
    }

    public func showTyping(_ isTyping: Bool) async {
        push(.typing(isTyping))
    }

    public func show(_ status: PersonStatus) async {
        state.withLock { $0.statuses.append(status) }
        shownStatuses.push(status)
    }

    public func close() async {
        push(.closed)
    }

    /// The statuses shown so far, in order (kept apart from the messages: a status line is not part
    /// of the conversation).
    public var statuses: [PersonStatus] { state.withLock { $0.statuses } }

    /// Everything sent so far, in order.
    public var history: [Event] { state.withLock { $0.history } }

    /// The next event not yet read, waiting for it; nil when the waiting task is cancelled.
    public func nextEvent() async -> Event? {
        await nextEvent(within: nil)
    }

    /// The next event not yet read, waiting at most `limit` (nil: as long as it takes); nil when
    /// none came in time or the waiting task is cancelled. An event that arrives as the time runs
    /// out is never lost: it stays unread.
    public func nextEvent(within limit: Duration?) async -> Event? {
        await events.next(within: limit)
    }

    /// The next status not yet read (statuses are read apart from events), waiting at most
    /// `limit` (nil: as long as it takes); nil when none came in time.
    public func nextStatus(within limit: Duration?) async -> PersonStatus? {
        await shownStatuses.next(within: limit)
    }

    /// The next message not yet read, skipping typing indicators; nil once the channel is closed.
    public func nextMessage() async -> Message? {
        if case .message(let message) = await nextMessage(within: nil) { return message }
        return nil
    }

    /// The next message not yet read, skipping typing indicators, waiting at most `limit` in all
    /// (nil: as long as it takes); nil when none came in time.
    public func nextMessage(within limit: Duration?) async -> Arrival? {
        let deadline = limit.map { ContinuousClock.now + $0 }
        while true {
            let left = deadline.map { max(.zero, $0 - ContinuousClock.now) }
            switch await nextEvent(within: left) {
            case .message(let message)?: return .message(message)
            case .typing?: continue
            case .closed?: return .closed
            case nil: return nil
            }
        }
    }

    private func push(_ event: Event) {
        state.withLock { $0.history.append(event) }
        events.push(event)
    }
}
