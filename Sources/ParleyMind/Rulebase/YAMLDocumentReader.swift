import Yams

/// Reads a YAML text into a `DocumentNode` with the YAML 1.2 core schema: only `true`/`false` are
/// booleans, numbers keep their written text, and quoted scalars are always text.
enum YAMLDocumentReader {
    /// A YAML syntax error, described by the YAML parser.
    struct SyntaxError: Error {
        let description: String
        /// Where the parser stopped, when it says.
        var line: Int?
        var column: Int?
    }

    static func read(_ text: String) throws(SyntaxError) -> DocumentNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
                throw SyntaxError(description: "\(error)", line: mark.line, column: mark.column)
            default:
                throw SyntaxError(description: "\(error)")
            }
        } catch {
            throw SyntaxError(description: "\(error)")
        }
        guard let root else { return .null }
        return try convert(root)
    }

    private static func convert(_ node: Node) throws(SyntaxError) -> DocumentNode {
        switch node {
        case .scalar(let scalar):
            return resolve(scalar)
        case .sequence(let sequence):
            var elements: [DocumentNode] = []
            for element in sequence {
                elements.append(try convert(element))
            }
            return .array(elements)
        case .mapping(let mapping):
            var members: [DocumentMember] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw SyntaxError(
                        description: "\(location(key))a mapping key must be plain text", line: key.mark?.line,
                        column: key.mark?.column)
                }
                members.append(DocumentMember(key: keyScalar.string, value: try convert(value)))
            }
            return .object(members)
        case .alias(let alias):
            throw SyntaxError(
                description: "\(location(node))unresolved alias \(alias)", line: node.mark?.line, column: node.mark?.column)
        }
    }

    private static func location(_ node: Node) -> String {
        guard let mark = node.mark else { return "" }
        return "line \(mark.line), column \(mark.column): "
    }

    /// Core schema resolution of one scalar.
    private static func resolve(_ scalar: Node.Scalar) -> DocumentNode {
        let text = scalar.string
        let tag = scalar.tag.description
        if tag == Tag.Name.str.rawValue || tag == "!" { return .string(text) }
        guard scalar.style == .plain || scalar.style == .any || !tag.isEmpty else { return .string(text) }
        switch text {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case "", "~", "null", "Null", "NULL": return .null
        default: break
        }
        if isCoreNumber(text) { return .number(text) }
        return .string(text)
    }

    /// The core schema's int and float forms: `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`,
    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.inf` and `.nan` spellings.
    private static func isCoreNumber(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        if text.hasPrefix("0o") || text.hasPrefix("0x") {
            let digits = scalars.dropFirst(2)
            let valid: (Unicode.Scalar) -> Bool = text.hasPrefix("0o")
                ? { ("0"..."7").contains($0) } : { $0.properties.isASCIIHexDigit }
            return !digits.isEmpty && digits.allSatisfy(valid)
        }
        if [".nan", ".NaN", ".NAN"].contains(text) { return true }
        var rest = scalars[...]
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        if [".inf", ".Inf", ".INF"].contains(String(String.UnicodeScalarView(rest))) { return true }
        let whole = rest.prefix(while: isDigit).count
        rest = rest.dropFirst(whole)
        var fraction = 0
        if rest.first == "." {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: isDigit).count
            rest = rest.dropFirst(fraction)
        }
        guard whole > 0 || fraction > 0 else { return false }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
            let exponent = rest.prefix(while: isDigit).count
            guard exponent > 0 else { return false }
            rest = rest.dropFirst(exponent)
        }
        return rest.isEmpty
    }
}
