import Foundation

/// How the reply API behaves: the restart threshold, the clock it reads and the tag handlers.
public struct ReplyAPIOptions: Sendable {
    /// A user away longer than this (seconds) gets `[restart n]` before their input (default 5 minutes).
    public var restartAfter: TimeInterval
    /// The current time; tests inject one they can move.
    public var clock: @Sendable () -> Date
    /// The handlers of output tags (`--tags FILE`); none by default.
    public var tags: TagHandlers

    /// The largest request body accepted, in bytes (256 KiB).
    public static let maximumBodyBytes = 256 * 1024

    public init(
        restartAfter: TimeInterval = 300, clock: @escaping @Sendable () -> Date = { Date() }, tags: TagHandlers = .none
    ) {
        self.restartAfter = restartAfter
        self.clock = clock
        self.tags = tags
    }
}
