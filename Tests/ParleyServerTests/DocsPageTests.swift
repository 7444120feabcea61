import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ParleyCore
import Testing

/// The manual at `/docs` in headless Chromium: a reader clicks through its table of contents and
/// finds every page, and every link and picture of each page leads somewhere real.
@Suite(.enabled(if: Browser.enabled), .timeLimit(.minutes(5)))
struct DocsPageTests {
    @Test func clickingThroughTheContentsReachesEveryPageWithNoBrokenLinkOrPicture() async throws {
        try await WorldsServer.with { server in
            try await Browser.withSession { browser in
                let origin = "http://127.0.0.1:\(server.port)"
                // A phone's width: every page must fit it, with no sideways scrolling.
                try await browser.resizeWindow(width: 390, height: 844)
                try await browser.open("\(origin)/docs")
                #expect(try await browser.execute("return document.querySelector('main h1').textContent") == "The Parley manual")
                let contents = try await browser.execute(
                    "return [...document.querySelectorAll('.manual-contents > ol > li > a')].map(a => a.getAttribute('href'))")
                let pages = (contents.arrayValue ?? []).compactMap(\.stringValue)
                let fetched = Fetched()
                #expect(pages.count >= 10 && pages.first == "/docs", "\(pages)")
                for page in pages {
                    try await browser.click(".manual-contents > ol > li > a[href=\"\(page)\"]")
                    try await browser.wait(until: "return location.pathname === arguments[0] && document.querySelector('main h1')", [.string(page)])
                    let heading = try await browser.execute("return document.querySelector('main h1').textContent").stringValue ?? ""
                    #expect(heading != "No such page", "\(page)")
                    #expect(try await browser.execute("return document.querySelector('[aria-current=page]').getAttribute('href')") == .string(page))
                    // Both style sheets applied (the policy allows only the server's own).
                    #expect(try await browser.execute("return document.styleSheets.length") == 2, "\(page)")
                    let overflowing = try await browser.execute("""
                        return document.documentElement.scrollWidth <= innerWidth ? [] :
                          [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)
                            .filter(e => !e.parentElement.closest('pre, table'))
                            .slice(0, 3).map(e => e.tagName + ': ' + e.textContent.slice(0, 60))
                        """)
                    #expect(overflowing == .array([]), "\(page) is wider than a phone: \(overflowing.jsonText())")
                    // The page's policy lets no script fetch, so the links are followed from here.
                    let links = try await browser.execute("return [...document.querySelectorAll('a[href]')].map(a => a.href)")
                    for link in (links.arrayValue ?? []).compactMap(\.stringValue) {
                        guard let url = URL(string: link), link.hasPrefix(origin) else { continue }
                        let target = try await fetched.page(url)
                        #expect(target != nil, "\(page) links to \(link), which does not answer 200")
                        if let fragment = url.fragment, let target {
                            #expect(target.contains("id=\"\(fragment)\""), "\(page) links to \(link), which has no such heading")
                        }
                    }
                    let missingPictures = try await browser.execute(
                        "return [...document.querySelectorAll('img')].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
                    #expect(missingPictures == .array([]), "\(page): \(missingPictures.jsonText())")
                }
                // PARLEY_SCREENSHOTS=PAGE saves the page at a desktop's and a phone's width, to look at.
                if let shown = ProcessInfo.processInfo.environment["PARLEY_SCREENSHOTS"] {
                    try await browser.open("\(origin)/docs/\(shown)")
                    try await browser.resizeWindow(width: 1280, height: 900)
                    try await browser.screenshot().write(to: FileManager.default.temporaryDirectory.appendingPathComponent("parley-docs.png"))
                    try await browser.resizeWindow(width: 390, height: 844)
                    try await browser.screenshot().write(to: FileManager.default.temporaryDirectory.appendingPathComponent("parley-docs-phone.png"))
                }
            }
        }
    }

    /// The manual's pages as the server answers them, by path (nil: not 200).
    actor Fetched {
        private var pages: [String: String?] = [:]

        func page(_ url: URL) async throws -> String? {
            if let page = pages[url.path] { return page }
            let (body, response) = try await URLSession.shared.data(from: url)
            let page = (response as? HTTPURLResponse)?.statusCode == 200 ? String(decoding: body, as: UTF8.self) : nil
            pages[url.path] = page
            return page
        }
    }
}
