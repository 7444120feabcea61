/// A fenced code block of a page of the manual: its info string's language and the words after
/// it (CONTRIBUTING.md says what each means), its text, and where it starts.
struct DocBlock: Sendable, CustomStringConvertible {
    var language: String
    /// The words after the language: `file=PATH` as ("file", "PATH"), a bare word as (word, "").
    var attributes: [String: String]
    var text: String
    /// The page and the line its opening fence is on, for messages.
    var page: String
    var line: Int

    var description: String { "\(page).md:\(line) (```\(language)\(attributes.keys.sorted().map { " \($0)" }.joined()))" }

    /// Whether a bare word or a `key=` of the info string is `name`.
    func has(_ name: String) -> Bool { attributes[name] != nil }

    /// The code blocks of `markdown`, a page named `page`. Blocks inside list items may be
    /// indented: the opening fence's indentation is taken off each of the block's lines.
    static func blocks(of markdown: String, page: String) -> [DocBlock] {
        var blocks: [DocBlock] = []
        var open: (block: DocBlock, indent: Int, fence: String)?
        var lines: [Substring] = []
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix(while: { $0 == " " }).count
            let trimmed = line.dropFirst(indent)
            if var current = open {
                if trimmed.hasPrefix(current.fence), trimmed.allSatisfy({ $0 == "`" || $0 == " " }) {
                    current.block.text = lines.map { String($0.dropFirst(min(current.indent, $0.prefix(while: { $0 == " " }).count))) }
                        .joined(separator: "\n")
                    blocks.append(current.block)
                    open = nil
                } else {
                    lines.append(line)
                }
            } else if trimmed.hasPrefix("```") {
                let fence = String(trimmed.prefix(while: { $0 == "`" }))
                let words = trimmed.dropFirst(fence.count).split(separator: " ")
                var attributes: [String: String] = [:]
                for word in words.dropFirst() {
                    let parts = word.split(separator: "=", maxSplits: 1)
                    attributes[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
                }
                let block = DocBlock(
                    language: words.first.map(String.init) ?? "", attributes: attributes, text: "", page: page, line: index + 1)
                open = (block, indent, fence)
                lines = []
            }
        }
        return blocks
    }
}
