/// A category as python-aiml's parser stores it: the path it is matched by, and its template.
struct AIMLCategory: Sendable {
    /// What python-aiml's brain files a category under; of two with the same key, the later wins.
    struct Key: Hashable, Sendable {
        let pattern: [PatternToken]
        let that: [PatternToken]
        let topic: [PatternToken]
    }

    /// The source file's index among the importer's files.
    let file: Int
    /// The line of `<category>`.
    let line: Int
    /// The category's index among the `<category>` elements of its file, from 0.
    let index: Int
    let key: Key
    let template: AIMLNode
    /// Whether the file is AIML 2.0, whose elements the import carries over.
    let aiml2: Bool

    /// The classes of the whole match path (pattern, that, topic, each closed by an end), which order
    /// python-aiml's depth-first search.
    var matchClasses: [UInt8] {
        var classes: [UInt8] = []
        classes.reserveCapacity(key.pattern.count + key.that.count + key.topic.count + 3)
        for part in [key.pattern, key.that, key.topic] {
            classes += part.map(\.matchClass)
            classes.append(PatternToken.endClass)
        }
        return classes
    }
}
