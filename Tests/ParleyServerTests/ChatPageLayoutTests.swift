import Foundation
import ParleyCore
import ParleyServer
import ParleyWorlds
import Testing

/// The chat page's layout, themes, strings and keyboard order in headless Chromium, at a phone's and
/// a desktop's size in light and dark: nothing scrolls but the conversation, the newest message
/// stays in view, text keeps a readable contrast. Screenshots go to `.build/screenshots/`.
@Suite(.enabled(if: Browser.enabled), .serialized, .timeLimit(.minutes(5)))
struct ChatPageLayoutTests {
    static let sizes = [(name: "phone", width: 320, height: 568), (name: "desktop", width: 1280, height: 800)]

    /// Pairs of text and background colours on the page that fall under 4.5:1 (WCAG AA), as
    /// `what: ratio`. The background is the nearest ancestor's that is not transparent.
    static let contrastProblems = """
        const parse = (value) => (value.match(/[\\d.]+/g) || []).map(Number);
        const background = (element) => {
          for (let node = element; node; node = node.parentElement) {
            const [r, g, b, a] = parse(getComputedStyle(node).backgroundColor);
            if (a === undefined || a > 0) return [r, g, b];
          }
          return [255, 255, 255];
        };
        const luminance = ([r, g, b]) => {
          const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
          return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
        };
        const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
        const checked = ['#title', '#connection', '#status', '#log .speaker', '#log .text', '#log .card h3', '#log .card p',
          '#quick-replies button', '#send', '#message', '#your-data summary', '#save'];
        const problems = [];
        for (const selector of checked) {
          for (const element of document.querySelectorAll(selector)) {
            if (element.offsetParent === null && getComputedStyle(element).position !== 'fixed') continue;
            const found = ratio(parse(getComputedStyle(element).color).slice(0, 3), background(element));
            if (found < 4.5) problems.push(selector + ': ' + found.toFixed(2));
          }
        }
        return problems;
        """

    @Test func fitsPhoneAndDesktopInBothThemesWithTheNewestMessageInViewAndReadableText() async throws {
        try await WorldsServer.with { server in
            try await Browser.withSession { browser in
                try await ChatPageTests.enterChat(browser, as: "Ann", port: server.port)
                let bob = try await WebSocketTestClient.connect(port: server.port)
                try await bob.enterChat(as: "Bob")
                // A conversation like the ones the README's pictures show.
                await bob.say("Hi Ann! Did you try the **new pizza place** on Main Street?")
                try await browser.waitForText("new pizza place", in: ChatPageTests.theirText)
                try await browser.type("Not yet. Is it any good?" + WebDriverSession.enter, into: "#message")
                #expect(try await bob.nextChatText() == "Not yet. Is it any good?")
                await bob.say("The margherita is *excellent*, and the crust is thin and crisp.\nTheir menu: https://example.org/menu")
                await bob.say("These two are my favourites:", ["payload": Card.payload([
                    Card(title: "Margherita", text: "Tomato, mozzarella, basil", buttons: [CardButton(title: "I'd pick this", reply: "margherita")]),
                    Card(title: "Funghi", text: "Mushrooms, thyme, garlic", buttons: [CardButton(title: "I'd pick this", reply: "funghi")]),
                ])])
                await bob.say("Which one would you pick? Or type *EXIT* to leave.")
                try await browser.waitForText("Which one would you pick", in: ChatPageTests.theirText)
                for scheme in ["light", "dark"] {
                    try await browser.emulateColorScheme(scheme)
                    for size in Self.sizes {
                        try await browser.resizeWindow(width: size.width, height: size.height)
                        // Let the layout settle after the resize.
                        try await browser.executeAsync("requestAnimationFrame(() => requestAnimationFrame(arguments[0]))")
                        let layout = try await browser.execute(
                            """
                            const page = document.scrollingElement;
                            const log = document.getElementById('log').getBoundingClientRect();
                            const last = document.querySelector('#log .message:last-child').getBoundingClientRect();
                            const replies = document.getElementById('quick-replies').getBoundingClientRect();
                            return [page.scrollHeight <= window.innerHeight + 1, page.scrollWidth <= window.innerWidth + 1,
                              last.bottom <= log.bottom + 1 && last.top >= log.top - 1, replies.right <= window.innerWidth + 1,
                              document.querySelectorAll('#quick-replies button').length];
                            """)
                        let at = "\(size.name) \(scheme)"
                        #expect(layout == [true, true, true, true, 1], "\(at): no page scroll, no sideways scroll, newest in view, replies fit")
                        #expect(try await browser.execute(Self.contrastProblems) == [], "\(at)")
                        try await browser.saveScreenshot("chat-\(size.name)-\(scheme)")
                    }
                }
                await bob.close()
            }
        }
    }

    @Test func theKeyboardGoesThroughThePageInReadingOrder() async throws {
        try await WorldsServer.with { server in
            try await Browser.withSession { browser in
                try await browser.open("http://127.0.0.1:\(server.port)/")
                try await browser.waitForText("Welcome to the overworld", in: ChatPageTests.theirText)
                #expect(try await browser.execute("return document.activeElement.id") == "message")
                // Tab order as the page reads, top to bottom.
                let order = try await browser.execute(
                    """
                    const focusable = Array.from(document.querySelectorAll('button, input, [tabindex="0"], summary, a[href]'))
                      .filter((element) => element.checkVisibility() && element.tabIndex >= 0);
                    return focusable.map((element) => element.id || element.dataset.reply || element.tagName.toLowerCase());
                    """)
                #expect(order == ["save", "log", "echo", "onboard data", "chat", "EXIT", "message", "send", "summary"])
                #expect(try await browser.execute("return document.getElementById('status').getAttribute('role')") == "status")
            }
        }
    }

    @Test func thePageSpeaksGermanWhenAskedAndEnglishOtherwise() async throws {
        try await WorldsServer.with { server in
            try await Browser.withSession { browser in
                try await browser.open("http://127.0.0.1:\(server.port)/?lang=de&color=%23b02a37")
                try await browser.waitForText("Welcome to the overworld", in: ChatPageTests.theirText)
                let german = try await browser.execute(
                    """
                    return [document.documentElement.lang, document.getElementById('send').textContent, document.getElementById('message').placeholder,
                      document.getElementById('connection').textContent, document.getElementById('log').getAttribute('aria-label')];
                    """)
                #expect(german == ["de", "Senden", "Nachricht schreiben", "Verbunden", "Unterhaltung"])
                // A colour that reads well on white colours the buttons and links too.
                #expect(try await browser.execute("return getComputedStyle(document.documentElement).getPropertyValue('--link').trim()") == "#b02a37")
                try await browser.open("http://127.0.0.1:\(server.port)/?lang=xx")
                try await browser.waitForText("Welcome to the overworld", in: ChatPageTests.theirText)
                #expect(try await browser.execute("return [document.documentElement.lang, document.getElementById('send').textContent]") == ["en", "Send"])
            }
        }
    }

    /// A folder for a server's config and store that outlives the server, as a restart needs.
    static func restartFolder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-restart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func aRestartedServerIsReconnectedToAndARestorableTaskGoesOn() async throws {
        let directory = try Self.restartFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await WorldsServer.start(in: directory)
        let port = first.port
        try await Browser.withSession { browser in
            try await browser.open("http://127.0.0.1:\(port)/?task=echo")
            try await browser.waitForText("will be echoed", in: ChatPageTests.theirText)
            try await browser.type("before the restart" + WebDriverSession.enter, into: "#message")
            try await browser.wait(until: "return document.querySelectorAll('#log .message.bot').length === 2")
            try await first.stop()
            try await browser.wait(until: "return document.getElementById('connection').dataset.state === 'reconnecting'")
            let second = try await WorldsServer.start(in: directory, port: port)
            try await browser.wait(until: "return document.getElementById('connection').dataset.state === 'connected'")
            // The echo world was saved and goes on: what is said now is echoed in it.
            try await browser.type("after the restart" + WebDriverSession.enter, into: "#message")
            try await browser.waitForText("after the restart", in: ChatPageTests.theirText)
            let conversation = try await ChatPageTests.conversation(in: browser)
            #expect(conversation.filter { $0 == "me: before the restart" }.count == 1)
            #expect(conversation.filter { $0 == "them: before the restart" }.count == 1, "nothing shown twice")
            #expect(try await browser.execute("return document.getElementById('ended').hidden") == true)
            try await second.stop()
        }
    }

    @Test func aRestartedServerIsReconnectedToAndWhatWasSaidStaysAndDownloads() async throws {
        let directory = try Self.restartFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await WorldsServer.start(in: directory)
        let port = first.port
        try await Browser.withSession { browser in
            // The two-person chat does not survive a restart (it is not a restorable world).
            try await browser.open("http://127.0.0.1:\(port)/?task=chat")
            try await browser.waitForText("Enter your display name", in: ChatPageTests.theirText)
            try await browser.type("Ann" + WebDriverSession.enter, into: "#message")
            try await browser.waitForText("You will be matched", in: ChatPageTests.theirText)
            try await first.stop()
            try await browser.wait(until: "return document.getElementById('connection').dataset.state === 'reconnecting'")
            let second = try await WorldsServer.start(in: directory, port: port)
            try await browser.waitForText("no longer knows this conversation", in: "#ended-text")
            #expect(try await browser.execute("return document.getElementById('connection').dataset.state") == "connected")
            #expect(try await ChatPageTests.conversation(in: browser).contains("me: Ann"))
            let text = try await browser.executeAsync(
                """
                const done = arguments[arguments.length - 1];
                const create = URL.createObjectURL;
                URL.createObjectURL = (blob) => { blob.text().then(done); return create.call(URL, blob); };
                document.getElementById('save').click();
                """)
            #expect(text.stringValue?.contains("You: Ann\n") == true)
            try await browser.click("#restart")
            // The new conversation goes into the page's task again; the old one stays above it.
            try await browser.wait(
                until: "return Array.from(document.querySelectorAll('#log .message.bot .text')).filter((e) => e.textContent.includes('Enter your display name')).length === 2")
            #expect(try await ChatPageTests.conversation(in: browser).first == "them: " + DemoText.chatName)
            try await second.stop()
        }
    }
}
