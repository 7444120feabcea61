/// One entry under `tasks:` in a task config: the worlds a person goes through for that choice.
public struct TaskSpec: Sendable, Equatable {
    /// The task's name: the key under `tasks:`, what an overworld returns to pick it.
    public var name: String
    /// `onboard_world`: the world run once each time a person picks the task, if any.
    public var onboardWorld: String?
    /// `task_world`: the conversation world.
    public var taskWorld: String
    /// `timeout`: the longest a person waits in this task's pool before being moved on.
    public var timeout: Duration
    /// `agents_required`: people per world.
    public var agentsRequired: Int
    /// `backup_task`: where a person goes when the pool wait times out (else the overworld).
    public var backupTask: String?
    /// `response_timeout` (Parley): the longest a person may take to answer in this task's worlds.
    public var responseTimeout: Duration?
    /// `rating` (Parley): asked of each person at the end of a completed task world; nil for none.
    public var rating: RatingQuestion?
    /// `allowed_people` (Parley): the only people who may take the task (ids), or the path of a
    /// file listing them one per line, read at each start; nil for everyone.
    public var allowedPeople: AllowedPeople?

    public init(
        name: String, onboardWorld: String? = nil, taskWorld: String, timeout: Duration = .seconds(300),
        agentsRequired: Int = 1, backupTask: String? = nil, responseTimeout: Duration? = nil,
        rating: RatingQuestion? = nil, allowedPeople: AllowedPeople? = nil
    ) {
        self.name = name
        self.onboardWorld = onboardWorld
        self.taskWorld = taskWorld
        self.timeout = timeout
        self.agentsRequired = agentsRequired
        self.backupTask = backupTask
        self.responseTimeout = responseTimeout
        self.rating = rating
        self.allowedPeople = allowedPeople
    }
}
