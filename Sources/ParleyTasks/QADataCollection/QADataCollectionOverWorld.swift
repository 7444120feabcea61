import ParleyWorlds

/// QA data collection has no menu: the overworld sends the person straight to the task.
public actor QADataCollectionOverWorld: Overworld {
    private let task: String

    public init(context: WorldContext) {
        task = context.taskNames.contains("default") ? "default" : context.taskNames.first ?? "default"
    }

    public func parley() -> String? {
        task
    }
}
