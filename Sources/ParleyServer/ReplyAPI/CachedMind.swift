import Foundation
import ParleyMind

/// A compiled rulebase and, for a file, the file's state when it was read, to notice changes.
struct CachedMind: Sendable {
    /// What identifies one version of a file: its modification time and size.
    struct Stamp: Sendable, Hashable {
        var modified: Date
        var size: Int

        /// The file's current stamp; nil when it cannot be read.
        init?(path: String) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                let modified = attributes[.modificationDate] as? Date,
                let size = (attributes[.size] as? NSNumber)?.intValue
            else { return nil }
            self.modified = modified
            self.size = size
        }
    }

    /// The file's path, or the remote rulebase's URL.
    let path: String
    /// The file's stamp; nil for a remote rulebase, which never changes (URLs are immutable).
    let stamp: Stamp?
    let mind: Mind
    /// When it was last used, as the library's use counter (for LRU eviction).
    var lastUse: UInt64
}
