/// Everything Parley keeps, transcripts, users' conversation state, handled service events and the
/// studio's minds, in one store.
public protocol DataStore: TranscriptStore, UserStateStore, EventLedger, MindStore {
    /// Releases the file or the connections; later calls fail.
    func close() async throws
}

extension SQLiteStore: DataStore {}

extension PostgresStore: DataStore {}
