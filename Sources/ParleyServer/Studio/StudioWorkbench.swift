import Crypto
import NIOPosix
import ParleyMind
import Synchronization

/// Compiles the texts the studio is editing, off the event loops, and keeps the last few
/// results (the tester and the tests send the same text again and again); reads outlines.
final class StudioWorkbench: Sendable {
    /// What a text compiles to: its findings, and the mind when it has no errors.
    struct Check: Sendable {
        let diagnostics: [Diagnostic]
        let mind: Mind?
    }

    /// Results by the SHA-256 of their text, with a use counter for eviction.
    private let cache = Mutex<(entries: [SHA256Digest: (check: Check, lastUse: UInt64)], uses: UInt64)>(([:], 0))
    private static let cacheSize = 8

    /// The result for `text`, compiled on NIO's blocking pool unless it is cached.
    func check(_ text: String) async -> Check {
        let key = SHA256.hash(data: Array(text.utf8))
        if let cached = cache.withLock({ state -> Check? in
            guard let entry = state.entries[key] else { return nil }
            state.uses += 1
            state.entries[key]?.lastUse = state.uses
            return entry.check
        }) {
            return cached
        }
        let check = (try? await NIOThreadPool.singleton.runIfActive { Self.compile(text) }) ?? Self.compile(text)
        cache.withLock { state in
            state.uses += 1
            state.entries[key] = (check, state.uses)
            while state.entries.count > Self.cacheSize, let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                state.entries[oldest.key] = nil
            }
        }
        return check
    }

    /// The outline of `text`, read on NIO's blocking pool (a 10,000-rule mind takes about a
    /// quarter of a second, more than compiling it).
    func outline(_ text: String) async -> MindOutline {
        (try? await NIOThreadPool.singleton.runIfActive { MindOutline(text: text) }) ?? MindOutline(text: text)
    }

    private static func compile(_ text: String) -> Check {
        do {
            let loaded = try Mind.load(text: text, format: RulebaseFormat(text: text))
            return Check(diagnostics: loaded.warnings, mind: loaded.mind)
        } catch {
            return Check(diagnostics: error.diagnostics, mind: nil)
        }
    }
}
