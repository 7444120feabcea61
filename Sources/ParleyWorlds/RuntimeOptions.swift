import CoreMetrics
import Foundation

/// How a ``WorldRuntime`` runs, beyond the task config.
public struct RuntimeOptions: Sendable {
    /// The password a person's first message must match; overrides `opt.password` when set.
    public var password: String?
    /// How long a detached person's worlds wait for them to resume before they are disconnected.
    public var resumeWindow: Duration
    /// How long a person who closed their chat (a page's `leave`) may still come back, as a reload
    /// does, before their worlds end; their partners are told at once.
    public var leaveGrace: Duration
    /// How long running task worlds may go on after a shutdown begins.
    public var shutdownGrace: Duration
    /// How long a person waits in a pool before being told, once, that pairing takes longer
    /// (only when the task's `timeout` is longer).
    public var pairingNotice: Duration
    /// Where the runtime's metrics go (worlds, pools, bots, consent); the global metrics system by default.
    public var metricsFactory: any MetricsFactory
    /// How long a person has to answer a task's `rating` question.
    public var ratingTimeout: Duration
    /// When set, conversations that ended more than this many days ago are erased with their
    /// messages, at start and then every `retentionInterval`.
    public var retainDays: Int?
    /// Whether that retention keeps the erased conversations' world results.
    public var keepResults: Bool
    /// How often retention erases old conversations (daily).
    public var retentionInterval: Duration
    /// The name restorable worlds are saved under: after a restart, a server restores the worlds
    /// saved under its name. Servers sharing a store need names of their own (by default, the
    /// machine's host name).
    public var serverName: String

    public init(
        password: String? = nil, resumeWindow: Duration = .seconds(60),
        shutdownGrace: Duration = .seconds(30), pairingNotice: Duration = .seconds(30),
        metricsFactory: (any MetricsFactory)? = nil, ratingTimeout: Duration = .seconds(120), retainDays: Int? = nil,
        keepResults: Bool = false, retentionInterval: Duration = .seconds(86_400), leaveGrace: Duration = .seconds(5),
        serverName: String = ProcessInfo.processInfo.hostName
    ) {
        self.serverName = serverName
        self.password = password
        self.resumeWindow = resumeWindow
        self.shutdownGrace = shutdownGrace
        self.pairingNotice = pairingNotice
        self.metricsFactory = metricsFactory ?? MetricsSystem.factory
        self.ratingTimeout = ratingTimeout
        self.retainDays = retainDays
        self.keepResults = keepResults
        self.retentionInterval = retentionInterval
        self.leaveGrace = leaveGrace
    }
}
