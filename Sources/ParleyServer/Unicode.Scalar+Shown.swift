extension Unicode.Scalar {
    /// The character as people read it in an error message: `"é" (U+00E9)`, or only `U+0009`
    /// for a character that shows nothing (a control, a space, a format character).
    var shown: String {
        let hex = String(value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let category = properties.generalCategory
        let invisible = category == .control || category == .format || category == .unassigned || properties.isWhitespace
        return invisible ? code : "\"\(self)\" (\(code))"
    }
}
