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
        var unread: [Event] = []
        var history: [Event] = []
        var statuses: [PersonStatus] = []
        var waiter: CheckedContinuation<Event?, Never>?
        /// Tells the current waiter from earlier ones whose time ran out.
        var waiterTicket = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func deliver(_ message: Message) async {
        push(.message(message))
    }

    public func showTyping(_ isTyping: Bool) async {
        push(.typing(isTyping))
    }

    public func show(_ status: PersonStatus) async {
        state.withLock { $0.statuses.append(status) }
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
        let ticket = state.withLock { state in
            state.waiterTicket += 1
            return state.waiterTicket
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Event?, Never>) in
                let ready: Event?? = state.withLock { state in
                    if !state.unread.isEmpty { return .some(state.unread.removeFirst()) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let ready {
                    continuation.resume(returning: ready)
                } else if let limit {
                    Task { [self] in
                        try? await Task.sleep(for: limit)
                        giveUp(ticket)
                    }
                }
            }
        } onCancel: {
            giveUp(ticket)
        }
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

    /// Ends the wait of `ticket` with nothing, if it is still waiting.
    private func giveUp(_ ticket: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Event?, Never>? in
            guard state.waiterTicket == ticket, let waiter = state.waiter else { return nil }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: nil)
    }

    private func push(_ event: Event) {
        let waiter = state.withLock { state in
            state.history.append(event)
            if let waiter = state.waiter {
                state.waiter = nil
                return Optional(waiter)
            }
            state.unread.append(event)
            return nil
        }
        waiter?.resume(returning: event)
    }
}
