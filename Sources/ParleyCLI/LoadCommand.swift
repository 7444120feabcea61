import ArgumentParser
import Foundation
import HummingbirdWSClient
import Logging
import ParleyCore

/// `parley load`: measures a running Parley server with many WebSocket people in an echo or bot task.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Measures a running Parley server: holds many WebSocket people and times round trips.",
        discussion: """
            First opens --connections people, each past its first message (at the overworld menu), in \
            waves of --wave, and reports the server's resident memory per connection when --server-pid \
            is given. Then --active of them choose the --task and send --messages messages each, one \
            at a time, timing every round trip: from sending a message to the first frame that \
            contains its probe. The message is --say with {probe} replaced by a token unique to the \
            message: the default suits an echo world; for a bot, say something its reply repeats \
            (for the demo mind: --say "call me {probe}"). Raise the open-file limit of both \
            processes (ulimit -n) above the number of connections. Use only against your own server.
            """
    )

    @Option(help: "The server's host.")
    var host = "127.0.0.1"

    @Option(help: "The server's port.")
    var port = 35496

    @Option(help: "People to connect and hold.")
    var connections = 1000

    @Option(help: "People connecting at once.")
    var wave = 250

    @Option(help: "People who then chat in the echo task (at most --connections).")
    var active = 100

    @Option(help: "Messages each active person sends, waiting for each echo.")
    var messages = 100

    @Option(help: "Messages per second, in all, that the active people send on a fixed schedule; 0 sends each message as soon as the last one is echoed.")
    var rate: Double = 0

    @Option(help: "The menu choice that starts the world the active people chat in.")
    var task = "echo"

    @Option(help: "What each message says; {probe} stands for a token the reply must contain.")
    var say = "{probe}"

    @Flag(help: "Use the ack extension: a round trip ends once the echo has come and the server has acknowledged (stored) the message.")
    var ack = false

    @Option(help: "The server's process id, to read its resident memory from /proc (default: memory is not measured).")
    var serverPID: Int32?

    func validate() throws {
        guard connections > 0, wave > 0, active >= 0, messages >= 0 else {
            throw ValidationError("--connections and --wave must be positive; --active and --messages 0 or more.")
        }
        guard rate >= 0 else { throw ValidationError("--rate \(rate) must be 0 or more messages per second.") }
        guard active <= connections else { throw ValidationError("--active \(active) is more than --connections \(connections).") }
        guard say.contains("{probe}") else { throw ValidationError("--say \"\(say)\" must contain {probe}.") }
    }

    func run() async throws {
        let logger = {
            var logger = Logger(label: "parley.load")
            logger.logLevel = .critical
            return logger
        }()
        let url = "ws://\(host):\(port)/websocket"
        let baseline = serverPID.flatMap(Self.residentBytes(pid:))
        // On a schedule, each active person sends every `interval`, and round trips count from the
        // planned send time, so a slow server cannot hide its delay by slowing the senders down.
        let interval: Duration? = rate > 0 ? .seconds(Double(active) / rate) : nil
        let start = LoadSignal()
        let stop = LoadSignal()
        let tally = LoadTally()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<connections {
                if index > 0, index % wave == 0 { await tally.waitForSettled(index) }
                let person = LoadPerson(
                    index: index, chats: index < active, task: task, say: say, messages: messages, interval: interval,
                    acknowledges: ack)
                group.addTask { await person.run(url: url, logger: logger, tally: tally, start: start, stop: stop) }
            }
            await tally.waitForSettled(connections)
            let failed = await tally.failures.count
            print("held \(connections - failed) connections (\(failed) failed)")
            if let baseline, let held = serverPID.flatMap(Self.residentBytes(pid:)) {
                let perConnection = Double(held - baseline) / Double(connections - failed) / 1024
                print(
                    "server resident memory \(baseline / 1_048_576) MiB idle, \(held / 1_048_576) MiB holding them: "
                        + String(format: "%.1f KiB per connection", perConnection)
                )
            }
            await start.fire()
            // Everyone stays connected until the last chat ends: the round trips are measured with all held.
            await tally.waitForChatsEnded(active)
            await stop.fire()
        }
        let failures = await tally.failures
        for failure in failures.prefix(5) { print(failure) }
        let window = await tally.window
        report(rounds: await tally.rounds, elapsed: window.map { $0.last - $0.first } ?? .zero)
        if !failures.isEmpty { throw ExitCode.failure }
    }

    private func report(rounds: [Duration], elapsed: Duration) {
        guard !rounds.isEmpty else {
            print("no round trips")
            return
        }
        let seconds = Self.milliseconds(elapsed) / 1000
        let sorted = rounds.sorted()
        func percentile(_ fraction: Double) -> String {
            let index = max(0, min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1))
            return String(format: "%.2f ms", Self.milliseconds(sorted[index]))
        }
        let planned = rate > 0 ? " at \(rate) messages/s planned" : ""
        print(
            "\(rounds.count) round trips by \(active) people\(planned) in "
                + String(format: "%.2f s (first send to last reply): %.0f messages/s", seconds, Double(rounds.count) / seconds)
        )
        print("round trip p50 \(percentile(0.5)), p99 \(percentile(0.99)), p99.9 \(percentile(0.999)), max \(percentile(1))")
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        duration.inSeconds * 1000
    }

    /// Resident memory of a process, from /proc/PID/status (Linux).
    private static func residentBytes(pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kibibytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return kibibytes * 1024
    }
}
