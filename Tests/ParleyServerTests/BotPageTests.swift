import Foundation
import ParleyCore
import ParleyServer
import Testing

/// The `/bot` chat page in headless Chromium against a real Parley server (reply API with the
/// demo mind, SQLite store in a temp folder).
@Suite(.enabled(if: Browser.enabled), .timeLimit(.minutes(5)))
struct BotPageTests {
    static let botText = "#log .message.bot .text"
    static let userText = "#log .message.user .text"
    static let greeting =
        "Hi, I'm Ace, the ACME Corporation's support bot. Ask me what we sell, or say \"order\" to buy something."

    @Test func openingSendsAutoAndShowsTheGreetingWithoutItsTags() async throws {
        try await withPage { browser, server in
            try await browser.open("http://127.0.0.1:\(server.port)/bot")
            #expect(try await browser.waitForText("Hi, I'm Ace", in: Self.botText) == Self.greeting)
            #expect(try await browser.execute("return document.querySelector('#log .message.bot').dataset.tags") == "[wave]")
            #expect(try await browser.execute("return document.getElementById('log').textContent.includes('[')") == false)

            let userID = try #require(try await browser.cookie("parley_userid"))
            #expect(userID.wholeMatch(of: /web-[0-9a-f]{32}/) != nil)
            let exchanges = try await server.store.transcript(mind: nil, userID: userID, after: nil, limit: 10)
            #expect(exchanges.map(\.input) == ["[auto]"])
            #expect(exchanges.map(\.output) == ["[wave] " + Self.greeting])

            #expect(try await browser.accessibleName("#message") == "Your message")
            #expect(try await browser.accessibleName("#send") == "Send")
        }
    }

    @Test func onAServerWithKeysThePageAsksForOneAndSendsAgainWhatWasRefused() async throws {
        let options = ReplyAPIOptions(keys: try APIKeys(["s3cret-key"]))
        try await WorldsServer.with(replyMinds: BotPageFixtureMinds.library(), replyOptions: options) { server in
            try await Browser.withSession { browser in
                try await browser.open("http://127.0.0.1:\(server.port)/bot")
                try await browser.wait(until: "return !document.getElementById('key-form').hidden")
                #expect(try await browser.execute("return document.getElementById('status').textContent") == "This server needs an API key.")
                #expect(try await browser.execute("return [document.activeElement.id, document.getElementById('composer').hidden]") == ["key", true])
                #expect(try await browser.accessibleName("#key") == "API key")

                try await browser.type("wrong" + WebDriverSession.enter, into: "#key")
                try await browser.wait(until: "return document.getElementById('status').textContent.includes('not valid')")
                try await browser.type("s3cret-key" + WebDriverSession.enter, into: "#key")
                // The refused [auto] goes again, with the key.
                #expect(try await browser.waitForText("Hi, I'm Ace", in: Self.botText) == Self.greeting)
                try await browser.type("call me Wile" + WebDriverSession.enter, into: "#message")
                try await browser.waitForText("Wile", in: Self.botText)

                // A link with the key in its fragment: used, kept for the tab, and taken out of the address.
                try await browser.execute("sessionStorage.clear()")
                try await browser.open("http://127.0.0.1:\(server.port)/health")
                try await browser.open("http://127.0.0.1:\(server.port)/bot#key=s3cret-key")
                try await browser.wait(until: "return document.querySelectorAll('#log .message.bot').length >= 1")
                #expect(try await browser.execute("return [location.hash, sessionStorage.getItem('parley-bot:key'), document.getElementById('key-form').hidden]") == ["", "s3cret-key", true])
            }
        }
    }

    @Test func fitsAPhoneScreen() async throws {
        try await withPage { browser, server in
            try await browser.resizeWindow(width: 360, height: 720)
            try await browser.open("http://127.0.0.1:\(server.port)/bot")
            try await browser.waitForText("Hi, I'm Ace", in: Self.botText)
            let widths = try await browser.execute(
                """
                const page = document.documentElement;
                const field = document.getElementById('message').getBoundingClientRect();
                const button = document.getElementById('send').getBoundingClientRect();
                return [window.innerWidth, page.scrollWidth, page.clientWidth, field.right, button.right];
                """)
            guard case .array(let numbers) = widths, numbers.count == 5 else {
                Issue.record("unexpected answer \(widths.jsonText())")
                return
            }
            let values = numbers.compactMap(\.numberValue)
            #expect(values[0] <= 400, "the window is \(values[0]) pixels wide")
            #expect(values[1] <= values[2], "the page scrolls sideways: \(values)")
            #expect(values[3] <= values[2] && values[4] <= values[2], "the controls stick out: \(values)")
        }
    }

    @Test func aLongConversationScrollsOnlyInsideTheLog() async throws {
        try await withPage { browser, server in
            try await browser.resizeWindow(width: 800, height: 600)
            try await browser.open("http://127.0.0.1:\(server.port)/bot")
            try await browser.waitForText("Hi, I'm Ace", in: Self.botText)
            for index in 1...12 {
                try await browser.type("what do you sell \(index)" + WebDriverSession.enter, into: "#message")
                try await browser.wait(until: "return document.querySelectorAll(arguments[0]).length === arguments[1]", [.string(Self.userText), .number(Double(index))])
            }
            // The speakers' hidden labels once stretched the page far below the window.
            #expect(try await browser.execute("return document.scrollingElement.scrollHeight <= window.innerHeight") == true)
        }
    }

    @Test func aConversationByKeyboardGoesOnAcrossAReload() async throws {
        try await withPage { browser, server in
            try await browser.open("http://127.0.0.1:\(server.port)/bot")
            try await browser.waitForText("Hi, I'm Ace", in: Self.botText)
            try await browser.type("call me Wile" + WebDriverSession.enter, into: "#message")
            let named = try await browser.waitForText("Wile", in: Self.botText)
            #expect(["Nice to meet you, Wile!", "Pleased to meet you, Wile."].contains(named))
            #expect(try await browser.execute("return document.getElementById('message').value") == "")
            let userID = try #require(try await browser.cookie("parley_userid"))
            let countBot = "return document.querySelectorAll(arguments[0]).length"
            let botMessages = try #require(try await browser.execute(countBot, [.string(Self.botText)]).intValue)

            // A reload shows the conversation again and goes on with it: no second greeting.
            try await browser.reload()
            try await browser.waitForText("Wile", in: Self.botText)
            #expect(try await browser.cookie("parley_userid") == userID)
            let shown = try await browser.execute(
                "return Array.from(document.querySelectorAll(arguments[0]), (element) => element.textContent)",
                [.string(Self.userText)])
            #expect(shown == ["call me Wile"])

            try await browser.type("who am i" + WebDriverSession.enter, into: "#message")
            #expect(try await browser.waitForText("You're", in: Self.botText) == "You're Wile.")
            let exchanges = try await server.store.transcript(mind: nil, userID: userID, after: nil, limit: 10)
            #expect(exchanges.map(\.input) == ["[auto]", "call me Wile", "who am i"])
            // The restored messages and the answer to "who am i": nothing in between.
            #expect(try await browser.execute(countBot, [.string(Self.botText)]).intValue == botMessages + 1)
        }
    }

    @Test func markupInOutputsAndInputsIsShownAsTextAndTagsReachPageCode() async throws {
        try await withPage { browser, server in
            try await browser.open("http://127.0.0.1:\(server.port)/bot?mind=markup")
            let markup = #"<script>window.injected = 1</script><img src=x onerror="window.injected = 2"> & <b>bold</b>"#
            #expect(try await browser.waitForText("bold", in: Self.botText) == markup)
            #expect(try await browser.execute("return document.title") == "Parley chat: markup")

            try await browser.execute(
                """
                window.tagEvents = [];
                document.addEventListener('parley:tags', (event) => window.tagEvents.push(event.detail));
                """)
            let typed = #"<img src=x onerror="window.injected = 3">"#
            try await browser.type(typed + WebDriverSession.enter, into: "#message")
            #expect(try await browser.waitForText("Noted", in: Self.botText) == "Noted.")
            #expect(try await browser.execute("return document.querySelector(arguments[0]).textContent", [.string(Self.userText)]) == .string(typed))
            let events = try await browser.execute("return window.tagEvents")
            #expect(events == [[
                "tags": [
                    ["tag": "[head-nod]", "name": "head-nod", "args": []],
                    ["tag": "[select 3]", "name": "select", "args": ["3"]],
                ],
                "text": "Noted.",
                "output": "[head-nod] [select 3] Noted.",
            ]])
            #expect(try await browser.execute("return document.querySelector('#log .message.bot:last-child').dataset.tags") == "[head-nod] [select 3]")

            let injected = try await browser.execute(
                "return [document.querySelectorAll('#log img, #log script, #log b').length, typeof window.injected]")
            #expect(injected == [0, "undefined"])
        }
    }

    @Test func theIdleTimerSendsIdleWithTheDelayTheServerGave() async throws {
        try await withPage { browser, server in
            try await browser.open("http://127.0.0.1:\(server.port)/bot?mind=sleepy")
            try await browser.waitForText("Hello.", in: Self.botText)
            #expect(try await browser.waitForText("Still there?", in: Self.botText) == "Still there?")
            #expect(try await browser.execute("return document.querySelector('#log .message.bot:last-child').dataset.tags") == "[smile]")
            let userID = try #require(try await browser.cookie("parley_userid"))
            let exchanges = try await server.store.transcript(mind: nil, userID: userID, after: nil, limit: 10)
            #expect(exchanges.map(\.input) == ["[auto]", "[idle 1]"])
        }
    }

    @Test func userInputClearsTheIdleTimer() async throws {
        try await withPage { browser, server in
            try await browser.open("http://127.0.0.1:\(server.port)/bot?mind=patient")
            try await browser.waitForText("Hello.", in: Self.botText)
            #expect(try await browser.execute("return document.getElementById('log').dataset.idle ?? null") == "60")
            // The answer to "stop" asks for no idle input: the timer [auto]'s answer started must be gone.
            try await browser.type("stop" + WebDriverSession.enter, into: "#message")
            try await browser.waitForText("Stopped.", in: Self.botText)
            #expect(try await browser.execute("return document.getElementById('log').dataset.idle ?? null") == .null)
            let userID = try #require(try await browser.cookie("parley_userid"))
            let exchanges = try await server.store.transcript(mind: nil, userID: userID, after: nil, limit: 10)
            #expect(exchanges.map(\.input) == ["[auto]", "stop"])
        }
    }

    @Test func anUnknownMindIsReportedOnThePage() async throws {
        try await withPage { browser, server in
            try await browser.open("http://127.0.0.1:\(server.port)/bot?mind=nosuch")
            let status = try await browser.waitForText("Error", in: "#status")
            #expect(status.hasPrefix("Error: no mind named \"nosuch\""))
            #expect(try await browser.execute("return document.querySelectorAll('#log .message').length") == 0)
        }
    }

    /// Runs `body` with a browser session and a server with the reply API and its page.
    private func withPage(_ body: (WebDriverSession, WorldsServer) async throws -> Void) async throws {
        try await WorldsServer.with(replyMinds: BotPageFixtureMinds.library()) { server in
            try await Browser.withSession { browser in try await body(browser, server) }
        }
    }
}
