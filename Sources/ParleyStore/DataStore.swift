/// Everything Parley keeps, transcripts, users' conversation state and handled service events, in one store.
public protocol DataStore: TranscriptStore, UserStateStore, EventLedger {
    /// Releases the file or the connections; later calls fail.
    func close() async throws
}

extension SQLiteStore: DataStore {}

extension PostgresStore: DataStore {}
