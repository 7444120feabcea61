import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium for tests of Parley's web pages, driven over W3C WebDriver by chromedriver.
///
/// Use `@Suite(.enabled(if: Browser.enabled))` and ``withSession(scriptTimeout:_:)``: every session
/// gets its own chromedriver (on a free loopback port) and its own browser profile in a temp
/// folder; the session, chromedriver, any browser process left using the profile, and the profile
/// all end when the body returns or throws.
enum Browser {
    /// The Chromium binary on `PATH` (Debian's `chromium`).
    static let chromium = executable(named: "chromium")
    /// chromedriver on `PATH` (Debian's `chromium-driver`).
    static let chromeDriver = executable(named: "chromedriver")

    /// Whether browser tests run: Chromium and chromedriver are installed, or CI is set (where
    /// their absence fails the tests instead of skipping them; `scripts/test` installs both).
    static var enabled: Bool {
        (chromium != nil && chromeDriver != nil) || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
    }

    /// Runs `body` with a new headless browser session, then ends the session and chromedriver.
    /// At most two sessions run at once (``BrowserGate``); others wait their turn.
    /// - Parameter scriptTimeout: how long a wait or an async script may take before failing.
    static func withSession<Value: Sendable>(
        scriptTimeout: Duration = .seconds(20),
        _ body: (WebDriverSession) async throws -> Value
    ) async throws -> Value {
        try await BrowserGate.shared.run { try await session(scriptTimeout: scriptTimeout, body) }
    }

    private static func session<Value: Sendable>(
        scriptTimeout: Duration, _ body: (WebDriverSession) async throws -> Value
    ) async throws -> Value {
        guard chromium != nil, let chromeDriver else {
            throw WebDriverError(
                description: "chromium or chromedriver is not on PATH: install the Debian packages chromium and chromium-driver (scripts/test does)")
        }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("parley-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let driver: ChromeDriver
        do {
            driver = try await ChromeDriver.start(executable: chromeDriver)
        } catch {
            try? FileManager.default.removeItem(at: profile)
            throw error
        }
        let result: Result<Value, any Error>
        do {
            let session = try await WebDriverSession.create(
                client: driver.client, userDataDirectory: profile,
                scriptTimeout: scriptTimeout, pageLoadTimeout: .seconds(60))
            do {
                result = .success(try await body(session))
            } catch {
                result = .failure(error)
            }
            try? await session.delete()
        } catch {
            result = .failure(error)
        }
        await driver.stop()
        // Ending chromedriver leaves its browsers running: end whatever still uses this profile
        // (a session that failed half-way, or one the driver could not delete).
        killProcesses(using: profile)
        try? FileManager.default.removeItem(at: profile)
        return try result.get()
    }

    /// Sends SIGKILL to every process whose command line names `profile` (unique to one session).
    private static func killProcesses(using profile: URL) {
        let marker = Array("--user-data-dir=\(profile.path)".utf8)
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for name in processes {
            guard let pid = pid_t(name), pid != getpid(),
                let commandLine = FileManager.default.contents(atPath: "/proc/\(name)/cmdline")
            else { continue }
            if commandLine.split(separator: 0).contains(where: { Array($0) == marker }) { kill(pid, SIGKILL) }
        }
    }

    /// The first executable file `name` in a folder of `PATH`.
    private static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
