extension BuiltInMinds {
    /// The built-in mind `name`, compiled; nil when Parley ships none of that name.
    public static func mind(named name: String) -> Mind? {
        guard let source = sources[name] else { return nil }
        // The built-in rulebases compile: EmbeddedFilesTests checks each.
        return try? Mind.load(text: source, format: .yaml).mind
    }

    /// The names of the built-in minds, sorted.
    public static var names: [String] { sources.keys.sorted() }
}
