import Foundation
import Hummingbird
import Synchronization

/// The manual at `/docs`: each page of `docs/` rendered once, on first request, into one layout,
/// with the list of pages (in the order the front page links them) and the current page's
/// sections beside it.
///
/// `GET /docs` is the front page (`docs/README.md`), `GET /docs/PAGE` a page, `GET /docs/PAGE.md`
/// sends the browser on to `/docs/PAGE`, and `GET /docs/NAME.png` (or `.svg`) is a picture of the manual.
final class DocsSite: Sendable {
    /// The pages and pictures of the manual built into Parley.
    static let builtIn = DocsSite(pages: DocsFiles.pages, pictures: DocsFiles.pictures)

    /// Only the manual's own style sheets and pictures: the pages run no script at all.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The pages' Markdown, by name (`README` is the front page).
    private let markdown: [String: String]
    /// The pages in the order of the list beside each page, with their titles.
    private let contents: [(name: String, title: String)]
    /// The pages rendered so far, by name: a page takes some milliseconds, the whole manual about
    /// half a second, so each is rendered when first asked for.
    private let rendered = Mutex<[String: StaticAsset]>([:])
    /// The page answered, with status 404, for a name that is no page.
    let missing: StaticAsset
    let pictures: [String: StaticAsset]
    let styles: StaticAsset

    /// Takes `pages` (Markdown by file stem) and decodes `pictures` (base64 by file name).
    init(pages markdown: [String: String], pictures encoded: [String: String]) {
        self.markdown = markdown
        contents = Self.order(of: markdown).map { name in (name: name, title: Self.title(of: markdown[name] ?? "")) }
        let notFound = DocsRenderer.Rendered(
            title: "No such page",
            html: "<h1>No such page</h1>\n<p>The manual has no page at this address. Its pages are listed beside this text.</p>",
            sections: [])
        missing = Self.asset(DocsLayout.page(notFound, named: "", contents: contents))
        pictures = encoded.reduce(into: [:]) { pictures, entry in
            if let bytes = Data(base64Encoded: entry.value) {
                let type = entry.key.hasSuffix(".svg") ? "image/svg+xml" : "image/png"
                pictures[entry.key] = StaticAsset(bytes: Array(bytes), contentType: type)
            }
        }
        styles = (try? StaticAsset.styleSheet(named: "docs.css")) ?? StaticAsset(bytes: [], contentType: "text/css")
    }

    /// The page `name`, rendered on first use; nil when the manual has no such page.
    func page(_ name: String) -> StaticAsset? {
        if let page = rendered.withLock({ $0[name] }) { return page }
        guard let source = markdown[name] else { return nil }
        let page = Self.asset(DocsLayout.page(DocsRenderer.render(source), named: name, contents: contents))
        rendered.withLock { $0[name] = page }
        return page
    }

    private static func asset(_ html: String) -> StaticAsset {
        StaticAsset.page(html: html, contentSecurityPolicy: contentSecurityPolicy)
    }

    /// Whether the manual has a page `name`.
    func hasPage(_ name: String) -> Bool {
        markdown[name] != nil
    }

    /// A page's title, as its rendering gives it: the text of its first top-level heading outside
    /// code blocks.
    private static func title(of markdown: String) -> String {
        var inCode = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inCode.toggle() }
            if !inCode, line.hasPrefix("# ") { return DocsRenderer.render(String(line)).title }
        }
        return DocsRenderer.render("").title
    }

    /// Where the page `name` is served: `/docs` for the front page, else `/docs/NAME`.
    static func path(of name: String) -> String {
        name == "README" ? "/docs" : "/docs/\(name)"
    }

    /// The page names in the order the front page first links them, then the pages it does not
    /// link, by name; the front page itself comes first.
    static func order(of pages: [String: String]) -> [String] {
        var order = ["README"]
        let front = pages["README"] ?? ""
        var rest = front[...]
        while let open = rest.range(of: "](") {
            rest = rest[open.upperBound...]
            let reference = rest.prefix(while: { $0 != ")" && $0 != "#" })
            if reference.hasSuffix(".md"), !reference.contains("/") {
                let name = String(reference.dropLast(3))
                if pages[name] != nil, !order.contains(name) { order.append(name) }
            }
        }
        return order.filter { pages[$0] != nil } + pages.keys.filter { !order.contains($0) }.sorted()
    }

    /// Adds `GET /docs`, `/docs/docs.css`, `/docs/PAGE`, `/docs/PAGE.md` and `/docs/PICTURE.png|svg`
    /// for the manual `site` gives.
    static func addRoutes<Context: RequestContext>(to router: Router<Context>, site: @escaping @Sendable () -> DocsSite = { builtIn }) {
        router.get("docs") { request, _ in
            let site = site()
            return site.page("README").map { $0.response(to: request) } ?? site.missing.response(status: .notFound)
        }
        router.get("docs/docs.css") { request, _ in site().styles.response(to: request) }
        router.get("docs/:name") { request, context in
            let site = site()
            let name = context.parameters.get("name") ?? ""
            if name != "README", let page = site.page(name) { return page.response(to: request) }
            if let picture = site.pictures[name] { return picture.response(to: request) }
            if name.hasSuffix(".md"), site.hasPage(String(name.dropLast(3))) {
                let stem = String(name.dropLast(3))
                return Response(status: .movedPermanently, headers: [.location: path(of: stem)])
            }
            return site.missing.response(status: .notFound)
        }
    }
}
