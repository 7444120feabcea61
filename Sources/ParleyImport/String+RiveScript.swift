/// rivescript-python's `strip_nasties`, which its message formatting applies.
extension String {
    /// The text with every character but ASCII letters, digits and spaces removed.
    var strippingNasties: String {
        String(String.UnicodeScalarView(unicodeScalars.filter { $0.isRiveScriptWordCharacter || $0 == " " }))
    }
}

extension Unicode.Scalar {
    /// An ASCII letter or digit: what rivescript-python keeps of a message outside UTF-8 mode.
    var isRiveScriptWordCharacter: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}
