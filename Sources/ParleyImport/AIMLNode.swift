/// An element of a template as python-aiml's parser keeps it: its attributes, and its children, where
/// the characters between two child elements form one text.
struct AIMLNode: Sendable {
    /// A child of an element.
    enum Child: Sendable {
        /// Text, and whether white space in it is kept as written (`xml:space="preserve"`).
        case text(String, preserve: Bool)
        case element(AIMLNode)
    }

    let name: String
    let attributes: [String: String]
    /// The line of the start tag.
    let line: Int
    /// Whether text in the element keeps its white space.
    let preserve: Bool
    var children: [Child] = []

    /// The child elements named `name`, in order.
    func elements(named name: String) -> [AIMLNode] {
        children.compactMap { child in
            if case .element(let node) = child, node.name == name { return node }
            return nil
        }
    }

    /// Appends characters: to the last child when it is text, else as a new text.
    mutating func append(text: String) {
        if case .text(let before, let preserve) = children.last {
            children[children.count - 1] = .text(before + text, preserve: preserve)
        } else {
            children.append(.text(text, preserve: preserve))
        }
    }
}
