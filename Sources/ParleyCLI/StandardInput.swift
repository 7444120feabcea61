import Foundation

/// Lines typed on standard input, read on a thread of their own so no task blocks on the terminal.
enum StandardInput {
    /// Every line until end of input.
    static func lines() -> AsyncStream<String> {
        let (lines, continuation) = AsyncStream.makeStream(of: String.self)
        let reader = Thread {
            while let line = readLine(strippingNewline: true) {
                continuation.yield(line)
            }
            continuation.finish()
        }
        reader.start()
        return lines
    }

    /// True when a person types at a terminal (not a pipe or a file).
    static var isTerminal: Bool {
        isatty(FileHandle.standardInput.fileDescriptor) != 0
    }
}
