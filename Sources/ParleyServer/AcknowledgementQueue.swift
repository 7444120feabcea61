/// The numbers of an `ack` client's messages taken but not yet acknowledged, in the order taken.
///
/// A number may be acknowledged once its message and every earlier one are settled (stored, or
/// consumed or dropped without a record), since the client reads `ack n` as everything up to n.
struct AcknowledgementQueue {
    private var numbers: [Int] = []
    private var settled: [Bool] = []
    /// Where the unacknowledged numbers start; the ones before it are waiting to be compacted away.
    private var head = 0
    /// The highest number acknowledged so far: it and every number taken before it are settled.
    private(set) var acknowledged: Int

    /// A queue whose client had its messages up to `acknowledged` acknowledged before (by a server
    /// that restarted since).
    init(acknowledged: Int = 0) {
        self.acknowledged = acknowledged
    }

    /// Adds a number taken; numbers must increase.
    mutating func append(_ number: Int) {
        numbers.append(number)
        settled.append(false)
    }

    /// Marks `number` settled. Returns the number to acknowledge now, when that grew.
    mutating func settle(_ number: Int) -> Int? {
        guard let index = index(of: number) else { return nil }
        settled[index] = true
        guard index == head else { return nil }
        while head < numbers.count, settled[head] {
            head += 1
        }
        acknowledged = numbers[head - 1]
        if head > 64, head * 2 > numbers.count {
            numbers.removeFirst(head)
            settled.removeFirst(head)
            head = 0
        }
        return acknowledged
    }

    /// Where `number` waits, by binary search over the unacknowledged numbers.
    private func index(of number: Int) -> Int? {
        var low = head
        var high = numbers.count
        while low < high {
            let middle = (low + high) / 2
            if numbers[middle] < number { low = middle + 1 } else { high = middle }
        }
        return low < numbers.count && numbers[low] == number ? low : nil
    }
}
