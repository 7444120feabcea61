import Foundation
import Hummingbird

/// The manual at `/docs`: each page of `docs/` rendered once into one layout, with the list of
/// pages (in the order the front page links them) and the current page's sections beside it.
///
/// `GET /docs` is the front page (`docs/README.md`), `GET /docs/PAGE` a page, `GET /docs/PAGE.md`
/// sends the browser on to `/docs/PAGE`, and `GET /docs/NAME.png` (or `.svg`) is a picture of the manual.
struct DocsSite: Sendable {
    /// The pages and pictures of the manual built into Parley, rendered on first use.
    static let builtIn = DocsSite(pages: DocsFiles.pages, pictures: DocsFiles.pictures)

    /// Only the manual's own style sheets and pictures: the pages run no script at all.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The pages, by name (`README` is the front page).
    let pages: [String: StaticAsset]
    /// The page answered, with status 404, for a name that is no page.
    let missing: StaticAsset
    let pictures: [String: StaticAsset]
    let styles: StaticAsset

    /// Renders `pages` (Markdown by file stem) and decodes `pictures` (base64 by file name).
    init(pages markdown: [String: String], pictures encoded: [String: String]) {
        let rendered = markdown.mapValues(DocsRenderer.render)
        let order = Self.order(of: markdown)
        let contents = order.map { name in (name: name, title: rendered[name]?.title ?? name) }
        func asset(_ html: String) -> StaticAsset {
            StaticAsset.page(html: html, contentSecurityPolicy: Self.contentSecurityPolicy)
        }
        pages = rendered.reduce(into: [:]) { pages, entry in
            pages[entry.key] = asset(DocsLayout.page(entry.value, named: entry.key, contents: contents))
        }
        let notFound = DocsRenderer.Rendered(
            title: "No such page",
            html: "<h1>No such page</h1>\n<p>The manual has no page at this address. Its pages are listed beside this text.</p>",
            sections: [])
        missing = asset(DocsLayout.page(notFound, named: "", contents: contents))
        pictures = encoded.reduce(into: [:]) { pictures, entry in
            if let bytes = Data(base64Encoded: entry.value) {
                let type = entry.key.hasSuffix(".svg") ? "image/svg+xml" : "image/png"
                pictures[entry.key] = StaticAsset(bytes: Array(bytes), contentType: type)
            }
        }
        styles = (try? StaticAsset.styleSheet(named: "docs.css")) ?? StaticAsset(bytes: [], contentType: "text/css")
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
    /// for the manual `site` gives. The built-in manual is rendered once per process, when first
    /// asked for (``ParleyServer`` asks in the background once it runs), not before a server is ready.
    static func addRoutes<Context: RequestContext>(to router: Router<Context>, site: @escaping @Sendable () -> DocsSite = { builtIn }) {
        router.get("docs") { request, _ in
            let site = site()
            return site.pages["README"].map { $0.response(to: request) } ?? site.missing.response(status: .notFound)
        }
        router.get("docs/docs.css") { request, _ in site().styles.response(to: request) }
        router.get("docs/:name") { request, context in
            let site = site()
            let name = context.parameters.get("name") ?? ""
            if let page = site.pages[name], name != "README" { return page.response(to: request) }
            if let picture = site.pictures[name] { return picture.response(to: request) }
            if name.hasSuffix(".md"), site.pages[String(name.dropLast(3))] != nil {
                let stem = String(name.dropLast(3))
                return Response(status: .movedPermanently, headers: [.location: path(of: stem)])
            }
            return site.missing.response(status: .notFound)
        }
    }
}
