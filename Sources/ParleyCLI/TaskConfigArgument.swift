import ArgumentParser
import Foundation
import ParleyTasks
import ParleyWorlds

/// The `--config` option of the commands that run or read a task config.
enum TaskConfigArgument {
    /// The config file at `path`, else the demo config built into Parley.
    static func load(_ path: String?) throws -> TaskConfig {
        guard let path else { return try TaskConfig.parse(yaml: DemoFiles.config, file: "built-in demo config") }
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("No task config at \(path). Leave out --config to use the demo built into Parley.")
        }
        do {
            return try TaskConfig.load(path: path)
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}
