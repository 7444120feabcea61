/// Everything Parley keeps, transcripts and users' conversation state, in one store.
public protocol DataStore: TranscriptStore, UserStateStore {
    /// Releases the file or the connections; later calls fail.
    func close() async throws
}

extension SQLiteStore: DataStore {}

extension PostgresStore: DataStore {}
