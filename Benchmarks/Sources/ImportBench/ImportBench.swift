import BenchSupport
import Foundation
import ParleyCore
import ParleyMind

/// Measures one mind over a corpus of conversations (a JSON list of inputs per line): the time to
/// load it, the memory it takes, and replies per second with their latencies on one thread, each
/// conversation starting from a fixed seed and going on with the data each reply returns.
@main
enum ImportBench {
    static func main() throws {
        var arguments = CommandLine.arguments.dropFirst()
        var seconds = 10.0
        var positional: [String] = []
        while let argument = arguments.popFirst() {
            if argument == "--seconds", let value = arguments.popFirst().flatMap(Double.init) {
                seconds = value
            } else {
                positional.append(argument)
            }
        }
        guard positional.count == 2 else {
            FileHandle.standardError.write(Data("usage: ImportBench MIND CORPUS.jsonl [--seconds N]\n".utf8))
            exit(2)
        }
        let corpus = try String(contentsOfFile: positional[1], encoding: .utf8).split(separator: "\n").map { line in
            try JSONValue.parse(String(line)).arrayValue?.compactMap(\.stringValue) ?? []
        }
        let before = ResidentMemory.bytes() ?? 0
        let clock = ContinuousClock()
        var mind: Mind?
        let load = try clock.measure {
            mind = try Mind.load(path: positional[0]) { try String(contentsOfFile: $0, encoding: .utf8) }.mind
        }
        guard let mind else { return }
        let after = ResidentMemory.bytes() ?? 0
        print("load: \(format(load)) s, memory: \((after - before) / 1_048_576) MiB more, \(after / 1_048_576) MiB resident")

        var latencies: [UInt64] = []
        latencies.reserveCapacity(1 << 20)
        let deadline = clock.now.advanced(by: .seconds(seconds))
        let start = clock.now
        var replies = 0
        outer: while true {
            for conversation in corpus {
                var data = ConversationData(seed: 1)
                for input in conversation {
                    let began = clock.now
                    data = try mind.reply(to: input, data: data, time: Date()).data
                    let took = began.duration(to: clock.now)
                    latencies.append(UInt64(took.inSeconds * 1e9))
                    replies += 1
                }
                if clock.now >= deadline { break outer }
            }
        }
        let elapsed = start.duration(to: clock.now)
        let stats = LatencyStats(latencies)
        let rate = Double(replies) / elapsed.inSeconds
        print("replies: \(replies) in \(format(elapsed)) s: \(Int(rate)) replies/s, "
            + "p50 \(String(format: "%.3f", stats.percentile(0.5))) ms, p99 \(String(format: "%.3f", stats.percentile(0.99))) ms, "
            + "max \(String(format: "%.3f", stats.maximum)) ms")
    }

    private static func format(_ duration: Duration) -> String {
        String(format: "%.2f", duration.inSeconds)
    }
}
