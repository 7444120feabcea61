import Foundation
import Synchronization

/// Prints the conversation, keeping a `> ` prompt at the bottom when a person types at a terminal.
final class TerminalPrinter: Sendable {
    private let showsPrompt: Bool
    private let lock = Mutex(())

    init(showsPrompt: Bool) {
        self.showsPrompt = showsPrompt
    }

    /// Prints lines above the prompt, then shows the prompt again.
    func print(_ lines: [String]) {
        lock.withLock { _ in
            // Erase the prompt line first, so output never runs into it.
            var text = showsPrompt ? "\r\u{1B}[2K" : ""
            text += lines.map { $0 + "\n" }.joined()
            if showsPrompt {
                text += "> "
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// Shows the prompt after the person's own line.
    func prompt() {
        guard showsPrompt else { return }
        lock.withLock { _ in
            FileHandle.standardOutput.write(Data("> ".utf8))
        }
    }
}
