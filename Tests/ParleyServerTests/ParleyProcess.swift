import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process with piped standard input and output: the built `parley` executable, or another
/// program a test needs (e.g. chromedriver).
///
/// Spawned with `posix_spawn` so that the child gets only its three standard descriptors: a pipe of
/// one test never leaks into another test's child, so end of output arrives when the child exits.
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

    private let pid: pid_t
    private let input: Int32
    private let lines: LineReader
    private let exited: AsyncStream<Int32>

    /// Runs the built `parley` with `arguments`; its standard error is read as output too when
    /// `readingErrors`.
    convenience init(_ arguments: [String], directory: URL? = nil, readingErrors: Bool = false) throws {
        guard let executable = Self.executable else { throw Failure(description: "no parley executable beside the tests") }
        try self.init(executable: executable, arguments: arguments, directory: directory, readingErrors: readingErrors)
    }

    /// Runs `executable` with `arguments`.
    init(executable: URL, arguments: [String], directory: URL? = nil, readingErrors: Bool = false) throws {
        var inputPipe: [Int32] = [-1, -1]
        var outputPipe: [Int32] = [-1, -1]
        guard pipe(&inputPipe) == 0 else { throw Failure(description: "pipe: errno \(errno)") }
        guard pipe(&outputPipe) == 0 else {
            inputPipe.forEach { close($0) }
            throw Failure(description: "pipe: errno \(errno)")
        }
        defer {
            close(inputPipe[0])
            close(outputPipe[1])
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inputPipe[0], STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], STDOUT_FILENO)
        if readingErrors {
            posix_spawn_file_actions_adddup2(&actions, outputPipe[1], STDERR_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        }
        try SpawnExtensions.closeFrom(STDERR_FILENO + 1, &actions)
        if let directory { try SpawnExtensions.changeDirectory(directory.path, &actions) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            close(inputPipe[1])
            close(outputPipe[0])
            throw Failure(description: "posix_spawn \(executable.path): error \(spawned)")
        }
        let child = pid
        self.pid = child
        input = inputPipe[1]

        let output = outputPipe[0]
        let (chunks, chunkContinuation) = AsyncStream.makeStream(of: Data.self)
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 16_384)
            while true {
                let count = read(output, &buffer, buffer.count)
                if count > 0 {
                    chunkContinuation.yield(Data(buffer[0..<count]))
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            close(output)
            chunkContinuation.finish()
        }
        lines = LineReader(chunks: chunks)

        let (exited, exitContinuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
        self.exited = exited
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(child, &status, 0) < 0 && errno == EINTR {}
            let signalled = status & 0x7f
            exitContinuation.yield(signalled == 0 ? (status >> 8) & 0xff : 128 + signalled)
            exitContinuation.finish()
        }
    }

    deinit {
        close(input)
    }

    /// Types a line on the process's standard input.
    func type(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            written += count
        }
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

    /// Sends SIGINT, as Control-C in a terminal would.
    func interrupt() {
        kill(pid, SIGINT)
    }

    /// Sends SIGKILL: the process dies at once, with no chance to shut down or flush anything.
    func killAbruptly() {
        kill(pid, SIGKILL)
    }

    /// Sends SIGTERM, asking the process to end.
    func terminate() {
        kill(pid, SIGTERM)
    }

    /// Waits for the process to end; returns its exit status, or 128 plus the signal that ended it.
    func waitForExit() async -> Int32 {
        for await status in exited { return status }
        return -1
    }
}

/// The glibc `posix_spawn` file actions that Swift's Glibc module does not import.
private enum SpawnExtensions {
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    static func closeFrom(_ descriptor: Int32, _ actions: inout posix_spawn_file_actions_t) throws {
        let function = unsafeBitCast(try symbol("posix_spawn_file_actions_addclosefrom_np"), to: CloseFrom.self)
        guard function(&actions, descriptor) == 0 else { throw ParleyProcess.Failure(description: "addclosefrom_np failed") }
    }

    static func changeDirectory(_ path: String, _ actions: inout posix_spawn_file_actions_t) throws {
        let function = unsafeBitCast(try symbol("posix_spawn_file_actions_addchdir_np"), to: ChangeDirectory.self)
        guard function(&actions, path) == 0 else { throw ParleyProcess.Failure(description: "addchdir_np failed") }
    }

    private static func symbol(_ name: String) throws -> UnsafeMutableRawPointer {
        guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
            throw ParleyProcess.Failure(description: "this C library has no \(name)")
        }
        return pointer
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
