/// One text of a document list (or a single text standing for a list of one), with where it is.
struct DocumentText {
    let text: String
    /// The element's index in the list; nil for a single text.
    let index: Int?

    /// The text's path, under the path of its `list` (built only when needed, for a message).
    func path(in list: String) -> String {
        Self.path(index, in: list)
    }

    /// The path of the element at `index` (nil: the list itself) of `list`.
    static func path(_ index: Int?, in list: String) -> String {
        index.map { list + "[" + String($0) + "]" } ?? list
    }
}
