/// The HTML around a page of the manual: the list of pages, the page's own sections, and the page.
enum DocsLayout {
    /// The whole HTML document of `page`, named `name`, among `contents` (every page's name and
    /// title, in order).
    static func page(_ page: DocsRenderer.Rendered, named name: String, contents: [(name: String, title: String)]) -> String {
        var navigation = ""
        for entry in contents {
            let href = DocsSite.path(of: entry.name)
            let current = entry.name == name ? " aria-current=\"page\"" : ""
            navigation += "<li><a href=\"\(href)\"\(current)>\(escaped(entry.title))</a>"
            if entry.name == name, !page.sections.isEmpty {
                navigation += "\n<ol class=\"sections\">"
                for section in page.sections {
                    navigation += "<li><a href=\"#\(section.id)\">\(escaped(section.text))</a></li>"
                }
                navigation += "</ol>"
            }
            navigation += "</li>\n"
        }
        return """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>\(escaped(page.title)) · Parley manual</title>
              <link rel="stylesheet" href="/parley.css">
              <link rel="stylesheet" href="/docs/docs.css">
            </head>
            <body class="manual">
            <header class="manual-header"><a href="/docs">Parley manual</a></header>
            <div class="manual-layout">
            <nav class="manual-contents" aria-label="Pages of the manual">
            <ol>
            \(navigation)</ol>
            </nav>
            <main class="manual-page">
            \(page.html)
            </main>
            </div>
            </body>
            </html>

            """
    }

    /// `text` safe inside HTML text and attribute values.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
