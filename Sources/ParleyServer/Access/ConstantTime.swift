/// Comparisons of secrets that take as long wherever the first difference is.
public enum ConstantTime {
    /// Whether `left` and `right` are equal, compared byte by byte without an early exit.
    public static func equal(_ left: String, _ right: String) -> Bool {
        equal(Array(left.utf8), Array(right.utf8))
    }

    /// Compares every byte of the longer of the two, whatever they hold.
    static func equal(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        var difference: UInt8 = left.count == right.count ? 0 : 1
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }
}
