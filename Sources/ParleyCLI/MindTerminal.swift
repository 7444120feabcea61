import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to the terminal for the `parley mind` commands.
enum MindTerminal {
    /// Writes `text` to standard output at once, unbuffered (prompts need no newline). It
    /// never touches C stdio, whose locks a thread blocked reading standard input may hold.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes one line to standard output at once, unbuffered.
    static func line(_ text: String) {
        write(text + "\n")
    }

    /// Writes one line to standard error.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// True when standard input and output are a terminal (then prompts and line clearing make sense).
    static var isInteractive: Bool {
        isatty(STDOUT_FILENO) != 0 && isatty(STDIN_FILENO) != 0
    }
}
