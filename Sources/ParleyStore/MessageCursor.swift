import Foundation

/// Where a page of messages ended; pass it back to get the next page.
///
/// Messages are ordered by time, then by the order they were stored.
public struct MessageCursor: Sendable, Hashable {
    /// The time of the last message of the page.
    public var time: Date
    /// The store's sequence number of the last message of the page.
    public var sequence: Int64

    public init(time: Date, sequence: Int64) {
        self.time = time
        self.sequence = sequence
    }
}
