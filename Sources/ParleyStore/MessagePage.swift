/// One page of stored messages, oldest first.
public struct MessagePage: Sendable, Hashable {
    public var records: [MessageRecord]
    /// Where to continue; nil when this page is the last.
    public var next: MessageCursor?

    public init(records: [MessageRecord], next: MessageCursor?) {
        self.records = records
        self.next = next
    }
}
