import Foundation
import ParleyCore
import ParleyServer
import ParleyWorlds
import Testing

/// Who says what on the chat page, in headless Chromium: speakers' names, notices, the status line
/// (waiting, paired, typing, away, closed), EXIT and [DONE] as buttons, Markdown-lite, cards, and the
/// password in a password field.
@Suite(.enabled(if: Browser.enabled), .serialized, .timeLimit(.minutes(5)))
struct ChatPageSpeakerTests {
    /// Each message shown as `role|speaker label|text`.
    static func speakers(in browser: WebDriverSession) async throws -> [String] {
        let lines = try await browser.execute(
            """
            return Array.from(document.querySelectorAll('#log .message'), (item) =>
              [item.className.match(/from-(\\w+)/)[1], item.querySelector('.speaker').textContent, item.querySelector('.text').textContent].join('|'));
            """)
        return lines.arrayValue?.compactMap(\.stringValue) ?? []
    }

    static func statusLine(_ browser: WebDriverSession) async throws -> String? {
        try await browser.execute("const line = document.getElementById('status'); return line.hidden ? null : line.textContent").stringValue
    }

    @Test func eachMessageSaysWhoSpeaksAndTheStatusLineFollowsThePartner() async throws {
        let options = RuntimeOptions(shutdownGrace: .milliseconds(300), leaveGrace: .milliseconds(500))
        let server = try await WorldsServer.start(options: options)
        try await Browser.withSession { ann in
            try await ChatPageTests.enterChat(ann, as: "Ann", port: server.port)
            try await ann.wait(until: "return document.getElementById('status').textContent === 'Waiting for a partner…'")
            // The chat's welcome asks for [DONE], which does nothing in the pool: EXIT (leave the
            // wait) is offered instead until she is paired.
            let offered = "return Array.from(document.querySelectorAll('#quick-replies button'), (b) => b.dataset.reply)"
            #expect(try await ann.execute(offered) == ["EXIT"])

            // Bob, on a client that asks for a session and typing frames.
            let bob = try await WebSocketTestClient.connect(port: server.port)
            await bob.say("hi", ["session": nil, "features": ["typing"]])
            let token = try #require(try await bob.next()["session"])
            await bob.say("chat")
            _ = try await bob.texts(2)
            await bob.say("Bob")
            #expect(try await bob.nextText() == DemoText.chatMatch)
            try await ann.wait(until: "return document.getElementById('status').textContent === 'You are talking with Bob.'")
            #expect(try await ann.execute(offered) == ["[DONE]"])

            await bob.send(.text(#"{"typing": true}"#))
            try await ann.wait(until: "return document.getElementById('status').textContent === 'Bob is typing'")
            await bob.say("hello **Ann**, see [the docs](https://example.org/docs) or *type* EXIT")
            try await ann.waitForText("hello Ann", in: ChatPageTests.theirText)
            // The message replaced the typing line.
            #expect(try await Self.statusLine(ann) == "You are talking with Bob.")
            let rendered = try await ann.execute(
                """
                const text = document.querySelector('#log .message:last-child .text');
                return [text.querySelector('strong').textContent, text.querySelector('em').textContent,
                  text.querySelector('a').href, text.querySelector('a').textContent];
                """)
            #expect(rendered == ["Ann", "type", "https://example.org/docs", "the docs"])
            #expect(try await ann.execute("return Array.from(document.querySelectorAll('#quick-replies button'), (b) => b.dataset.reply)") == ["EXIT"])

            // Ann types: Bob's client sees it.
            try await ann.type("h", into: "#message")
            #expect(try await bob.next() == ["typing": true])
            try await ann.type("i Bob" + WebDriverSession.enter, into: "#message")
            // Sending ends her typing, then her message comes.
            #expect(try await bob.next() == ["typing": false])
            #expect(try await bob.nextChatText() == "hi Bob")

            // Bob's connection drops: Ann is told at once; he comes back.
            await bob.close()
            try await ann.wait(until: "return document.getElementById('status').textContent.startsWith('Bob is disconnected')")
            let back = try await WebSocketTestClient.connect(port: server.port)
            await back.send(.text(JSONValue.object(["session": token, "features": ["typing"]]).jsonText()))
            try await ann.wait(until: "return document.getElementById('status').textContent === 'Bob is back.'")

            // He closes his tab (a leave): Ann is told at once, and the chat ends after the grace.
            await back.send(.text(#"{"leave": true}"#))
            await back.close()
            try await ann.wait(until: "return document.getElementById('status').textContent === 'Bob closed the chat.'")
            try await ann.waitForText(RuntimeText.partnerLeft, in: ChatPageTests.theirText)
            try await ann.wait(until: "return document.getElementById('status').hidden")

            let shown = try await Self.speakers(in: ann)
            #expect(shown.first == "world|Onboarding|" + DemoText.chatName)
            #expect(shown.contains("user|You|Ann"))
            #expect(shown.contains("person|Bob|hello Ann, see the docs or type EXIT"))
            #expect(shown.contains("notice|Notice|" + RuntimeText.partnerLeft))
            #expect(shown.last == "world|Overworld|" + DemoText.menu.trimmingCharacters(in: .whitespaces))
            // A screen reader hears the log, each message with its speaker.
            #expect(try await ann.execute("const log = document.getElementById('log'); return [log.getAttribute('role'), log.getAttribute('aria-live')]") == ["log", "polite"])
            try await ann.saveScreenshot("chat-speakers")
        }
        try await server.stop()
    }

    @Test func aPartnerWhoLeavesThePageIsToldAtOnceAndBackBringsThemBack() async throws {
        try await WorldsServer.with { server in
            try await Browser.withSession { ann in
                try await Browser.withSession { bob in
                    try await ChatPageTests.enterChat(ann, as: "Ann", port: server.port)
                    try await ChatPageTests.enterChat(bob, as: "Bob", port: server.port)
                    try await ann.wait(until: "return document.getElementById('status').textContent === 'You are talking with Bob.'")
                    // Bob's tab goes to another page: the browser may keep his page, but it closes its connection.
                    try await bob.open("http://127.0.0.1:\(server.port)/health")
                    try await ann.wait(until: "return document.getElementById('status').textContent === 'Bob closed the chat.'")
                    try await bob.back()
                    try await ann.wait(until: "return document.getElementById('status').textContent === 'Bob is back.'")
                    try await bob.type("still here" + WebDriverSession.enter, into: "#message")
                    try await ann.waitForText("still here", in: ChatPageTests.theirText)
                }
            }
        }
    }

    @Test func aMessageIsShownWithoutTheBlankLinesAroundIt() async throws {
        try await WorldsServer.with { server in
            try await Browser.withSession { browser in
                try await browser.open("http://127.0.0.1:\(server.port)/?task=onboard%20data")
                try await browser.waitForText("Enter your name.", in: ChatPageTests.theirText)
                try await browser.type("Ann" + WebDriverSession.enter, into: "#message")
                // The demo says "\nEnter your favorite color.", as ParlAI's does.
                #expect(try await browser.waitForText("favorite color", in: ChatPageTests.theirText) == "Enter your favorite color.")
            }
        }
    }

    @Test func cardsImagesAndTitledRepliesAreShownAndTheirButtonsAnswer() async throws {
        try await WorldsServer.with { server in
            try await Browser.withSession { ann in
                try await ChatPageTests.enterChat(ann, as: "Ann", port: server.port)
                let bob = try await WebSocketTestClient.connect(port: server.port)
                try await bob.enterChat(as: "Bob")
                let cards = Card.payload([
                    Card(title: "Margherita", text: "Tomato and mozzarella", imageURL: "https://example.org/m.png",
                         buttons: [CardButton(title: "Order", reply: "order margherita"), CardButton(title: "Menu", link: "https://example.org/menu")]),
                    Card(title: "Funghi", buttons: [CardButton(title: "Order", reply: "order funghi")]),
                ])
                await bob.say("Our pizzas", ["payload": cards])
                try await ann.wait(until: "return document.querySelectorAll('#log .card').length === 2")
                let shown = try await ann.execute(
                    """
                    return Array.from(document.querySelectorAll('#log .card'), (card) => [card.querySelector('h3').textContent,
                      Array.from(card.querySelectorAll('.actions > *'), (b) => b.tagName + ':' + b.textContent + (b.href ? ':' + b.href : '')).join(',')]);
                    """)
                #expect(shown == [
                    ["Margherita", "BUTTON:Order,A:Menu:https://example.org/menu"],
                    ["Funghi", "BUTTON:Order"],
                ])
                // The picture comes through the image proxy, never from its host.
                #expect(try await ann.execute("return document.querySelector('#log .card img').getAttribute('src')")
                    == .string("/media?url=" + "https://example.org/m.png".addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_.!~*'()")))!))
                try await ann.click("#log .card:last-child .actions button")
                #expect(try await bob.nextChatText() == "order funghi")
                #expect(try await ChatPageTests.conversation(in: ann).last == "me: Order")

                // A file link.
                await bob.say("", ["payload": ["type": "file", "url": "https://example.org/menu.pdf", "file_name": "menu.pdf"]])
                try await ann.waitForText("File: menu.pdf", in: ChatPageTests.theirText)
                try await ann.saveScreenshot("chat-cards")
                await bob.close()
            }
        }
    }

    @Test func thePasswordIsTypedInAPasswordFieldNeverShownNorKeptAndTaskStillApplies() async throws {
        try await WorldsServer.with(config: WorldsServer.demoConfig(opt: "{password: sesame}")) { server in
            try await Browser.withSession { browser in
                try await browser.open("http://127.0.0.1:\(server.port)/?task=echo")
                try await browser.waitForText(RuntimeText.passwordRequired, in: ChatPageTests.theirText)
                #expect(try await browser.execute("return [document.getElementById('message').type, document.getElementById('message').autocomplete]")
                    == ["password", "current-password"])
                try await browser.type("sesame" + WebDriverSession.enter, into: "#message")
                // ?task=echo was not taken for the password: the echo task starts at once.
                try await browser.waitForText(DemoText.echoWelcome, in: ChatPageTests.theirText)
                #expect(try await browser.execute("return document.getElementById('message').type") == "text")
                let kept = try await browser.execute(
                    "return [document.body.innerText.includes('sesame'), Object.values(sessionStorage).some((v) => v.includes('sesame'))]")
                #expect(kept == [false, false])
                #expect(try await ChatPageTests.conversation(in: browser) == ["them: " + RuntimeText.passwordRequired, "them: " + DemoText.echoWelcome])
                let recorded = try await server.store.messages(since: nil)
                #expect(!recorded.contains { $0.text.contains("sesame") })
            }
        }
    }
}
