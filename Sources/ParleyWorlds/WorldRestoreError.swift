/// Why a saved world could not be saved or made again.
enum WorldRestoreError: Error, CustomStringConvertible {
    /// The world is not of the type registered under its name.
    case notRestorable(String)
    /// The config no longer has the task, or the task no longer runs that world.
    case noLongerConfigured(task: String, world: String)

    var description: String {
        switch self {
        case .notRestorable(let name): "world \(name) is not of the restorable type registered under that name"
        case .noLongerConfigured(let task, let world):
            "the config has no task \(task) running the restorable world \(world) any more"
        }
    }
}
