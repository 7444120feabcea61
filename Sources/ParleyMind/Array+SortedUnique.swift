extension Array where Element: Comparable {
    /// Sorts the array and removes repeated elements, keeping each once.
    mutating func sortAndRemoveRepeats() {
        sort()
        var unique = 0
        for index in indices where unique == 0 || self[unique - 1] != self[index] {
            self[unique] = self[index]
            unique += 1
        }
        removeLast(count - unique)
    }
}
