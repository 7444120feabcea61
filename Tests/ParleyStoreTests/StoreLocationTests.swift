import Foundation
import ParleyStore
import Testing

@Suite("Store locations (--store)")
struct StoreLocationTests {
    @Test func readsSQLiteAndPostgresLocations() throws {
        #expect(try StoreLocation(parsing: "sqlite:./data/parley.sqlite") == .sqlite(path: "./data/parley.sqlite"))
        let postgres = try StoreLocation(parsing: "postgres://parley:secret@127.0.0.1:5432/parley")
        #expect(postgres == .postgres(url: "postgres://parley:secret@127.0.0.1:5432/parley"))
        #expect(postgres.description == "postgres://parley:***@127.0.0.1:5432/parley")
        #expect(StoreLocation.default == .sqlite(path: "parley.sqlite"))
    }

    @Test(arguments: ["parley.sqlite", "sqlite:", "mysql://u:secret@h/db", "postgres://u:secret@/db", ""])
    func rejectsAnythingElse(_ text: String) throws {
        let error = try #require(throws: StoreError.self) { try StoreLocation(parsing: text) }
        #expect(error.kind == .invalidLocation)
        #expect(!error.description.contains("secret"))
    }

    @Test func opensASQLiteStore() async throws {
        let path = try temporaryDirectory().appendingPathComponent("opened.sqlite").path
        let store = try await StoreLocation.sqlite(path: path).open()
        try await store.append([message("hello", at: at(1))])
        try await store.close()
        #expect(try await SQLiteStore(path: path).messages(since: nil).map(\.text) == ["hello"])
    }
}
