/// A turn's packed candidate entries, taken smallest first: a binary min-heap, so that a turn
/// whose winner comes early orders only the entries it takes instead of sorting them all.
struct CandidateQueue {
    private var heap: [UInt64]

    /// The queue of `entries` (in any order).
    init(_ entries: consuming [UInt64]) {
        heap = entries
        heap.withUnsafeMutableBufferPointer { heap in
            for parent in stride(from: heap.count / 2 - 1, through: 0, by: -1) {
                Self.siftDown(heap, from: parent, count: heap.count)
            }
        }
    }

    /// Removes and returns the smallest entry, or nil when none is left.
    mutating func popMin() -> UInt64? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        return heap.withUnsafeMutableBufferPointer { heap in
            let smallest = heap[0]
            heap[0] = last
            Self.siftDown(heap, from: 0, count: heap.count)
            return smallest
        }
    }

    /// Moves the entry at `start` down until neither child is smaller.
    private static func siftDown(_ heap: UnsafeMutableBufferPointer<UInt64>, from start: Int, count: Int) {
        var parent = start
        let value = heap[parent]
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count, heap[child + 1] < heap[child] { child += 1 }
            guard heap[child] < value else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = value
    }
}
