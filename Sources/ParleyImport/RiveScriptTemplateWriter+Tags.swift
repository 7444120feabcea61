import Foundation

/// The tags of replies that read and change values, and object calls.
extension RiveScriptTemplateWriter {
    /// `<get>`, `<set>`, `<bot>`, `<env>` and the arithmetic tags.
    mutating func tag(_ name: String, _ data: [RiveScriptReply.Node]) -> [Segment] {
        var key = ""
        var value: [RiveScriptReply.Node]?
        var dynamicName = false
        for (position, node) in data.enumerated() {
            if case .text(let text) = node, let equals = text.firstIndex(of: "=") {
                key += text[..<equals]
                let after = String(text[text.index(after: equals)...])
                value = (after.isEmpty ? [] : [.text(after)]) + data[(position + 1)...]
                break
            }
            if case .text(let text) = node { key += text } else { dynamicName = true }
        }
        if dynamicName {
            note(.droppedElement, "<\(name) ...> with a name made at run time: the mind's variables have fixed names")
            return [.literal(value == nil ? "undefined" : "")]
        }
        switch name {
        case "get":
            return [.value("{$\(readVariable(key))}")]
        case "set":
            guard let value else { return [.literal("")] }
            let variable = readVariable(key)
            return [.set("{set \(variable): \(layout(render(value)))}")]
        case "bot", "env":
            let changed = name == "bot" ? context.changedBotVariables : context.changedGlobals
            let defined = name == "bot" ? context.source.vars[key] : context.source.globals[key]
            let variable = "rs_\(name)_\(MindName.identifier(key))"
            if let value {
                remember(variable, default: defined ?? "undefined")
                return [.value("{set \(variable): \(layout(render(value)))}")]
            }
            if changed.contains(key) {
                remember(variable, default: defined ?? "undefined")
                return [.value("{$\(variable)}")]
            }
            guard let defined else { return [.literal("undefined")] }
            return name == "bot" ? [.value("{bot.\(MindName.identifier(key))}")]
                : [.literal(TemplateText.escaped(defined))]
        default:
            return [.value(arithmetic(name, key, value ?? []))]
        }
    }

    /// `<add name=N>` and the others: integer arithmetic, an unset variable counting as 0, and
    /// rivescript-python's error text for a value that is not a number.
    private mutating func arithmetic(_ operation: String, _ key: String, _ value: [RiveScriptReply.Node]) -> String {
        let variable = readVariable(key)
        let current = "{$\(variable)}"
        let error = "[ERR: Math couldn't '\(operation)' to value '\(current)']"
        let operand: String
        if let text = Self.plain(value) {
            guard let number = Int(text.pythonStripped), !(operation == "div" && number == 0) else { return error }
            operand = String(number)
        } else {
            operand = layout(render(value))
        }
        let result = switch operation {
        case "add": "{= \(current) + (\(operand))}"
        case "sub": "{= \(current) - (\(operand))}"
        case "mult": "{= \(current) * (\(operand))}"
        default: "{= (\(current) - \(current) % (\(operand))) / (\(operand))}"
        }
        let start = switch operation {
        case "add": operand
        case "sub": "{= 0 - (\(operand))}"
        default: "0"
        }
        return "{if \(current) = undefined: {set \(variable): \(start)}}{elif \(current) >= 0: {set \(variable): \(result)}}"
            + "{elif \(current) < 0: {set \(variable): \(result)}}{else: \(error)}"
    }

    /// `<call>name args</call>`: an output tag for a Python object; rivescript-python's error for others.
    mutating func call(_ inner: [RiveScriptReply.Node]) -> [Segment] {
        var arguments: [String] = []
        var currentArgument: String?
        for node in inner {
            if case .text(let text) = node {
                for (offset, piece) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
                    if offset > 0, let argument = currentArgument {
                        arguments.append(argument)
                        currentArgument = nil
                    }
                    if !piece.isEmpty { currentArgument = (currentArgument ?? "") + TemplateText.escaped(String(piece)) }
                }
            } else {
                currentArgument = (currentArgument ?? "") + layout(render([node]))
            }
        }
        if let argument = currentArgument { arguments.append(argument) }
        guard let name = arguments.first else { return [.literal("")] }
        guard let object = context.source.objects[name], object.language == "python" else {
            return [.literal("[ERR: Object Not Found]")]
        }
        let quoted = arguments.dropFirst().map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        return [.value((["[call", name] + quoted).joined(separator: " ") + "]")]
    }
}
