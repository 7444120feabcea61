import Foundation

/// The built `parley` executable, run as a child process with piped standard input and output.
final class ParleyProcess: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The executable beside the test bundle, when the build made it.
    static var executable: URL? {
        let url = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("parley")
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        let sibling = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("parley")
        return FileManager.default.isExecutableFile(atPath: sibling.path) ? sibling : nil
    }

    private let process: Process
    private let input: Pipe
    private let lines: LineReader
    private let exited: AsyncStream<Int32>

    init(_ arguments: [String], directory: URL? = nil) throws {
        guard let executable = Self.executable else { throw Failure(description: "no parley executable beside the tests") }
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let (chunks, chunkContinuation) = AsyncStream.makeStream(of: Data.self)
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                chunkContinuation.finish()
            } else {
                chunkContinuation.yield(data)
            }
        }
        lines = LineReader(chunks: chunks)
        let (exited, exitContinuation) = AsyncStream.makeStream(of: Int32.self)
        self.exited = exited
        process.terminationHandler = { process in
            exitContinuation.yield(process.terminationStatus)
            exitContinuation.finish()
        }
        try process.run()
    }

    /// Types a line on the process's standard input.
    func type(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// The next line the process printed; nil at end of output.
    func nextLine() async -> String? {
        await lines.next()
    }

    /// Lines up to and including the first one that satisfies `match`.
    func lines(through match: (String) -> Bool) async throws -> [String] {
        var seen: [String] = []
        while let line = await nextLine() {
            seen.append(line)
            if match(line) { return seen }
        }
        throw Failure(description: "output ended before the expected line; got \(seen)")
    }

    func interrupt() {
        process.interrupt()
    }

    /// Waits for the process to end; returns its exit status.
    func waitForExit() async -> Int32 {
        for await status in exited { return status }
        return process.terminationStatus
    }
}

/// Splits output chunks into lines.
actor LineReader {
    private var chunks: AsyncStream<Data>.AsyncIterator
    private var buffer = Data()

    init(chunks: AsyncStream<Data>) {
        self.chunks = chunks.makeAsyncIterator()
    }

    func next() async -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            var chunks = self.chunks
            let chunk = await chunks.next(isolation: self)
            self.chunks = chunks
            guard let chunk else {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            buffer.append(chunk)
        }
    }
}
