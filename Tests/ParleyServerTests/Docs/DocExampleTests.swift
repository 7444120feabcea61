import Foundation
import Testing

@testable import ParleyServer

/// The manual does what it says: each page runs as a script (CONTRIBUTING.md), and every link
/// between pages leads to a page and a heading that exist.
@Suite("The manual's examples", .timeLimit(.minutes(15)))
struct DocExampleTests {
    /// The pages of `docs/`, by file stem.
    static let pages: [String] = {
        let folder = DocPageRun.repository.appendingPathComponent("docs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }()

    static func markdown(_ page: String) throws -> String {
        try String(contentsOf: DocPageRun.repository.appendingPathComponent("docs/\(page).md"), encoding: .utf8)
    }

    /// One page at a time: each starts servers and other processes, and eleven pages at once
    /// starved the rest of the suite on a 2-core machine.
    @Test("every example of the page does what the page shows", .serialized, arguments: pages)
    func examples(page: String) async throws {
        let failures = try await DocPageRun(page: page).run()
        for failure in failures {
            Issue.record(Comment(rawValue: failure))
        }
    }

    @Test("every link between pages leads to a page and a heading of it")
    func links() throws {
        let rendered = try Dictionary(uniqueKeysWithValues: Self.pages.map { ($0, DocsRenderer.render(try Self.markdown($0))) })
        let pictures = Set(try FileManager.default.contentsOfDirectory(atPath: DocPageRun.repository.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".png") || $0.hasSuffix(".svg") })
        for (page, content) in rendered {
            for target in Self.references(in: content.html) where !target.contains("://") && !target.hasPrefix("mailto:") {
                let hash = target.firstIndex(of: "#")
                let path = String(target[..<(hash ?? target.endIndex)])
                let fragment = hash.map { String(target[target.index(after: $0)...]) }
                let name = path.isEmpty ? page : path == "/docs" ? "README" : String(path.dropFirst("/docs/".count))
                if path.hasPrefix("/docs/"), pictures.contains(name) { continue }
                guard path.isEmpty || path.hasPrefix("/docs"), let destination = rendered[name] else {
                    Issue.record("\(page).md links to \(target), which is no page of the manual")
                    continue
                }
                if let fragment, !destination.html.contains("id=\"\(fragment)\"") {
                    Issue.record("\(page).md links to \(target): \(name).md has no heading with that id")
                }
            }
        }
    }

    @Test("every link out of docs/ leads to a file or folder of the repository")
    func repositoryLinks() throws {
        for page in Self.pages {
            var rest = try Self.markdown(page)[...]
            while let start = rest.range(of: "](../") {
                rest = rest[start.upperBound...]
                let path = String(rest.prefix(while: { $0 != ")" && $0 != "#" }))
                let url = DocPageRun.repository.appendingPathComponent(path)
                #expect(FileManager.default.fileExists(atPath: url.path), "\(page).md links to ../\(path), which is not in the repository")
            }
        }
    }

    @Test("no code block sits inside a list item: Ink, which renders /docs, would swallow the rest of the page")
    func noIndentedCodeBlocks() throws {
        for page in Self.pages {
            for (index, line) in try Self.markdown(page).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.hasPrefix(" ") && line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                Issue.record("\(page).md:\(index + 1): end the list before the code block, or write the code inline")
            }
        }
    }

    @Test("every page is listed on the front page")
    func contents() throws {
        let order = DocsSite.order(of: Dictionary(uniqueKeysWithValues: try Self.pages.map { ($0, try Self.markdown($0)) }))
        let front = try Self.markdown("README")
        for page in order where page != "README" {
            #expect(front.contains("](\(page).md)"), "docs/README.md does not list \(page).md")
        }
    }

    /// The `href` and `src` values of `html`.
    static func references(in html: String) -> [String] {
        var found: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                let value = rest.prefix(while: { $0 != "\"" })
                found.append(String(value).replacingOccurrences(of: "&amp;", with: "&"))
            }
        }
        return found
    }
}
