import CoreMetrics
import ParleyStore

/// What the runtime reports through swift-metrics (at `/metrics` under `parley serve`): worlds
/// running and ended by task, people waiting in each pool and how long they waited, pool timeouts,
/// bots' reply times and failures by model, and consent answers.
struct WorldMetrics: Sendable {
    /// Label names, also given histogram buckets by the server.
    static let poolWait = "parley_pool_wait_seconds"
    static let botReply = "parley_bot_reply_seconds"

    let factory: any MetricsFactory

    func worldStarted(task: String) {
        Meter(label: "parley_worlds_running", dimensions: [("task", task)], factory: factory).increment()
    }

    func worldEnded(task: String, ending: ConversationEnding) {
        Meter(label: "parley_worlds_running", dimensions: [("task", task)], factory: factory).decrement()
        Counter(label: "parley_worlds_ended_total", dimensions: [("task", task), ("ending", ending.rawValue)], factory: factory)
            .increment()
    }

    func poolJoined(task: String) {
        Meter(label: "parley_pool_waiting", dimensions: [("task", task)], factory: factory).increment()
    }

    func poolLeft(task: String, waited: Duration, timedOut: Bool) {
        Meter(label: "parley_pool_waiting", dimensions: [("task", task)], factory: factory).decrement()
        Timer(label: Self.poolWait, dimensions: [("task", task)], factory: factory).recordNanoseconds(Self.nanoseconds(waited))
        if timedOut {
            Counter(label: "parley_pool_timeouts_total", dimensions: [("task", task)], factory: factory).increment()
        }
    }

    func botSpoke(model: String, took: Duration, failed: Bool) {
        Timer(label: Self.botReply, dimensions: [("model", model)], factory: factory).recordNanoseconds(Self.nanoseconds(took))
        if failed {
            Counter(label: "parley_bot_failures_total", dimensions: [("model", model)], factory: factory).increment()
        }
    }

    func countConsent(agreed: Bool) {
        Counter(label: "parley_consent_answers_total", dimensions: [("answer", agreed ? "agreed" : "declined")], factory: factory)
            .increment()
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
