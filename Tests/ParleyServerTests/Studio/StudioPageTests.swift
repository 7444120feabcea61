import Foundation
import ParleyCore
import ParleyServer
import Testing

/// The studio's page in headless Chromium against a real server: a new user makes a mind, fixes an
/// error, chats with a trace, keeps the chat as a test, publishes twice and uses both versions;
/// a second editor's save is a conflict that loses nothing; the admin key is asked for.
@Suite(.enabled(if: Browser.enabled), .timeLimit(.minutes(5)))
struct StudioPageTests {
    /// A mind whose answers hold markup: the page must show it as text.
    static let markup = #"<img src=x onerror="window.injected = 1"><b>bold</b>"#

    static func source(fallback: String, broken: Bool = false) -> String {
        """
        mind: pizza
        version: 1
        models:
          - name: main
            rules:
              - {kind: respond, input: "[start]", say: "Welcome to Pizza Place."}
              - {kind: respond, input: "\(broken ? "(hello" : "hello")", say: "\(markup.replacingOccurrences(of: "\"", with: "\\\""))"}
              - {kind: respond, input: "*", say: "\(fallback)"}

        """
    }

    /// Replaces the editor's text as typing would (an input event), and waits for its check.
    static func setSource(_ text: String, in browser: WebDriverSession) async throws {
        try await browser.execute(
            """
            const editor = document.getElementById('source');
            editor.value = arguments[0];
            editor.dispatchEvent(new Event('input', {bubbles: true}));
            """, [.string(text)])
    }

    @Test func aNewUserWritesTestsPublishesAndUsesAMind() async throws {
        let server = try await StudioServer.start()
        let port = server.port
        try await Browser.withSession { browser in
            try await browser.open("http://127.0.0.1:\(port)/studio")
            try await browser.waitForText("open to anyone on this machine", in: "#notice")
            try await browser.click("#new-mind")
            try await browser.type("pizza" + WebDriverSession.enter, into: "#name-input")
            try await browser.wait(until: "return document.querySelector('#minds [data-mind=\"pizza\"]')")
            try await browser.waitForText("main.1", in: "#outline")

            // An error is marked at its line; clicking it puts the caret there.
            try await Self.setSource(Self.source(fallback: "Sorry?", broken: true), in: browser)
            let line = try await browser.wait(
                until: "const item = document.querySelector('#diagnostics .diagnostic'); return item ? item.dataset.line : null")
            #expect(line == "7")
            try await browser.click("#diagnostics .diagnostic")
            let caretLine = try await browser.execute(
                "const e = document.getElementById('source'); return e.value.slice(0, e.selectionStart).split('\\n').length")
            #expect(caretLine == 7)
            try await Self.setSource(Self.source(fallback: "Sorry?"), in: browser)
            try await browser.wait(until: "return document.querySelectorAll('#diagnostics .diagnostic').length === 0")
            try await browser.click("#save")
            try await browser.waitForText("Saved", in: "#save-status")

            // The tester greets with [start]; markup in outputs is text; a trace opens.
            try await browser.click("#tab-tester")
            try await browser.waitForText("Welcome to Pizza Place.", in: "#chat-log .turn.bot")
            try await browser.type("hello", into: "#chat-input")
            if let path = ProcessInfo.processInfo.environment["PARLEY_SCREENSHOTS"] {
                try await browser.screenshot().write(to: URL(fileURLWithPath: path + "-tester.png"))
            }
            try await browser.click("#chat-send")
            try await browser.waitForText("<b>bold</b>", in: "#chat-log .turn.bot")
            try await browser.type("<i>hello</i>", into: "#chat-input")
            try await browser.click("#chat-send")
            try await browser.waitForText("<i>hello</i>", in: "#chat-log .turn.user")
            #expect(try await browser.execute("return document.querySelectorAll('#chat-log img, #chat-log b, #chat-log i').length") == 0)
            #expect(try await browser.execute("return window.injected === undefined") == true)
            // The trace of the "hello" turn (the second reply, after the greeting).
            try await browser.execute("document.querySelectorAll('#chat-log .trace-toggle')[1].click()")
            try await browser.waitForText("main.1", in: "#chat-log .trace")

            // The chat becomes a test, which passes.
            try await browser.click("#save-test")
            try await browser.type("greets and says hello" + WebDriverSession.enter, into: "#name-input")
            try await browser.click("#tab-tests")
            try await browser.wait(until: "return document.getElementById('tests-source').value.includes('greets and says hello')")
            try await browser.click("#run-tests")
            try await browser.waitForText("1 passed", in: "#test-results")

            // Published: the version URL answers the reply API.
            try await browser.click("#tab-publish")
            try await browser.click("#publish")
            let first = try await browser.waitForText("/minds/pizza/versions/1", in: "#version-url")
            let one = try await server.withClient { client in try await client.reply(["input": "pineapple", "url": first]) }
            #expect(one.json?["output"] == "Sorry?")

            try await browser.click("#tab-editor")
            try await Self.setSource(Self.source(fallback: "Pardon?"), in: browser)
            try await browser.click("#tab-publish")
            try await browser.click("#publish")
            let second = try await browser.waitForText("/minds/pizza/versions/2", in: "#version-url")
            try await server.withClient { client async throws in
                #expect(try await client.reply(["input": "pineapple", "url": second]).json?["output"] == "Pardon?")
                #expect(try await client.reply(["input": "pineapple", "url": first]).json?["output"] == "Sorry?")
            }
            try await browser.waitForText("v1", in: "#versions")

            // Someone else saves meanwhile: my save shows their text, and mine stays in the editor.
            let theirs = Self.source(fallback: "Their fallback.")
            try await server.withClient { client async throws in
                #expect(try await client.call(.put, "/studio/api/minds/pizza", ["source": .string(theirs)]).status == .ok)
            }
            try await browser.click("#tab-editor")
            let mine = Self.source(fallback: "My fallback.")
            try await Self.setSource(mine, in: browser)
            try await browser.click("#save")
            try await browser.wait(until: "return !document.getElementById('conflict').hidden")
            try await browser.waitForText("Their fallback.", in: "#conflict")
            #expect(try await browser.execute("return document.getElementById('source').value") == .string(mine))
            try await browser.click("#conflict-mine")
            try await browser.waitForText("Saved", in: "#save-status")
            let stored = try await server.store.studioMind(named: "pizza")
            #expect(stored?.source == mine)

            // On a phone, no tab is wider than the screen.
            try await browser.resizeWindow(width: 390, height: 800)
            for tab in ["#tab-editor", "#tab-tester", "#tab-tests", "#tab-publish", "#tab-review"] {
                try await browser.click(tab)
                let overflow = try await browser.execute(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                #expect(overflow == 0, "\(tab)")
            }
        }
        try await server.stop()
    }

    @Test func aServerWithAnAdminKeyAsksForIt() async throws {
        let server = try await StudioServer.start(adminKeys: ["s3cret-key"])
        try await Browser.withSession { browser in
            try await browser.open("http://127.0.0.1:\(server.port)/studio")
            try await browser.wait(until: "return document.getElementById('key-dialog').open")
            #expect(try await browser.execute("return document.querySelector('#minds [data-mind]') === null") == true)
            try await browser.type("s3cret-key" + WebDriverSession.enter, into: "#key-input")
            try await browser.wait(until: "return document.querySelector('#minds [data-mind=\"greeter\"]')")
            #expect(try await browser.execute("return sessionStorage.getItem('parley-studio-key')") == "s3cret-key")
            #expect(try await browser.execute("return document.getElementById('notice').hidden") == true)
        }
        try await server.stop()
    }
}
