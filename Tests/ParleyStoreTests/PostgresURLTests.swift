import Foundation
import Testing

@testable import ParleyStore

@Suite("PostgreSQL URLs")
struct PostgresURLTests {
    @Test(arguments: [
        "mysql://u:p@127.0.0.1/db", "postgres:///db", "postgres://127.0.0.1/db", "postgres://u:p@127.0.0.1/a/b",
        "postgres://u:p@127.0.0.1/db?sslmode=sometimes", "postgres://u:p@127.0.0.1/db?pool=3",
    ])
    func rejectsABadURLNamingItWithoutThePassword(_ url: String) async throws {
        let error = try await #require(throws: StoreError.self) { try await PostgresStore.connect(url: url) }
        #expect(error.kind == .invalidLocation)
        #expect(!error.description.contains(":p@"))
    }

    @Test func readsEveryPartOfTheURL() throws {
        let url = try PostgresURL("postgresql://ann%40home:s%3Acret@db.example:6543/parley?sslmode=disable")
        #expect(url.configuration.host == "db.example")
        #expect(url.configuration.port == 6543)
        #expect(url.configuration.username == "ann@home")
        #expect(url.configuration.password == "s:cret")
        #expect(url.configuration.database == "parley")
        #expect(url.redacted == "postgresql://ann%40home:***@db.example:6543/parley?sslmode=disable")
        #expect(try PostgresURL("postgres://u@localhost").configuration.port == 5432)
    }
}
