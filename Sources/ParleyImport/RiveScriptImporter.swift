/// Imports RiveScript 2 files into a mind that answers as rivescript-python 1.15 does outside UTF-8
/// mode: the same triggers tried in the same order (as rule priorities, per topic), the same
/// message normalisation (as substitutions), the same replies. Topics are the user variable `topic`,
/// which each rule's `topic` pattern reads; a message no trigger matches gets rivescript-python's
/// "[ERR: No Reply Matched]". Every difference is noted.
public struct RiveScriptImporter: Sendable {
    /// The mind's name.
    public let name: String

    public init(name: String = "rivescript") {
        self.name = name
    }

    /// The mind of the files, read in the order given as rivescript-python loads them one by one.
    public func importFiles(_ files: [(path: String, text: String)]) -> MindImport {
        var parser = RiveScriptParser()
        for file in files {
            parser.parse(file: file.path, text: file.text)
        }
        let source = parser.source
        let depth = source.globals["depth"].flatMap { Int($0) } ?? 50
        let context = RiveScriptMindContext(source: source, depth: depth)
        var builder = RiveScriptMindBuilder(context: context, depth: depth)
        let document = builder.document(name: name)
        let notes = parser.notes + builder.notes
        let order = Dictionary(files.enumerated().map { ($0.element.path, $0.offset) }) { first, _ in first }
        let sorted = notes.enumerated().sorted { a, b in
            let fileA = order[a.element.file] ?? files.count, fileB = order[b.element.file] ?? files.count
            if fileA != fileB { return fileA < fileB }
            return a.element.line != b.element.line ? a.element.line < b.element.line : a.offset < b.offset
        }.map(\.element)
        return MindImport(document: document, rules: builder.ruleCount, notes: sorted)
    }
}
