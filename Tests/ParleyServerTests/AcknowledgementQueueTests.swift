import Testing

@testable import ParleyServer

/// Which client message numbers may be acknowledged as their messages settle, in any order.
struct AcknowledgementQueueTests {
    @Test func onlyTheHighestNumberWithEveryEarlierOneSettledIsAcknowledged() {
        var queue = AcknowledgementQueue()
        for number in [1, 2, 3, 5, 6] { queue.append(number) }
        #expect(queue.settle(2) == nil)
        #expect(queue.settle(3) == nil)
        #expect(queue.settle(1) == 3)
        #expect(queue.settle(6) == nil)
        #expect(queue.settle(5) == 6)
        #expect(queue.acknowledged == 6)
        // Unknown and already acknowledged numbers change nothing.
        #expect(queue.settle(4) == nil)
        #expect(queue.settle(1) == nil)
    }

    @Test func aLongRunSettledInOrderIsAcknowledgedOneByOne() {
        var queue = AcknowledgementQueue()
        for number in 1...1_000 { queue.append(number) }
        #expect((1...1_000).map { queue.settle($0) } == (1...1_000).map { $0 })
        queue.append(1_001)
        queue.append(1_002)
        #expect(queue.settle(1_002) == nil)
        #expect(queue.settle(1_001) == 1_002)
    }
}
