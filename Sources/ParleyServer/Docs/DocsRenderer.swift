import Foundation
import Ink

/// Turns a page of the manual from Markdown into HTML with Ink, so that what works on a code host
/// works at `/docs` too: headings get the ids a code host gives them (`#how-a-turn-runs`), links to
/// `PAGE.md` go to `/docs/PAGE`, pictures load from `/docs/`, and a code block's class names only
/// its language (the words after it are for the example runner).
struct DocsRenderer {
    /// A rendered page: its title (its first heading) and the HTML of its body.
    struct Rendered {
        var title: String
        var html: String
        /// The page's second-level headings, as (id, text), for its table of contents.
        var sections: [(id: String, text: String)]
    }

    /// Renders `markdown`.
    static func render(_ markdown: String) -> Rendered {
        let slugs = HeadingSlugs()
        var title: String?
        var sections: [(id: String, text: String)] = []
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .headings) { html, markdown in
            let text = plainText(of: html)
            let id = slugs.next(for: text)
            let level = markdown.prefix(while: { $0 == "#" }).count
            if level == 1, title == nil { title = text }
            if level == 2 { sections.append((id, text)) }
            return html.replacingOccurrences(of: "<h\(level)>", with: "<h\(level) id=\"\(id)\">", options: .anchored)
        })
        parser.addModifier(Modifier(target: .links) { html, markdown in
            markdown.contains("](../") ? outsideTheManual(html) : rewrite(attribute: "href", in: html)
        })
        parser.addModifier(Modifier(target: .images) { html, _ in
            rewrite(attribute: "src", in: html)
        })
        // Ink keeps the backslash of a `\|` that a code host shows as `|` in a table cell.
        parser.addModifier(Modifier(target: .tables) { html, _ in
            html.replacingOccurrences(of: "\\|", with: "|")
        })
        parser.addModifier(Modifier(target: .codeBlocks) { html, _ in
            languageOnly(html)
        })
        let html = parser.html(from: prepared(markdown))
        return Rendered(title: title ?? "Parley", html: html, sections: sections)
    }

    /// `markdown` as Ink reads it right: each paragraph and list item on one line (Ink takes a line
    /// that starts with `` ` `` or `<` for a new block), and `<https://...>` as a written-out link
    /// (Ink has no autolinks). Code blocks stay as they are.
    static func prepared(_ markdown: String) -> String {
        var lines: [String] = []
        var fence: String?
        var joinable = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                lines.append(line)
                if trimmed.hasPrefix(open), trimmed.allSatisfy({ $0 == "`" }) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") {
                fence = String(trimmed.prefix(while: { $0 == "`" }))
                lines.append(line)
                joinable = false
                continue
            }
            let startsBlock = trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("|") || trimmed.hasPrefix(">")
                || trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("---")
                || trimmed.wholeMatch(of: /[0-9]+\. .*/) != nil
            if joinable, !startsBlock, let last = lines.popLast() {
                lines.append(last + " " + linked(trimmed))
            } else {
                lines.append(linked(line))
            }
            joinable = !trimmed.isEmpty && !trimmed.hasPrefix("#") && !trimmed.hasPrefix("|") && !trimmed.hasPrefix("---")
        }
        return lines.joined(separator: "\n")
    }

    /// `line` with each `<http(s)://...>` written as `[URL](URL)`.
    private static func linked(_ line: String) -> String {
        line.replacing(/<(https?:\/\/[^>\s]+)>/) { match in "[\(match.1)](\(match.1))" }
    }

    /// Where a link or picture of a page points at `/docs`: other pages by name, pictures under
    /// `/docs/`, everything with a scheme or an absolute path as written.
    static func target(of reference: String) -> String {
        if reference.hasPrefix("#") || reference.hasPrefix("/") || reference.contains(":") { return reference }
        let (path, fragment) = split(reference)
        if path.hasSuffix(".md") {
            let name = String(path.dropLast(3))
            return DocsSite.path(of: name) + fragment
        }
        return "/docs/\(path)" + fragment
    }

    private static func split(_ reference: String) -> (path: String, fragment: String) {
        guard let hash = reference.firstIndex(of: "#") else { return (reference, "") }
        return (String(reference[..<hash]), String(reference[hash...]))
    }

    /// Replaces the value of the first `attribute="..."` in `html` by its ``target(of:)``.
    private static func rewrite(attribute: String, in html: String) -> String {
        guard let start = html.range(of: "\(attribute)=\""),
            let end = html[start.upperBound...].firstIndex(of: "\"")
        else { return html }
        let value = String(html[start.upperBound..<end]).replacingOccurrences(of: "&amp;", with: "&")
        let rewritten = target(of: value).replacingOccurrences(of: "&", with: "&amp;")
        return html.replacingCharacters(in: start.upperBound..<end, with: rewritten)
    }

    /// A link to a file of the repository outside `docs/` (`../Examples/survey/`), which the
    /// server does not serve: its text, marked as a path of the repository.
    private static func outsideTheManual(_ html: String) -> String {
        guard let open = html.firstIndex(of: ">"), let close = html.range(of: "</a>", options: .backwards) else { return html }
        let text = html[html.index(after: open)..<close.lowerBound]
        return "<span class=\"repository-path\" title=\"In Parley's repository\">\(text)</span>"
    }

    /// `<pre><code class="language-yaml file=x.yaml">` becomes `<pre><code class="language-yaml">`.
    private static func languageOnly(_ html: String) -> String {
        guard let start = html.range(of: "class=\"language-"),
            let end = html[start.upperBound...].firstIndex(of: "\"")
        else { return html }
        let info = html[start.upperBound..<end]
        let language = info.prefix(while: { !$0.isWhitespace })
        return html.replacingCharacters(in: start.upperBound..<end, with: language)
    }

    /// The text of an HTML fragment: its tags dropped and its entities decoded.
    static func plainText(of html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
