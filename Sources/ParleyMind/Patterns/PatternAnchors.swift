/// What the pattern index files a pattern by: the words its matches must contain, by word id.
struct PatternAnchors: Sendable {
    /// The id of the literal word the pattern starts (ends) with, or -1 when it starts (ends)
    /// with something else.
    let firstWord: Int32
    let lastWord: Int32
    /// The first two literal words the pattern has side by side, or (-1, -1).
    let pair: (Int32, Int32)
    /// The clauses, one after another, each its word count then its word ids (ascending): every
    /// match contains a word of each clause. An empty clause means the pattern can never match.
    let clauses: [Int32]

    /// Calls `body` with the word ids of each clause in turn.
    func forEachClause(_ body: (ArraySlice<Int32>) -> Void) {
        var position = 0
        while position < clauses.count {
            let end = position + 1 + Int(clauses[position])
            body(clauses[(position + 1)..<end])
            position = end
        }
    }
}
