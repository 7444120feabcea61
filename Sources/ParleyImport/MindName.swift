/// Names of the mind language: variables, bot properties, concepts and maps are identifiers
/// (`[A-Za-z_][A-Za-z0-9_]*`).
enum MindName {
    /// The name with every character that an identifier cannot hold turned into `_`, and `_` put
    /// before a leading digit or in place of nothing.
    static func identifier(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            let allowed = scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar)
            scalars.append(allowed ? scalar : "_")
        }
        if scalars.first.map({ ("0"..."9").contains($0) }) ?? true { scalars.insert("_", at: scalars.startIndex) }
        return String(scalars)
    }
}
