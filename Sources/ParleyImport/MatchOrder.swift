/// Priorities that reproduce python-aiml's choice among matching categories: its depth-first search
/// tries, at each node, the children in the order of their class (`PatternToken.matchClass`), so the
/// category whose match path has the lexicographically smaller sequence of classes wins.
enum MatchOrder {
    /// For each path's classes, its priority: the number of distinct sequences after it, so the first
    /// sequence gets the highest priority, the last 0, and equal sequences the same.
    static func priorities(_ paths: [[UInt8]]) -> [Int] {
        let distinct = Set(paths).sorted { $0.lexicographicallyPrecedes($1) }
        var priorities: [[UInt8]: Int] = [:]
        priorities.reserveCapacity(distinct.count)
        for (offset, path) in distinct.enumerated() {
            priorities[path] = distinct.count - 1 - offset
        }
        return paths.map { priorities[$0] ?? 0 }
    }
}
