import Foundation
import ParleyCore
import ParleyServer
import ParleyWorlds
import Testing

/// The worlds chat page `/` in headless Chromium against a real Parley server running the overworld
/// demo (echo, onboard data, two-person chat) with a SQLite store in a temp folder. Each test has its
/// own server and browsers; they run one after another only to spare small machines' processors.
@Suite(.enabled(if: Browser.enabled), .serialized, .timeLimit(.minutes(5)))
struct ChatPageTests {
    static let theirText = "#log .message.bot .text"
    static let myText = "#log .message.user .text"
    /// The overworld's menu as the page shows it (without the space it ends with).
    static let menu = "them: " + DemoText.menu.trimmingCharacters(in: .whitespaces)

    /// The conversation shown, as `me: text` and `them: text` lines.
    static func conversation(in browser: WebDriverSession) async throws -> [String] {
        let lines = try await browser.execute(
            """
            return Array.from(document.querySelectorAll('#log .message'),
              (item) => (item.classList.contains('user') ? 'me: ' : 'them: ') + item.querySelector('.text').textContent);
            """)
        guard case .array(let items) = lines else { throw WebDriverError(description: "not a list: \(lines.jsonText())") }
        return items.compactMap(\.stringValue)
    }

    @Test func twoTabsArePairedInTheChatTalkBothWaysAndGoBackToTheMenuWithDone() async throws {
        try await WorldsServer.with { server in
            try await Browser.withSession { ann in
                try await Browser.withSession { bob in
                    try await Self.enterChat(ann, as: "Ann", port: server.port)
                    try await Self.enterChat(bob, as: "Bob", port: server.port)
                    let annToken = try await ann.execute("return sessionStorage.getItem('parley-chat:session')")
                    let bobToken = try await bob.execute("return sessionStorage.getItem('parley-chat:session')")
                    #expect(annToken.stringValue != nil && bobToken.stringValue != nil && annToken != bobToken)

                    try await ann.type("hello Bob" + WebDriverSession.enter, into: "#message")
                    try await bob.waitForText("hello Bob", in: Self.theirText)
                    try await bob.type("hi Ann" + WebDriverSession.enter, into: "#message")
                    try await ann.waitForText("hi Ann", in: Self.theirText)

                    try await ann.type("[DONE]" + WebDriverSession.enter, into: "#message")
                    try await bob.waitForText("The other agent has ended the chat.", in: Self.theirText)
                    for browser in [ann, bob] {
                        try await browser.wait(until: "return document.querySelectorAll('#log .message').length >= 2 && document.querySelector('#quick-replies button[data-reply=\"chat\"]')")
                        let shown = try await Self.conversation(in: browser)
                        #expect(shown.last == Self.menu)
                    }
                    let annShown = try await Self.conversation(in: ann)
                    #expect(annShown.filter { $0.contains("hi Ann") } == ["them: hi Ann"])
                }
            }
        }
    }

    @Test func aQuickReplyIsSentByClickAndItsButtonsGo() async throws {
        try await withPage { browser, server in
            try await browser.open("http://127.0.0.1:\(server.port)/")
            try await browser.waitForText("Welcome to the overworld", in: Self.theirText)
            let offered = try await browser.execute("return Array.from(document.querySelectorAll('#quick-replies button'), (b) => b.textContent)")
            #expect(offered == DemoText.menuReplies)
            #expect(try await browser.accessibleName("#quick-replies button[data-reply=\"echo\"]") == "echo")
            try await browser.click("#quick-replies button[data-reply=\"echo\"]")
            try await browser.waitForText("The next message you send will be echoed", in: Self.theirText)
            // The menu's replies are gone; the echo's welcome asks for [DONE], so that is offered.
            #expect(try await browser.execute(
                "return Array.from(document.querySelectorAll('#quick-replies button'), (b) => [b.textContent, b.dataset.reply, b.className])")
                == [["Done", "[DONE]", "action"]])
            #expect(try await browser.execute("return document.activeElement.id") == "message")
            let shown = try await Self.conversation(in: browser)
            #expect(shown == [Self.menu, "me: echo", "them: Transferring to echo", "them: " + DemoText.echoWelcome])
        }
    }

    @Test func aReloadMidConversationLosesAndRepeatsNothing() async throws {
        try await withPage { browser, server in
            try await browser.open("http://127.0.0.1:\(server.port)/?task=echo")
            try await browser.waitForText("will be echoed", in: Self.theirText)
            try await browser.type("one" + WebDriverSession.enter, into: "#message")
            try await browser.wait(until: "return document.querySelectorAll('#log .message.bot').length === 2")
            let token = try await browser.execute("return sessionStorage.getItem('parley-chat:session')")

            try await browser.reload()
            try await browser.wait(until: "return document.getElementById('connection').dataset.state === 'connected'")
            #expect(try await browser.execute("return sessionStorage.getItem('parley-chat:session')") == token)
            try await browser.type("two" + WebDriverSession.enter, into: "#message")
            try await browser.wait(until: "return document.querySelectorAll('#log .message.bot').length === 3")
            let shown = try await Self.conversation(in: browser)
            // ?task=echo went straight into the task: no menu, no choice, no "Transferring".
            #expect(shown == ["them: " + DemoText.echoWelcome, "me: one", "them: one", "me: two", "them: two"])
        }
    }

    @Test func aDroppedConnectionRecoversAndGetsWhatWasSaidMeanwhile() async throws {
        try await withPage { browser, server in
            try await Self.enterChat(browser, as: "Ann", port: server.port)
            let partner = try await WebSocketTestClient.connect(port: server.port)
            try await partner.enterChat(as: "Bob")
            try await browser.type("are you there" + WebDriverSession.enter, into: "#message")
            #expect(try await partner.nextChatText() == "are you there")

            try await browser.execute("window.parleyChat.dropConnection()")
            #expect(try await browser.execute("return document.getElementById('connection').dataset.state") == "reconnecting")
            await partner.say("while you were away")
            try await browser.waitForText("while you were away", in: Self.theirText)
            try await browser.wait(until: "return document.getElementById('connection').dataset.state === 'connected'")
            try await browser.type("back" + WebDriverSession.enter, into: "#message")
            #expect(try await partner.nextChatText() == "back")
            let shown = try await Self.conversation(in: browser)
            #expect(Array(shown.suffix(3)) == ["me: are you there", "them: while you were away", "me: back"])
            await partner.close()
        }
    }

    @Test func aMessageLostWithADyingSocketIsSentAgainOnce() async throws {
        try await withPage { browser, server in
            try await browser.open("http://127.0.0.1:\(server.port)/?task=echo")
            try await browser.waitForText("will be echoed", in: Self.theirText)
            // The socket takes the frame and dies before it reaches the server.
            try await Self.dropFrames(in: browser, where: #"data.includes('"lost on the wire"')"#)
            try await browser.type("lost on the wire" + WebDriverSession.enter, into: "#message")
            try await browser.execute("window.restoreSend(); window.parleyChat.dropConnection()")
            try await browser.wait(until: "return document.querySelectorAll('#log .message.bot').length === 2")
            try await browser.type("after" + WebDriverSession.enter, into: "#message")
            try await browser.wait(until: "return document.querySelectorAll('#log .message.bot').length === 3")
            let shown = try await Self.conversation(in: browser)
            #expect(Array(shown.suffix(4)) == ["me: lost on the wire", "them: lost on the wire", "me: after", "them: after"])
            #expect(try await browser.execute("return JSON.parse(sessionStorage.getItem('parley-chat:outbox'))") == [])
        }
    }

    @Test func messagesTheServerSendsAgainAreShownOnce() async throws {
        try await withPage { browser, server in
            try await browser.open("http://127.0.0.1:\(server.port)/?task=echo")
            try await browser.waitForText("will be echoed", in: Self.theirText)
            // From here no acknowledgement reaches the server, so after the drop it sends the echo again.
            try await Self.dropFrames(in: browser, where: #"data.startsWith('{"ack"')"#)
            try await browser.type("one" + WebDriverSession.enter, into: "#message")
            try await browser.wait(until: "return document.querySelectorAll('#log .message.bot').length === 2")
            try await browser.execute("window.restoreSend(); window.parleyChat.dropConnection()")
            try await browser.wait(until: "return document.getElementById('connection').dataset.state === 'connected'")
            try await browser.type("two" + WebDriverSession.enter, into: "#message")
            try await browser.wait(until: "return document.querySelectorAll('#log .message.bot').length >= 3")
            #expect(try await Self.conversation(in: browser) == [
                "them: " + DemoText.echoWelcome, "me: one", "them: one", "me: two", "them: two",
            ])
        }
    }

    @Test func imagesLinksAndNewlinesFromThePartnerAreShown() async throws {
        try await withPage { browser, server in
            try await Self.enterChat(browser, as: "Ann", port: server.port)
            let partner = try await WebSocketTestClient.connect(port: server.port)
            try await partner.enterChat(as: "Bob")
            // A 1×1 PNG.
            let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
            await partner.say("", ["payload": ["type": "image", "data": .string(png), "mime_type": "image/png"]])
            let loaded = try await browser.loadedImage("#log img")
            #expect(loaded == [.string("data:image/png;base64," + png), "Image"])

            await partner.say("first line\nsecond line, see https://example.com/a?b=1. or javascript:alert(1)")
            let text = try await browser.waitForText("second line", in: Self.theirText)
            #expect(text == "first line\nsecond line, see https://example.com/a?b=1. or javascript:alert(1)")
            let links = try await browser.execute("return Array.from(document.querySelectorAll('#log a'), (a) => [a.href, a.rel])")
            #expect(links == [["https://example.com/a?b=1", "noopener noreferrer"]])
            #expect(try await browser.execute("return getComputedStyle(document.querySelector('#log .message.bot:last-child .text')).whiteSpace") == "pre-wrap")
            await partner.close()
        }
    }

    @Test func anImageLinkIsLoadedThroughTheImageProxyNeverFromItsHost() async throws {
        try await ImageHost.with { host in
            try await WorldsServer.with(media: ImageProxyOptions(allowedHosts: ["127.0.0.1"])) { server in
                try await Browser.withSession { browser in
                    try await Self.enterChat(browser, as: "Ann", port: server.port)
                    let partner = try await WebSocketTestClient.connect(port: server.port)
                    try await partner.enterChat(as: "Bob")
                    let link = host.url("/picture.png")
                    await partner.say("look", ["payload": ["type": "image", "url": .string(link), "alt": "A picture"]])
                    // Waits for the image to arrive in the log, then for it to load (or fail).
                    let loaded = try await browser.loadedImage("#log img")
                    // As encodeURIComponent writes it.
                    let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.!~*'()"))
                    let proxied = "http://127.0.0.1:\(server.port)/media?url=" + (link.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "")
                    #expect(loaded == [.string(proxied), "A picture"])

                    // Loaded straight from its host, as injected markup would, an image is refused by the page's policy.
                    let direct = try await browser.executeAsync(
                        """
                        const done = arguments[arguments.length - 1];
                        const image = new Image();
                        image.onload = () => done('loaded');
                        image.onerror = () => done('refused');
                        image.src = arguments[0];
                        """, [.string(host.url("/tiny.gif"))])
                    #expect(direct == "refused")
                    let visits = host.requests
                    #expect(visits.map(\.path) == ["/picture.png"])
                    #expect(visits.first?.headers[.userAgent] == "Parley image proxy")
                    #expect(visits.first?.headers[.referer] == nil)
                    await partner.close()
                }
            }
        }
    }

    @Test func markupIsShownAsText() async throws {
        try await withPage { browser, server in
            try await browser.open("http://127.0.0.1:\(server.port)/?task=echo")
            try await browser.waitForText("will be echoed", in: Self.theirText)
            let markup = #"<script>window.injected = 1</script><img src=x onerror="window.injected = 2"> & <b>bold</b>"#
            try await browser.type(markup + WebDriverSession.enter, into: "#message")
            try await browser.wait(until: "return document.querySelectorAll('#log .message.bot').length === 2")
            let shown = try await Self.conversation(in: browser)
            #expect(Array(shown.suffix(2)) == ["me: " + markup, "them: " + markup])
            let injected = try await browser.execute(
                "return [document.querySelectorAll('#log img, #log script, #log b').length, typeof window.injected]")
            #expect(injected == [0, "undefined"])
        }
    }

    @Test func afterExitTheNextMessageBringsTheMenuBackAllByKeyboard() async throws {
        try await withPage { browser, server in
            try await browser.open("http://127.0.0.1:\(server.port)/")
            try await browser.waitForText("Welcome to the overworld", in: Self.theirText)
            // Keys sent to a button focus it and press it, as a keyboard user would.
            try await browser.type(WebDriverSession.enter, into: "#quick-replies button[data-reply=\"EXIT\"]")
            try await browser.waitForText(RuntimeText.farewell, in: Self.theirText)
            #expect(try await browser.execute("return document.activeElement.id") == "message")
            try await browser.type("hello again" + WebDriverSession.enter, into: "#message")
            try await browser.wait(until: "return document.querySelectorAll('#log .message.bot').length === 3")
            #expect(try await Self.conversation(in: browser) == [
                Self.menu, "me: EXIT", "them: " + RuntimeText.farewell, "me: hello again", Self.menu,
            ])
        }
    }

    @Test func aTabWhoseSessionIsTakenOverEndsAndCanStartANewConversation() async throws {
        try await WorldsServer.with { server in
            try await Browser.withSession { first in
                try await Browser.withSession { second in
                    try await first.open("http://127.0.0.1:\(server.port)/")
                    try await first.waitForText("Welcome to the overworld", in: Self.theirText)
                    let token = try await first.execute("return sessionStorage.getItem('parley-chat:session')")
                    #expect(token.stringValue != nil)

                    // A duplicated tab: the same session token in another tab's storage.
                    try await second.open("http://127.0.0.1:\(server.port)/health")
                    try await second.execute("sessionStorage.setItem('parley-chat:session', arguments[0])", [token])
                    try await second.open("http://127.0.0.1:\(server.port)/")
                    try await first.wait(until: "return document.getElementById('connection').dataset.state === 'ended'")
                    let ended = try await first.execute(
                        """
                        return [document.getElementById('ended-text').textContent, getComputedStyle(document.getElementById('composer')).display === 'none',
                          document.activeElement.id, sessionStorage.getItem('parley-chat:session')];
                        """)
                    #expect(ended == ["This conversation went on in another tab or window.", true, "restart", .null])

                    try await second.type("echo" + WebDriverSession.enter, into: "#message")
                    try await second.waitForText("Transferring to echo", in: Self.theirText)

                    try await first.type(WebDriverSession.enter, into: "#restart")
                    try await first.wait(until: "return document.querySelectorAll('#quick-replies button').length === 4")
                    // What was said stays, under a line that marks the new conversation.
                    #expect(try await Self.conversation(in: first) == [Self.menu, Self.menu])
                    #expect(try await first.execute("return document.querySelector('#log .divider').textContent") == "New conversation")
                    let renewed = try await first.execute("return sessionStorage.getItem('parley-chat:session')")
                    #expect(renewed.stringValue != nil && renewed != token)
                    #expect(try await first.execute("return document.activeElement.id") == "message")
                }
            }
        }
    }

    @Test func aTabWhoseSessionTheServerForgotSaysSoKeepsWhatWasSaidAndStartsAgainOnRequest() async throws {
        try await withPage { browser, server in
            // As after a server restart: the tab's token means nothing to this server.
            try await browser.open("http://127.0.0.1:\(server.port)/health")
            try await browser.execute(
                """
                sessionStorage.setItem('parley-chat:session', JSON.stringify('not-a-real-token'));
                sessionStorage.setItem('parley-chat:log', JSON.stringify([{role: 'user', text: 'said before'}]));
                """)
            try await browser.open("http://127.0.0.1:\(server.port)/")
            try await browser.waitForText("no longer knows this conversation", in: "#ended-text")
            #expect(try await Self.conversation(in: browser) == ["me: said before"])
            #expect(try await browser.execute("return [document.getElementById('composer').hidden, document.activeElement.id]") == [true, "restart"])
            try await browser.click("#restart")
            try await browser.wait(until: "return document.querySelectorAll('#quick-replies button').length === 4")
            #expect(try await Self.conversation(in: browser) == ["me: said before", Self.menu])
            let token = try await browser.execute("return JSON.parse(sessionStorage.getItem('parley-chat:session'))")
            #expect(token.stringValue != nil && token != "not-a-real-token")
        }
    }

    @Test func fitsAPhoneScreenAndItsControlsHaveNames() async throws {
        try await withPage { browser, server in
            try await browser.resizeWindow(width: 360, height: 720)
            try await browser.open("http://127.0.0.1:\(server.port)/")
            try await browser.waitForText("Welcome to the overworld", in: Self.theirText)
            let widths = try await browser.execute(
                """
                const page = document.documentElement;
                const rights = ['message', 'send', 'quick-replies'].map((id) => document.getElementById(id).getBoundingClientRect().right);
                return [window.innerWidth, page.scrollWidth, page.clientWidth, ...rights];
                """)
            guard case .array(let numbers) = widths else {
                Issue.record("unexpected answer \(widths.jsonText())")
                return
            }
            let values = numbers.compactMap(\.numberValue)
            #expect(values.count == 6, "unexpected answer \(widths.jsonText())")
            if values.count == 6 {
                #expect(values[0] <= 400, "the window is \(values[0]) pixels wide")
                #expect(values[1] <= values[2], "the page scrolls sideways: \(values)")
                #expect(values[3...].allSatisfy { $0 <= values[2] }, "the controls stick out: \(values)")
            }
            #expect(try await browser.accessibleName("#message") == "Your message")
            #expect(try await browser.accessibleName("#send") == "Send")
            #expect(try await browser.accessibleName("#quick-replies") == "Quick replies")
            #expect(try await browser.accessibleName("#log") == "Conversation")
        }
    }

    @Test func theTypingIndicatorShowsWhileTheBotWorks() async throws {
        try await WorldsServer.with(config: TypingFrameTests.config) { server in
            try await Browser.withSession { browser in
                try await browser.open("http://127.0.0.1:\(server.port)/?task=begin")
                try await browser.waitForText("Welcome to the ParlAI Chatbot demo", in: Self.theirText)
                try await browser.execute(
                    """
                    const line = document.getElementById('status');
                    window.typingShown = [];
                    new MutationObserver(() => window.typingShown.push(line.hidden ? '' : line.textContent))
                      .observe(line, { attributes: true, childList: true, characterData: true, subtree: true });
                    """)
                try await browser.type("ping" + WebDriverSession.enter, into: "#message")
                try await browser.waitForText("pong", in: Self.theirText)
                #expect(try await browser.execute("return window.typingShown.includes('Typing')") == true)
                #expect(try await browser.execute("return document.getElementById('status').hidden") == true)
            }
        }
    }

    /// Makes the page's sockets drop, as a dying connection would, the frames whose text `data`
    /// meets the JavaScript condition `condition`, until the page calls `window.restoreSend()`.
    static func dropFrames(in browser: WebDriverSession, where condition: String) async throws {
        try await browser.execute(
            """
            const send = WebSocket.prototype.send;
            window.restoreSend = () => { WebSocket.prototype.send = send; };
            WebSocket.prototype.send = function (data) {
              if (typeof data === 'string' && \(condition)) return;
              return send.call(this, data);
            };
            """)
    }

    /// Opens the page, picks `chat` and gives the display name `name`.
    static func enterChat(_ browser: WebDriverSession, as name: String, port: Int) async throws {
        try await browser.open("http://127.0.0.1:\(port)/?task=chat")
        try await browser.waitForText(DemoText.chatName, in: theirText)
        try await browser.type(name + WebDriverSession.enter, into: "#message")
        try await browser.waitForText(DemoText.chatMatch, in: theirText)
    }

    /// Runs `body` with a browser session and a demo server.
    private func withPage(_ body: (WebDriverSession, WorldsServer) async throws -> Void) async throws {
        try await WorldsServer.with { server in
            try await Browser.withSession { browser in try await body(browser, server) }
        }
    }
}

/// `/embed.js` on another site's page: a bubble that opens the chat page in a frame.
@Suite(.enabled(if: Browser.enabled), .timeLimit(.minutes(5)))
struct ChatEmbedTests {
    @Test func theBubbleOpensTheChatWithItsTaskInAFrame() async throws {
        try await WorldsServer.with { server in
            try await Browser.withSession { browser in
                // Another origin (localhost, not 127.0.0.1) loads the script the way a site would.
                try await browser.open("http://localhost:\(server.port)/health")
                try await browser.execute(
                    """
                    const script = document.createElement('script');
                    script.src = arguments[0];
                    script.dataset.task = 'echo';
                    script.dataset.label = 'Ask us';
                    document.head.append(script);
                    """, [.string("http://127.0.0.1:\(server.port)/embed.js")])
                try await browser.wait(until: "return document.getElementById('parley-chat-bubble')")
                #expect(try await browser.accessibleName("#parley-chat-bubble") == "Ask us")
                #expect(try await browser.execute("return document.getElementById('parley-chat-frame').hidden") == true)
                try await browser.click("#parley-chat-bubble")
                let opened = try await browser.execute(
                    "const frame = document.getElementById('parley-chat-frame'); return [frame.hidden, frame.src, document.getElementById('parley-chat-bubble').getAttribute('aria-expanded')]")
                #expect(opened == [false, .string("http://127.0.0.1:\(server.port)/?task=echo"), "true"])

                try await browser.switchToFrame("#parley-chat-frame")
                try await browser.waitForText("will be echoed", in: ChatPageTests.theirText)
                try await browser.type("from the bubble" + WebDriverSession.enter, into: "#message")
                try await browser.wait(until: "return document.querySelectorAll('#log .message.bot').length === 2")
                #expect(try await ChatPageTests.conversation(in: browser).last == "them: from the bubble")
                try await browser.switchToFrame(nil)
            }
        }
    }

    @Test func itsOptionsDressTheChatAndTheHostPageDrivesItThroughParley() async throws {
        try await ImageHost.with { host in
          try await WorldsServer.with(media: ImageProxyOptions(allowedHosts: ["127.0.0.1"])) { server in
            try await Browser.withSession { browser in
                try await browser.open("http://localhost:\(server.port)/health")
                try await browser.execute(
                    """
                    window.events = [];
                    const script = document.createElement('script');
                    script.src = arguments[0];
                    Object.assign(script.dataset, { task: 'echo', title: 'Acme help', color: '#ffd400', lang: 'de',
                      logo: arguments[1], open: '' });
                    script.addEventListener('load', () => {
                      Parley.on('message', (message) => window.events.push(['message', message.text, message.from.role]));
                      Parley.on('sent', (message) => window.events.push(['sent', message.text]));
                    });
                    document.head.append(script);
                    """, [.string("http://127.0.0.1:\(server.port)/embed.js"), .string(host.url("/picture.png"))])
                // data-open: open as the page loads.
                try await browser.wait(until: "const frame = document.getElementById('parley-chat-frame'); return frame && !frame.hidden")
                try await browser.switchToFrame("#parley-chat-frame")
                try await browser.waitForText(DemoText.echoWelcome, in: ChatPageTests.theirText)
                try await browser.switchToFrame(nil)
                // A light colour gets dark text.
                #expect(try await browser.execute("const bubble = document.getElementById('parley-chat-bubble'); return [bubble.style.background, bubble.style.color]")
                    == ["rgb(255, 212, 0)", "rgb(0, 0, 0)"])
                try await Self.heard(DemoText.echoWelcome, in: browser)
                try await browser.execute("Parley.send('from the host page')")
                try await Self.heard("from the host page", in: browser)
                let events = try await browser.execute("return window.events")
                #expect(events == [
                    ["message", .string(DemoText.echoWelcome), "world"], ["sent", "from the host page"], ["message", "from the host page", "world"],
                ])

                try await browser.switchToFrame("#parley-chat-frame")
                // data-task went straight into the task: no menu chatter.
                #expect(try await ChatPageTests.conversation(in: browser) == ["them: " + DemoText.echoWelcome, "me: from the host page", "them: from the host page"])
                let dressed = try await browser.execute(
                    """
                    const style = getComputedStyle(document.documentElement);
                    return [document.getElementById('title').textContent, style.getPropertyValue('--accent'), style.getPropertyValue('--on-accent'),
                      document.getElementById('send').textContent];
                    """)
                #expect(dressed == ["Acme help", "#ffd400", "#000000", "Senden"])
                // One scrollbar: the frame's page itself does not scroll.
                #expect(try await browser.execute("return document.scrollingElement.scrollHeight <= window.innerHeight") == true)
                // Yellow does not read on white: buttons and links keep the theme's colour.
                #expect(try await browser.execute("return getComputedStyle(document.documentElement).getPropertyValue('--link').trim()") == "#0a58ca")
                // The logo comes through the image proxy.
                let logo = try await browser.loadedImage("#logo")
                #expect(logo.arrayValue?.first?.stringValue?.hasPrefix("http://127.0.0.1:\(server.port)/media?url=") == true, "\(logo.jsonText())")
                try await browser.saveScreenshot("chat-embed")
                // Escape in the chat closes it, and the chat button has the focus again.
                try await browser.type(WebDriverSession.escape, into: "#message")
                try await browser.switchToFrame(nil)
                try await browser.wait(until: "return document.getElementById('parley-chat-frame').hidden")
                #expect(try await browser.execute("return document.activeElement.id") == "parley-chat-bubble")
                try await browser.execute("Parley.open()")
                try await browser.saveScreenshot("chat-embed-host")
            }
          }
        }
    }

    /// Waits until the host page's `Parley.on('message')` handler has heard `text` (events change no
    /// markup, so a wait on the page's markup would not see them).
    static func heard(_ text: String, in browser: WebDriverSession) async throws {
        try await browser.executeAsync(
            """
            const [text, done] = arguments;
            if (window.events.some((event) => event[0] === 'message' && event[1] === text)) done(true);
            else Parley.on('message', (message) => { if (message.text === text) done(true); });
            """, [.string(text)])
    }
}
