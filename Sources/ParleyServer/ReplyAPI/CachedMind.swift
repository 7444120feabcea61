import Foundation
import ParleyMind

/// A compiled rulebase and, for a file, the file's state when it was read, to notice changes.
struct CachedMind: Sendable {
    /// What identifies one version of a file: its modification time and size.
    struct Stamp: Sendable, Hashable {
        var modified: Date
        var size: Int

        /// The file's current stamp; nil when it cannot be read. One `stat` call: it runs on
        /// every request for a named mind.
        init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            #if canImport(Darwin)
            let time = status.st_mtimespec
            #else
            let time = status.st_mtim
            #endif
            modified = Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
            size = Int(status.st_size)
        }
    }

    /// The file's path, or the remote rulebase's URL.
    let path: String
    /// The file's stamp; nil for a remote rulebase, which never changes (URLs are immutable).
    let stamp: Stamp?
    let mind: Mind

    init(path: String, stamp: Stamp?, mind: Mind, lastUse: UInt64) {
        self.path = path
        self.stamp = stamp
        self.mind = mind
        self.lastUse = lastUse
    }
    /// When it was last used, as the library's use counter (for LRU eviction).
    var lastUse: UInt64
    /// The stamp of a later version of the file that failed to compile (this one still answers).
    var failed: Stamp?
}
