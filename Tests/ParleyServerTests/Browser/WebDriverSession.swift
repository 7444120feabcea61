import Foundation
import HTTPTypes
import ParleyCore

/// One headless Chromium session, driven through the W3C WebDriver commands a page test needs.
///
/// Waits never poll: ``wait(until:_:)`` runs a script in the page that checks a condition now and
/// at every change of the document (a MutationObserver), bounded by the session's script timeout.
struct WebDriverSession: Sendable {
    /// The WebDriver key code of Enter, for ``type(_:into:)``.
    static let enter = "\u{E007}"
    static let escape = "\u{E00C}"
    /// The identifier key of a web element reference in WebDriver's JSON.
    private static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    let id: String
    private let client: WebDriverClient

    /// Starts a headless Chromium (the one chromedriver finds) with its own profile in `userDataDirectory`.
    /// - Parameter scriptTimeout: how long ``executeAsync(_:_:)`` and the waits may take.
    static func create(
        client: WebDriverClient, userDataDirectory: URL, scriptTimeout: Duration, pageLoadTimeout: Duration
    ) async throws -> WebDriverSession {
        let arguments: [JSONValue] = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-extensions", .string("--user-data-dir=\(userDataDirectory.path)"),
        ]
        let capabilities: JSONValue = [
            "browserName": "chrome",
            "timeouts": ["script": .number(milliseconds(scriptTimeout)), "pageLoad": .number(milliseconds(pageLoadTimeout))],
            "goog:chromeOptions": ["args": .array(arguments)],
        ]
        let value = try await client.send(.post, "/session", ["capabilities": ["alwaysMatch": capabilities]])
        guard let id = value["sessionId"]?.stringValue else {
            throw WebDriverError(description: "new session: no sessionId in \(value.jsonText())")
        }
        return WebDriverSession(id: id, client: client)
    }

    /// Ends the session and its browser.
    func delete() async throws {
        try await client.send(.delete, "/session/\(id)")
    }

    /// Goes to `url` and waits until the page has loaded.
    func open(_ url: String) async throws {
        try await command(.post, "url", ["url": .string(url)])
    }

    /// Goes back in the session's history, as the browser's Back button does.
    func back() async throws {
        try await command(.post, "back", [:])
    }

    /// Reloads the page and waits until it has loaded again.
    func reload() async throws {
        try await command(.post, "refresh", [:])
    }

    /// Sets the window's size in CSS pixels (e.g. a phone's width).
    func resizeWindow(width: Int, height: Int) async throws {
        try await command(.post, "window/rect", ["width": .number(Double(width)), "height": .number(Double(height))])
    }

    /// The reference of the first element matching the CSS `selector`.
    func element(_ selector: String) async throws -> String {
        let value = try await command(.post, "element", ["using": "css selector", "value": .string(selector)])
        guard let reference = value[Self.elementKey]?.stringValue else {
            throw WebDriverError(description: "element \(selector): no reference in \(value.jsonText())")
        }
        return reference
    }

    /// Types `text` into the element matching `selector` as keystrokes (``enter`` presses Enter).
    func type(_ text: String, into selector: String) async throws {
        let element = try await element(selector)
        try await command(.post, "element/\(element)/value", ["text": .string(text)])
    }

    /// Clicks the element matching `selector`.
    func click(_ selector: String) async throws {
        let element = try await element(selector)
        try await command(.post, "element/\(element)/click", [:])
    }

    /// Sends later commands to the document of the frame matching `selector`, or with nil back to the page.
    func switchToFrame(_ selector: String?) async throws {
        let target: JSONValue = if let selector { .object([Self.elementKey: .string(try await element(selector))]) } else { .null }
        try await command(.post, "frame", ["id": target])
    }

    /// The accessible name the browser computes for the element matching `selector`.
    func accessibleName(_ selector: String) async throws -> String? {
        let element = try await element(selector)
        return try await command(.get, "element/\(element)/computedlabel").stringValue
    }

    /// The value of the page's cookie `name`, if it is set.
    func cookie(_ name: String) async throws -> String? {
        let cookies = try await command(.get, "cookie")
        guard case .array(let all) = cookies else { return nil }
        return all.first { $0["name"]?.stringValue == name }?["value"]?.stringValue
    }

    /// Runs `script` (a function body; `arguments` are its `arguments`) and answers what it returns.
    @discardableResult
    func execute(_ script: String, _ arguments: [JSONValue] = []) async throws -> JSONValue {
        try await command(.post, "execute/sync", ["script": .string(script), "args": .array(arguments)])
    }

    /// Runs `script` with a callback as its last argument and answers the value passed to the
    /// callback; fails after the session's script timeout.
    @discardableResult
    func executeAsync(_ script: String, _ arguments: [JSONValue] = []) async throws -> JSONValue {
        try await command(.post, "execute/async", ["script": .string(script), "args": .array(arguments)])
    }

    /// Waits until `condition` (a JavaScript function body; `arguments` are its arguments) returns
    /// something other than `null`, `undefined` or `false`, and answers that. The condition is
    /// checked now and after every change of the document. On timeout the error shows the page's text.
    @discardableResult
    func wait(until condition: String, _ arguments: [JSONValue] = []) async throws -> JSONValue {
        let script = """
            const done = arguments[arguments.length - 1];
            const condition = function () {
            \(condition)
            };
            const conditionArguments = Array.prototype.slice.call(arguments, 0, -1);
            const check = () => {
              const value = condition.apply(null, conditionArguments);
              if (value === null || value === undefined || value === false) return false;
              observer.disconnect();
              done(value);
              return true;
            };
            const observer = new MutationObserver(check);
            if (!check()) {
              observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
            }
            """
        do {
            return try await executeAsync(script, arguments)
        } catch let error as WebDriverError {
            let page = (try? await execute("return document.body ? document.body.innerText : ''").stringValue) ?? "?"
            throw WebDriverError(description: "\(error.description)\nwaiting for: \(condition)\npage text: \(page.prefix(2000))")
        }
    }

    /// Waits for the first image matching `selector` to arrive and then to load or fail; answers
    /// `[src, alt]` when it loaded and `["not loaded", src]` when it did not. (An image's loading
    /// changes no markup, so ``wait(until:_:)`` would not see it.)
    func loadedImage(_ selector: String) async throws -> JSONValue {
        try await executeAsync(
            """
            const done = arguments[arguments.length - 1];
            const watch = () => {
              const image = document.querySelector(arguments[0]);
              if (!image) return false;
              const answer = () => done(image.naturalWidth > 0 ? [image.src, image.alt] : ['not loaded', image.src]);
              if (image.complete) answer();
              else image.addEventListener('load', answer), image.addEventListener('error', answer);
              return true;
            };
            if (!watch()) {
              new MutationObserver((_, observer) => { if (watch()) observer.disconnect(); })
                .observe(document, { childList: true, subtree: true });
            }
            """, [.string(selector)])
    }

    /// Waits until an element matching `selector` has text containing `text`; answers its whole text.
    @discardableResult
    func waitForText(_ text: String, in selector: String) async throws -> String {
        let found = try await wait(
            until: """
                const [selector, text] = arguments;
                const match = Array.from(document.querySelectorAll(selector)).find((element) => element.textContent.includes(text));
                return match ? match.textContent : null;
                """,
            [.string(selector), .string(text)])
        return found.stringValue ?? ""
    }

    /// A PNG picture of the window as it is now.
    func screenshot() async throws -> Data {
        let encoded = try await command(.get, "screenshot").stringValue ?? ""
        guard let picture = Data(base64Encoded: encoded) else { throw WebDriverError(description: "screenshot: no PNG in the answer") }
        return picture
    }

    /// Makes the page see `prefers-color-scheme` as `scheme` ("light" or "dark"), through Chrome's
    /// DevTools protocol.
    func emulateColorScheme(_ scheme: String) async throws {
        let feature: JSONValue = ["name": "prefers-color-scheme", "value": .string(scheme)]
        try await command(.post, "goog/cdp/execute", ["cmd": "Emulation.setEmulatedMedia", "params": ["features": [feature]]])
    }

    /// Saves a screenshot of the window as `.build/screenshots/NAME.png` in the package, for review.
    func saveScreenshot(_ name: String) async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent(".build/screenshots")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try await screenshot().write(to: folder.appendingPathComponent("\(name).png"))
    }

    /// Runs the session command `method /session/ID/path`.
    @discardableResult
    private func command(_ method: HTTPRequest.Method, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        try await client.send(method, "/session/\(id)/\(path)", body)
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
