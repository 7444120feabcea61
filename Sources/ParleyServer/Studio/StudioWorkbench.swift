import Crypto
import NIOPosix
import ParleyMind
import Synchronization

/// Compiles the texts the studio is editing, off the event loops, and keeps the last few
/// results: validating as someone types sends the same text again after every pause.
final class StudioWorkbench: Sendable {
    /// What a text compiles to: its findings, its outline, and the mind when it has no errors.
    struct Check: Sendable {
        let diagnostics: [Diagnostic]
        let outline: MindOutline
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

    private static func compile(_ text: String) -> Check {
        let outline = MindOutline(text: text)
        do {
            let loaded = try Mind.load(text: text, format: RulebaseFormat(text: text))
            return Check(diagnostics: loaded.warnings, outline: outline, mind: loaded.mind)
        } catch {
            return Check(diagnostics: error.diagnostics, outline: outline, mind: nil)
        }
    }
}
