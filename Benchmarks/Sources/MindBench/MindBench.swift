import BenchSupport
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ParleyMind

/// Measures the Mind engine on generated minds of 1k, 10k and 100k rules: load time, reply
/// latency percentiles, replies per second on one core and resident memory. Prints Markdown.
///
/// Usage: MindBench [--sizes 1000,10000,100000] [--replies 100000] [--no-yaml] [--cpu-time] [--emit DIR]
///
/// `--cpu-time` times with the thread's CPU clock instead of the monotonic clock, so that time
/// the thread spends waiting for a core (on a machine shared with other work) is not counted.
@main
struct MindBench {
    /// What one input is, for the per-class latency table.
    enum InputClass: String, CaseIterable {
        case short = "short text"
        case long = "long text (40-300 words)"
        case control = "control"

        init(_ input: String) {
            if input.hasPrefix("[") {
                self = .control
            } else if input.utf8.count > 200 {
                self = .long
            } else {
                self = .short
            }
        }
    }

    struct Result {
        let rules: Int
        let jsonBytes: Int
        /// The first load in the process, and the median of all loads.
        let firstLoadJSON: Double
        let loadJSON: Double
        let loadYAML: Double?
        let mindMemory: Int
        let resident: Int
        let latency: LatencyStats
        let byClass: [(InputClass, LatencyStats)]
        let repliesPerSecond: Double
        let conversations: Int
        /// Mean respond candidates ranked per turn, and mean checked (matched) before the winner.
        let rankedPerTurn: Double
        let checkedPerTurn: Double
    }

    static func main() throws {
        var sizes = [1_000, 10_000, 100_000]
        var replies = 100_000
        var yaml = true
        var clock = CLOCK_MONOTONIC
        var emit: String?
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--sizes":
                sizes = (arguments.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }
            case "--replies":
                replies = Int(arguments.popFirst() ?? "") ?? replies
            case "--no-yaml":
                yaml = false
            case "--cpu-time":
                clock = CLOCK_THREAD_CPUTIME_ID
            case "--emit":
                emit = arguments.popFirst()
            default:
                FileHandle.standardError.write(Data("usage: MindBench [--sizes 1000,10000] [--replies N] [--no-yaml] [--cpu-time] [--emit DIR]\n".utf8))
                exit(2)
            }
        }
        if let emit {
            // The generated minds as files (mind-N.json), for benchmarks outside this program.
            for size in sizes {
                var generator = MindGenerator(seed: 0x5EED_0000 + UInt64(size), vocabularySize: min(20_000, 500 + size / 5))
                let path = "\(emit)/mind-\(size).json"
                try generator.generate(rules: size).json.write(toFile: path, atomically: true, encoding: .utf8)
                print(path)
            }
            return
        }
        var results: [Result] = []
        for size in sizes {
            FileHandle.standardError.write(Data("measuring \(size) rules...\n".utf8))
            results.append(try measure(rules: size, replies: replies, yaml: yaml, clock: clock))
        }
        print(table(results, replies: replies, cpuTime: clock == CLOCK_THREAD_CPUTIME_ID))
    }

    static func measure(rules: Int, replies: Int, yaml: Bool, clock: clockid_t) throws -> Result {
        func now() -> UInt64 { MindBench.now(clock) }
        var generator = MindGenerator(seed: 0x5EED_0000 + UInt64(rules), vocabularySize: min(20_000, 500 + rules / 5))
        let generated = generator.generate(rules: rules)
        let before = ResidentMemory.bytes() ?? 0

        var start = now()
        let loaded = try Mind.load(text: generated.json, format: .json)
        var loadTimes = [Double(now() - start) / 1e6]
        let afterLoad = ResidentMemory.bytes() ?? 0
        let mind = loaded.mind
        if !loaded.warnings.isEmpty {
            FileHandle.standardError.write(Data("  \(loaded.warnings.count) warnings, e.g. \(loaded.warnings[0])\n".utf8))
        }
        // More loads for a steadier median: at least three, and up to five while they take under
        // two seconds in all. Each loaded mind is kept until the loads are done, so that freeing
        // one is not timed as part of the next load (and each load takes fresh memory, as the
        // first one in a process does).
        var kept: [LoadedMind] = []
        while loadTimes.count < 3
            || loadTimes.count < 5 && loadTimes.reduce(0, +) * Double(loadTimes.count + 1) / Double(loadTimes.count) < 2_000
        {
            start = now()
            let again = try Mind.load(text: generated.json, format: .json)
            loadTimes.append(Double(now() - start) / 1e6)
            kept.append(again)
        }
        kept.removeAll()
        var loadYAML: Double?
        if yaml {
            start = now()
            let fromYAML = try Mind.load(text: generated.json, format: .yaml)
            loadYAML = Double(now() - start) / 1e6
            withExtendedLifetime(fromYAML) {}
        }

        let inputs = InputGenerator.inputs(count: replies, for: generated, seed: 7 + UInt64(rules))
        let conversations = 64
        var data = (0..<conversations).map { ConversationData(seed: UInt64($0)) }
        for (index, input) in inputs.prefix(2_000).enumerated() {
            data[index % conversations] = try mind.reply(to: input, data: data[index % conversations]).data
        }

        // How many respond candidates a turn ranks, and how many it checks before the winner.
        var ranked = 0
        var checked = 0
        for (index, input) in inputs.prefix(2_000).enumerated() {
            var trace = TurnTrace()
            _ = try mind.reply(to: input, data: data[index % conversations], trace: &trace)
            ranked += trace.candidates.count
            checked += trace.candidates.count { $0.outcome != .outranked }
        }

        var samples = [UInt64](repeating: 0, count: inputs.count)
        for (index, input) in inputs.enumerated() {
            let slot = index % conversations
            let began = now()
            let reply = try mind.reply(to: input, data: data[slot])
            samples[index] = now() - began
            data[slot] = reply.data
        }
        start = now()
        for (index, input) in inputs.enumerated() {
            let slot = index % conversations
            data[slot] = try mind.reply(to: input, data: data[slot]).data
        }
        let elapsed = Double(now() - start) / 1e9

        var classes: [InputClass: [UInt64]] = [:]
        for (index, input) in inputs.enumerated() { classes[InputClass(input), default: []].append(samples[index]) }
        return Result(
            rules: generated.ruleCount, jsonBytes: generated.json.utf8.count,
            firstLoadJSON: loadTimes[0], loadJSON: loadTimes.sorted()[loadTimes.count / 2], loadYAML: loadYAML,
            mindMemory: afterLoad - before, resident: ResidentMemory.bytes() ?? 0,
            latency: LatencyStats(samples),
            byClass: InputClass.allCases.compactMap { kind in classes[kind].map { (kind, LatencyStats($0)) } },
            repliesPerSecond: Double(inputs.count) / elapsed, conversations: conversations,
            rankedPerTurn: Double(ranked) / Double(min(2_000, inputs.count)),
            checkedPerTurn: Double(checked) / Double(min(2_000, inputs.count))
        )
    }

    static func table(_ results: [Result], replies: Int, cpuTime: Bool) -> String {
        func ms(_ value: Double) -> String { String(format: value < 1 ? "%.4f" : "%.1f", value) }
        func mb(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_048_576) }
        var lines = [
            "| rules | JSON size (MB) | first load JSON (ms) | load JSON (ms) | load YAML (ms) | mind memory (MB) | process RSS (MB) | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | replies/s (1 core) | candidates ranked / checked per turn |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for result in results {
            lines.append(
                "| \(result.rules) | \(mb(result.jsonBytes)) | \(ms(result.firstLoadJSON)) | \(ms(result.loadJSON)) | \(result.loadYAML.map(ms) ?? "-") "
                    + "| \(mb(result.mindMemory)) | \(mb(result.resident)) | \(ms(result.latency.percentile(0.5))) "
                    + "| \(ms(result.latency.percentile(0.99))) | \(ms(result.latency.percentile(0.999))) "
                    + "| \(ms(result.latency.maximum)) | \(Int(result.repliesPerSecond)) "
                    + "| \(String(format: "%.0f / %.0f", result.rankedPerTurn, result.checkedPerTurn)) |")
        }
        lines.append("")
        lines.append("Reply latency by kind of input (ms):")
        lines.append("")
        lines.append("| rules | input | share | p50 | p99 | p99.9 |")
        lines.append("|---:|---|---:|---:|---:|---:|")
        for result in results {
            for (kind, stats) in result.byClass {
                lines.append(
                    "| \(result.rules) | \(kind.rawValue) | \(String(format: "%.0f%%", 100 * Double(stats.count) / Double(replies))) "
                        + "| \(ms(stats.percentile(0.5))) | \(ms(stats.percentile(0.99))) | \(ms(stats.percentile(0.999))) |")
            }
        }
        lines.append("")
        lines.append(
            "\(replies) replies per size over \(results.first?.conversations ?? 0) interleaved conversations "
                + "(data carried from turn to turn); a load is the first in the process, then the median of three to five (each mind kept, so each load takes fresh memory); "
                + "mind memory is the resident-memory growth over one JSON load (freed heap trimmed before each reading); "
                + (cpuTime ? "times are the thread's CPU time." : "times are wall-clock time."))
        return lines.joined(separator: "\n")
    }

    /// Nanoseconds of `clock`.
    static func now(_ clock: clockid_t) -> UInt64 {
        var time = timespec()
        clock_gettime(clock, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
