#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to the terminal for the `parley mind` commands.
enum MindTerminal {
    /// Writes `text` to standard output without a newline and flushes it (for prompts).
    static func write(_ text: String) {
        fputs(text, stdout)
        fflush(stdout)
    }

    /// Writes one line to standard error.
    static func error(_ line: String) {
        fputs(line + "\n", stderr)
    }

    /// True when standard output is a terminal (then prompts and line clearing make sense).
    static var isInteractive: Bool {
        isatty(STDOUT_FILENO) != 0 && isatty(STDIN_FILENO) != 0
    }
}
