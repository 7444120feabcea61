/// Why the store refused a change to a studio mind.
public enum MindStoreError: Error, Sendable, Hashable {
    /// No studio mind has that name.
    case missing(String)
    /// A studio mind already has that name.
    case nameTaken(String)
    /// The draft was saved since the revision the change was based on; here is the current one.
    case stale(current: StudioMind)
}
