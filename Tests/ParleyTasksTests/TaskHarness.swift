import Foundation
import ParleyTasks
import ParleyTesting
import ParleyWorlds

/// The repository's `tasks/` folder.
let tasksFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("tasks")

extension WorldHarness {
    /// A runtime for one of `tasks/*.yml` with the built-in worlds.
    init(task file: String) throws {
        try self.init(config: TaskConfig.load(path: tasksFolder.appendingPathComponent(file).path), registry: .builtIn)
    }
}
