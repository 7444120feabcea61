/// Diagnostics found while reading a document, and helpers that read document nodes and
/// report what is wrong with them, with paths.
struct DocumentDiagnostics {
    private(set) var diagnostics: [Diagnostic] = []
    /// The errors among the diagnostics.
    private(set) var errorCount = 0

    mutating func error(_ path: String, _ message: String) {
        diagnostics.append(Diagnostic(path: path, message: message, severity: .error))
        errorCount += 1
    }

    /// Sets each finding's `rule` to what `rule(path)` answers for its path.
    mutating func attribute(_ rule: (String) -> String?) {
        for index in diagnostics.indices where diagnostics[index].rule == nil {
            diagnostics[index].rule = rule(diagnostics[index].path)
        }
    }

    mutating func append(_ found: [Diagnostic]) {
        diagnostics += found
        errorCount += found.count { $0.severity == .error }
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    /// The members of an object, reporting a non-object and every key not in `allowed`.
    mutating func fields(_ node: DocumentNode, _ path: @autoclosure () -> String, allowed: [String]) -> DocumentFields? {
        guard case .object(let members) = node else {
            error(path(), "expected an object, found \(node.typeName)")
            return nil
        }
        guard members.allSatisfy({ DocumentFields.contains(allowed, $0.key) }) else {
            for member in members where !DocumentFields.contains(allowed, member.key) {
                error(Self.join(path(), member.key), "unknown field \"\(member.key)\"")
            }
            return DocumentFields(members.filter { DocumentFields.contains(allowed, $0.key) })
        }
        return DocumentFields(members)
    }

    /// Text, or a number read as written (the path is built only for an error).
    mutating func text(_ node: DocumentNode, _ path: @autoclosure () -> String) -> String? {
        guard let text = node.text else {
            error(path(), "expected text, found \(node.typeName)")
            return nil
        }
        return text
    }

    /// A list of texts (a single text counts as a list of one), each with its index.
    mutating func texts(_ node: DocumentNode, _ path: @autoclosure () -> String) -> [DocumentText] {
        if let text = node.text { return [DocumentText(text: text, index: nil)] }
        guard case .array(let elements) = node else {
            error(path(), "expected a list of text, found \(node.typeName)")
            return []
        }
        var result: [DocumentText] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            if let text = text(element, DocumentText.path(index, in: path())) {
                result.append(DocumentText(text: text, index: index))
            }
        }
        return result
    }

    /// An identifier (`[A-Za-z_][A-Za-z0-9_]*`).
    mutating func identifier(_ node: DocumentNode?, _ path: @autoclosure () -> String, what: String) -> String? {
        guard let node else {
            error(path(), "missing required field")
            return nil
        }
        guard let name = text(node, path()) else { return nil }
        guard FactSyntax.isIdentifier(name) else {
            error(path(), "\(what) \"\(name)\" is not an identifier ([A-Za-z_][A-Za-z0-9_]*)")
            return nil
        }
        return name
    }

    mutating func list(_ node: DocumentNode?, _ path: @autoclosure () -> String) -> [DocumentNode] {
        guard let node else { return [] }
        guard case .array(let elements) = node else {
            error(path(), "expected a list, found \(node.typeName)")
            return []
        }
        return elements
    }
}
