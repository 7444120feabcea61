import Foundation
import ParleyCore
import ParleyServer
import ParleyStore
import ParleyWorlds
import Testing

/// The chat page with a consent notice, in headless Chromium: the notice comes first, `?task=` waits
/// for the answer, the person's code, their data downloaded and erased from "Your data".
@Suite(.enabled(if: Browser.enabled), .timeLimit(.minutes(5)))
struct ChatPageConsentTests {
    static let notice = "We record these chats to study echoes."

    @Test func theNoticeComesFirstAndThePersonCanSeeAndEraseWhatWasRecorded() async throws {
        let server = try await WorldsServer.start(config: WorldsServer.demoConfig() + "\nconsent:\n  text: \(Self.notice)\n")
        let port = server.port
        try await Browser.withSession { browser in
            // ?task=echo is not taken as the answer to the notice: it picks the task once agreed.
            try await browser.open("http://127.0.0.1:\(port)/?task=echo")
            try await browser.waitForText(Self.notice, in: ChatPageTests.theirText)
            let offered = try await browser.execute("return Array.from(document.querySelectorAll('#quick-replies button'), (b) => b.textContent)")
            #expect(offered == ["I agree", "No thanks"])
            #expect(try await server.store.knownPeople().count == 0)
            try await browser.click("#quick-replies button[data-reply=\"I agree\"]")
            try await browser.waitForText(DemoText.echoWelcome, in: ChatPageTests.theirText)
            try await browser.type("remember this" + WebDriverSession.enter, into: "#message")
            try await browser.wait(until: "return Array.from(document.querySelectorAll('#log .message.bot .text')).some((e) => e.textContent === 'remember this')")

            // Your data: the code is the person's id in the store.
            try await browser.click("#your-data summary")
            let code = try await browser.wait(
                until: "const code = document.getElementById('person-code').textContent; return code === '' ? null : code")
            let id = try #require(code.stringValue)
            #expect(try await server.store.consent(of: id)?.agreed == true)
            try await browser.waitForText("recorded", in: "#data-status")
            if let path = ProcessInfo.processInfo.environment["PARLEY_SCREENSHOTS"] {
                try await browser.screenshot().write(to: URL(fileURLWithPath: path + "-chat-your-data.png"))
            }
            // The download is what the export holds for the person.
            let downloaded = try await browser.executeAsync(
                """
                const done = arguments[arguments.length - 1];
                fetch('/people/me/export', {method: 'POST', headers: {'Content-Type': 'application/json'},
                  body: JSON.stringify({key: sessionStorage.getItem('parley-chat:person').replace(/"/g, '')})})
                  .then((r) => r.text()).then(done, (e) => done('failed: ' + e));
                """)
            #expect(downloaded.stringValue?.contains("remember this") == true)

            try await browser.execute("window.confirm = () => true")
            try await browser.click("#erase-data")
            try await browser.waitForText("Everything recorded of you was erased.", in: "#ended-text")
            #expect(try await server.store.knownPeople().isEmpty)
            #expect(try await server.store.messages(since: nil).isEmpty)
            #expect(try await server.store.eraseAudit(limit: 5).first?.actor == "person")
            // A new conversation is a new person, asked again.
            try await browser.click("#restart")
            try await browser.wait(
                until: "return Array.from(document.querySelectorAll('#log .message.bot .text')).some((e) => e.textContent === arguments[0])",
                [.string(Self.notice)])
        }
        try await server.stop()
    }
}
