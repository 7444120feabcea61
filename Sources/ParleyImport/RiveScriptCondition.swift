import Foundation

/// A `*` condition line, `left OPERATOR right => reply`, split as rivescript-python splits it; nil
/// for a line it ignores (no operator, or `=>` not exactly once).
struct RiveScriptCondition: Sendable {
    let left: String
    /// The mind's operator: `=`, `!=`, `<`, `<=`, `>` or `>=`.
    let comparison: String
    let right: String
    let reply: String

    private static let operators = ["==", "eq", "!=", "ne", "<>", "<", "<=", ">", ">="]

    init?(_ line: String) {
        let halves = line.components(separatedBy: "=>")
        guard halves.count == 2 else { return nil }
        let test = Array(halves[0].pythonStripped.unicodeScalars)
        reply = halves[1].pythonStripped
        var position = 1
        while position < test.count {
            defer { position += 1 }
            guard test[position].isPythonSpace, !test[position - 1].isPythonSpace else { continue }
            var start = position
            while start < test.count, test[start].isPythonSpace { start += 1 }
            for symbol in Self.operators {
                let op = Array(symbol.unicodeScalars)
                let end = start + op.count
                guard end < test.count, Array(test[start..<end]) == op, test[end].isPythonSpace else { continue }
                var rightStart = end
                while rightStart < test.count, test[rightStart].isPythonSpace { rightStart += 1 }
                guard rightStart < test.count else { continue }
                left = String(String.UnicodeScalarView(test[..<position]))
                right = String(String.UnicodeScalarView(test[rightStart...]))
                comparison = switch symbol {
                case "==", "eq": "="
                case "!=", "ne", "<>": "!="
                default: symbol
                }
                return
            }
        }
        return nil
    }
}
