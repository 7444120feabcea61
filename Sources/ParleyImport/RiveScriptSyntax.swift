import Foundation

/// rivescript-python's `check_syntax` outside UTF-8 mode: the problem with a line, or nil.
enum RiveScriptSyntax {
    static func check(_ command: Unicode.Scalar, _ line: String) -> String? {
        let scalars = Array(line.unicodeScalars)
        switch command {
        case "!":
            guard let equals = scalars.firstIndex(of: "="), equals > 0, equals < scalars.count - 1 else {
                return "invalid format for !Definition line: must be '! type name = value' OR '! type = value'"
            }
        case ">":
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.first == "begin" && parts.count > 1 {
                return "the 'begin' label takes no additional arguments, should be verbatim '> begin'"
            }
            if parts.first == "topic", scalars.contains(where: { !isName($0, upper: false) }) {
                return "topics should be lowercased and contain only numbers and letters"
            }
            if parts.first == "object", scalars.contains(where: { !isName($0, upper: true) }) {
                return "objects can only contain numbers and letters"
            }
        case "+", "%", "@":
            return patternProblem(scalars)
        case "*":
            guard isCondition(scalars) else {
                return "invalid format for !Condition: should be like '* value symbol value => response'"
            }
        default:
            break
        }
        return nil
    }

    private static func isName(_ scalar: Unicode.Scalar, upper: Bool) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
            || scalar.isPythonSpace || (upper && ("A"..."Z").contains(scalar))
    }

    /// The checks of triggers, previous patterns and redirects: brackets, pipes and characters.
    private static func patternProblem(_ scalars: [Unicode.Scalar]) -> String? {
        let closing: [Unicode.Scalar: Unicode.Scalar] = ["]": "[", "}": "{", ")": "(", ">": "<"]
        var stack: [Unicode.Scalar] = []
        var open: [Unicode.Scalar: Int] = [:]
        for scalar in scalars {
            if "[{(<".unicodeScalars.contains(scalar) {
                stack.append(scalar)
                open[scalar, default: 0] += 1
                if scalar != "<", open["<", default: 0] > 0 {
                    return "angle bracket must be closed before closing or opening other type of brackets"
                }
            } else if let opener = closing[scalar] {
                guard let last = stack.popLast() else { return "unmatched brackets" }
                guard last == opener else { return "unbalanced brackets" }
                open[opener, default: 0] -= 1
            } else if scalar == "|", open["(", default: 0] == 0, open["[", default: 0] == 0 {
                return "pipe | must be within parenthesis brackets or square brackets"
            }
        }
        if !stack.isEmpty { return "unmatched brackets" }
        // An empty alternative: ||, [|, |], (|, |) with only white space between.
        for (index, scalar) in scalars.enumerated() where "|[(".unicodeScalars.contains(scalar) {
            var next = index + 1
            while next < scalars.count, scalars[next].isPythonSpace { next += 1 }
            guard next < scalars.count else { continue }
            let after = scalars[next]
            if after == "|" || (scalar == "|" && (after == "]" || after == ")")) {
                return "piped arrays can't include blank entries"
            }
        }
        let allowed = "()|[]*_#@{}<>=".unicodeScalars
        if scalars.contains(where: { !(("a"..."z").contains($0) || ("0"..."9").contains($0) || allowed.contains($0)
            || $0.isPythonSpace) })
        {
            return "triggers may only contain lowercase letters, numbers, and these symbols: ( | ) [ ] * _ # @ { } < > ="
        }
        return nil
    }

    /// Whether a condition line has the shape `left operator right => reply`.
    private static func isCondition(_ scalars: [Unicode.Scalar]) -> Bool {
        let text = String(String.UnicodeScalarView(scalars))
        guard let arrow = text.range(of: "=>", options: .backwards), !text[arrow.upperBound...].isEmpty else {
            return false
        }
        let left = Array(text[..<arrow.lowerBound].unicodeScalars)
        for operatorText in ["==", "eq", "!=", "ne", "<>", "<", "<=", ">", ">="] {
            let op = Array(operatorText.unicodeScalars)
            var start = 1
            while start + op.count < left.count {
                if Array(left[start..<(start + op.count)]) == op { return true }
                start += 1
            }
        }
        return false
    }
}
