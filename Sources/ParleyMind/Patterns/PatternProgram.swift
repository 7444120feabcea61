/// A pattern compiled to a nondeterministic automaton whose edges are ordered by preference.
///
/// The preferred match is the first accepting path of a depth-first search that takes each
/// state's edges in order. The automaton has no cycle without a token, so whether a state can
/// still reach acceptance from a position does not depend on how it was reached: remembering the
/// (state, position) pairs that failed keeps the search polynomial without changing which path it
/// finds first.
struct PatternProgram: Sendable {
    /// What an edge records on the way.
    enum Mark: Sendable {
        case none
        case open(Int)
        case close(Int)
    }

    /// An edge packed into three integers, so following it copies no reference.
    struct Edge: Sendable {
        /// The id of the edge's word in the mind's `WordTable`, or one of the (negative) codes below.
        let test: Int32
        /// The mark: 0 for none, `2 * slot + 1` to open a slot, `2 * slot + 2` to close it.
        private let packedMark: Int32
        private let packedTarget: Int32

        init(test: Int32, mark: Mark, target: Int) {
            self.test = test
            switch mark {
            case .none: packedMark = 0
            case .open(let slot): packedMark = Int32(2 * slot + 1)
            case .close(let slot): packedMark = Int32(2 * slot + 2)
            }
            packedTarget = Int32(target)
        }

        var mark: Mark {
            if packedMark == 0 { return .none }
            let slot = Int(packedMark - 1) / 2
            return packedMark % 2 == 1 ? .open(slot) : .close(slot)
        }

        var target: Int { Int(packedTarget) }

        /// `test` of an edge that takes no token.
        static let takesNothing: Int32 = -1
        /// `test` of an edge that takes any token.
        static let takesAny: Int32 = -2
        /// `test` of an edge that takes a number token.
        static let takesNumber: Int32 = -3
    }

    /// An edge and the state it leaves, as the compiler links them.
    struct Link {
        let from: Int32
        let edge: Edge
    }

    /// One allocation for the whole automaton: where each state's edges start (edge numbers,
    /// plus the end), then all edges, state after state, each state's most preferred first.
    /// State 0 starts, `accept` ends.
    private let code: [Int32]
    private let stateCount: Int
    private let accept: Int
    /// Each capture slot's name, nil for positional slots (slot i is `{i + 1}`).
    private let slotNames: [String?]

    /// `Int32`s an edge takes in `code`.
    private static let edgeWidth = MemoryLayout<Edge>.stride / MemoryLayout<Int32>.stride

    /// The automaton of `links` (each state's edges in the order linked) over `stateCount` states.
    init(links: [Link], stateCount: Int, accept: Int, slotNames: [String?]) {
        var code = [Int32](repeating: 0, count: stateCount + 1 + Self.edgeWidth * links.count)
        code.withUnsafeMutableBufferPointer { code in
            // Count each state's edges, place them with `starts[state]` as the cursor (it ends at
            // the next state's start), then shift the starts back by one state.
            let starts = UnsafeMutableBufferPointer(rebasing: code[...stateCount])
            for link in links { starts[Int(link.from) + 1] += 1 }
            for state in 0..<stateCount { starts[state + 1] += starts[state] }
            UnsafeMutableBufferPointer(rebasing: code[(stateCount + 1)...]).withMemoryRebound(to: Edge.self) { edges in
                for link in links {
                    edges[Int(starts[Int(link.from)])] = link.edge
                    starts[Int(link.from)] += 1
                }
            }
            for state in stride(from: stateCount, to: 0, by: -1) { starts[state] = starts[state - 1] }
            starts[0] = 0
        }
        self.code = code
        self.stateCount = stateCount
        self.accept = accept
        self.slotNames = slotNames
    }

    /// The names of the named captures' slots, in slot order.
    var captureNames: some Sequence<String> { slotNames.lazy.compactMap { $0 } }

    /// Calls `body` with each state's edge starts (edge numbers, plus the end) and the edges.
    private func withTables<Result>(
        _ body: (_ starts: UnsafeBufferPointer<Int32>, _ edges: UnsafeBufferPointer<Edge>) -> Result
    ) -> Result {
        code.withUnsafeBufferPointer { code in
            UnsafeBufferPointer(rebasing: code[(stateCount + 1)...]).withMemoryRebound(to: Edge.self) { edges in
                body(UnsafeBufferPointer(rebasing: code[...stateCount]), edges)
            }
        }
    }

    // MARK: Matching

    /// The preferred match of the whole of `tokens`, whose word ids (in the table the pattern was
    /// compiled with) are `ids`, or nil.
    func match(_ tokens: [Token], ids: [Int32]) -> PatternMatch? {
        let count = ids.count
        let width = count + 1
        let pairs = stateCount * width
        // The failed pairs' bits and the path live on the stack when they fit (most inputs are
        // short). A path never holds a (state, position) pair twice, so it has at most `pairs` steps.
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: (pairs + 63) / 64) { bits in
            withUnsafeTemporaryAllocation(of: Frame.self, capacity: pairs) { path in
                bits.initialize(repeating: 0)
                let failed = FailedPairs(bits: bits)
                path.initializeElement(at: 0, to: Frame(state: 0, position: 0, next: 0))
                var depth = 1
                let found = withTables { edgeStarts, edges in
                    ids.withUnsafeBufferPointer { ids in
                        while depth > 0 {
                            let frame = path[depth - 1]
                            if frame.state == accept && frame.position == count { return true }
                            let next = Int(edgeStarts[frame.state]) + frame.next
                            guard next < Int(edgeStarts[frame.state + 1]) else {
                                failed.insert(frame.state * width + frame.position)
                                depth -= 1
                                continue
                            }
                            path[depth - 1].next += 1
                            let edge = edges[next]
                            var position = frame.position
                            let test = edge.test
                            if test != Edge.takesNothing {
                                guard position < count else { continue }
                                if test >= 0 {
                                    guard ids[position] == test else { continue }
                                } else if test == Edge.takesNumber {
                                    guard TextNormalizer.isNumber(tokens[position].match) else { continue }
                                }
                                position += 1
                            }
                            if !failed.contains(edge.target * width + position) {
                                path.initializeElement(at: depth, to: Frame(state: edge.target, position: position, next: 0))
                                depth += 1
                            }
                        }
                        return false
                    }
                }
                return found ? captures(of: UnsafeBufferPointer(rebasing: path[..<depth]), tokens: tokens) : nil
            }
        }
    }

    /// The captures recorded by the marks along an accepting path.
    private func captures(of path: UnsafeBufferPointer<Frame>, tokens: [Token]) -> PatternMatch {
        var named: [String: String] = [:]
        var positionalCount = 0
        for name in slotNames {
            if let name { named[name] = "" } else { positionalCount += 1 }
        }
        var positional = [String](repeating: "", count: positionalCount)
        var openedAt = [Int](repeating: 0, count: slotNames.count)
        withTables { edgeStarts, edges in
            for index in 0..<(path.count - 1) {
                let frame = path[index]
                switch edges[Int(edgeStarts[frame.state]) + frame.next - 1].mark {
                case .none: break
                case .open(let slot): openedAt[slot] = frame.position
                case .close(let slot):
                    let value = Token.joinedText(tokens[openedAt[slot]..<frame.position])
                    if let name = slotNames[slot] { named[name] = value } else { positional[slot] = value }
                }
            }
        }
        return PatternMatch(named: named, positional: positional)
    }

    /// One step of the current path: a state, a position and the index of its next edge to try.
    private struct Frame {
        let state: Int
        let position: Int
        var next: Int
    }

    /// A set of (state, position) pairs, each numbered `state * (tokens + 1) + position`, as bits
    /// in memory the caller provides (zeroed).
    private struct FailedPairs {
        let bits: UnsafeMutableBufferPointer<UInt64>

        func contains(_ pair: Int) -> Bool {
            bits[pair >> 6] & (1 << UInt64(pair & 63)) != 0
        }

        func insert(_ pair: Int) {
            bits[pair >> 6] |= 1 << UInt64(pair & 63)
        }
    }
}
