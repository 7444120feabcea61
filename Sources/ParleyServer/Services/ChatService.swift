import Hummingbird
import ParleyWorlds

/// A chat service that brings people into the worlds: Messenger, Telegram, Slack, or your own.
///
/// ``ParleyServer`` mounts its routes on the server's port with ``addRoutes(to:)`` (behind the
/// server's host check, body limit and shutdown drain), runs it with ``run()`` beside the worlds,
/// and at shutdown gives it what is left of the grace period after the worlds have ended: then
/// its `run()` is cancelled. ``metrics()`` is shown at `/metrics`. Most services keep their
/// people in a ``ServicePeople``, which connects them to the runtime, orders what they send and
/// what they are sent, and remembers handled event ids.
public protocol ChatService: Sendable {
    /// The service's name, as the worlds and transcripts see it (e.g. `telegram`).
    var name: String { get }

    /// Adds the service's HTTP routes (its webhook) to the server's router. None by default.
    func addRoutes(to router: Router<ParleyRequestContext>)

    /// Runs the service until a graceful shutdown (ServiceLifecycle's) or cancellation.
    func run() async throws

    /// What the service reports at `/metrics`. None by default.
    func metrics() -> [ServiceMetric]

    /// Lines `parley serve` prints once the server runs at `baseURL` (e.g. where the webhook is).
    /// By default, `NAME serving`.
    func announcement(baseURL: String) -> [String]
}

extension ChatService {
    public func addRoutes(to router: Router<ParleyRequestContext>) {}

    public func metrics() -> [ServiceMetric] { [] }

    public func announcement(baseURL: String) -> [String] { ["\(name) serving"] }
}
