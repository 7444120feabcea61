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

    private struct State {
        var unread: [Event] = []
        var history: [Event] = []
        var waiter: CheckedContinuation<Event?, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    public func deliver(_ message: Message) async {
        push(.message(message))
    }

    public func showTyping(_ isTyping: Bool) async {
        push(.typing(isTyping))
    }

    public func close() async {
        push(.closed)
    }

    /// Everything sent so far, in order.
    public var history: [Event] { state.withLock { $0.history } }

    /// The next event not yet read, waiting for it; nil when the waiting task is cancelled.
    public func nextEvent() async -> Event? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Event?, Never>) in
                let ready: Event?? = state.withLock { state in
                    if !state.unread.isEmpty { return .some(state.unread.removeFirst()) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }

    /// The next message not yet read, skipping typing indicators; nil once the channel is closed.
    public func nextMessage() async -> Message? {
        while let event = await nextEvent() {
            switch event {
            case .message(let message): return message
            case .typing: continue
            case .closed: return nil
            }
        }
        return nil
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
