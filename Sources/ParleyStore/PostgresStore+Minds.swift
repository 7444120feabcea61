import Foundation
import PostgresNIO

extension PostgresStore: MindStore {
    public func studioMinds() async throws -> [StudioMind] {
        try await studioMinds(try await client.query(Self.mindQuery(nil), logger: logger))
    }

    public func studioMind(named name: String) async throws -> StudioMind? {
        try await studioMinds(try await client.query(Self.mindQuery(name), logger: logger)).first
    }

    public func createStudioMind(_ name: String, source: String, tests: String, time: Date) async throws -> StudioMind {
        let rows = try await client.query(
            """
            INSERT INTO parley_studio_mind (name, source, tests, revision, updated)
            VALUES (\(name), \(source), \(tests), 1, 'epoch'::timestamptz + interval '1 microsecond' * \(time.microsecondsSince1970))
            ON CONFLICT (name) DO NOTHING RETURNING 1
            """, logger: logger)
        var created = false
        for try await _ in rows.decode(Int32.self) { created = true }
        guard created else { throw MindStoreError.nameTaken(name) }
        return StudioMind(name: name, source: source, tests: tests, revision: 1, updated: time, latestVersion: nil)
    }

    public func saveDraft(_ name: String, source: String, tests: String, basedOn: Int64?, time: Date) async throws -> StudioMind {
        try await inTransaction { connection in
            let found = try await self.studioMinds(
                try await connection.query(Self.mindQuery(name, forUpdate: true), logger: self.logger))
            guard var mind = found.first else { throw MindStoreError.missing(name) }
            if let basedOn, basedOn != mind.revision { throw MindStoreError.stale(current: mind) }
            mind.source = source
            mind.tests = tests
            mind.revision += 1
            mind.updated = time
            try await connection.query(
                """
                UPDATE parley_studio_mind SET source = \(source), tests = \(tests), revision = \(mind.revision),
                    updated = 'epoch'::timestamptz + interval '1 microsecond' * \(time.microsecondsSince1970)
                WHERE name = \(name)
                """, logger: self.logger)
            return mind
        }
    }

    public func renameStudioMind(_ name: String, to newName: String) async throws {
        try await inTransaction { connection in
            let taken = try await self.studioMinds(try await connection.query(Self.mindQuery(newName), logger: self.logger))
            guard taken.isEmpty else { throw MindStoreError.nameTaken(newName) }
            let rows = try await connection.query(
                "UPDATE parley_studio_mind SET name = \(newName) WHERE name = \(name) RETURNING 1", logger: self.logger)
            var renamed = false
            for try await _ in rows.decode(Int32.self) { renamed = true }
            guard renamed else { throw MindStoreError.missing(name) }
        }
    }

    public func deleteStudioMind(_ name: String) async throws {
        let rows = try await client.query("DELETE FROM parley_studio_mind WHERE name = \(name) RETURNING 1", logger: logger)
        var deleted = false
        for try await _ in rows.decode(Int32.self) { deleted = true }
        guard deleted else { throw MindStoreError.missing(name) }
    }

    public func publish(_ name: String, source: String, hash: String, time: Date) async throws -> MindVersion {
        try await inTransaction { connection in
            // The mind's row is locked, so two publishes of one mind take numbers one after the other.
            let found = try await self.studioMinds(
                try await connection.query(Self.mindQuery(name, forUpdate: true), logger: self.logger))
            guard let mind = found.first else { throw MindStoreError.missing(name) }
            let last = mind.latestVersion ?? 0
            try await connection.query(
                """
                UPDATE parley_mind_version SET superseded = 'epoch'::timestamptz + interval '1 microsecond' * \(time.microsecondsSince1970)
                WHERE mind = \(name) AND number = \(Int32(last))
                """, logger: self.logger)
            try await connection.query(
                """
                INSERT INTO parley_mind_version (mind, number, source, hash, published)
                VALUES (\(name), \(Int32(last + 1)), \(source), \(hash), 'epoch'::timestamptz + interval '1 microsecond' * \(time.microsecondsSince1970))
                """, logger: self.logger)
            return MindVersion(mind: name, number: last + 1, source: source, hash: hash, published: time, superseded: nil)
        }
    }

    public func versions(of name: String) async throws -> [MindVersion] {
        try await versions(try await client.query(Self.versionQuery(name, number: nil, latest: false), logger: logger))
    }

    public func version(_ number: Int, of name: String) async throws -> MindVersion? {
        try await versions(try await client.query(Self.versionQuery(name, number: number, latest: false), logger: logger)).first
    }

    public func latestVersion(of name: String) async throws -> MindVersion? {
        try await versions(try await client.query(Self.versionQuery(name, number: nil, latest: true), logger: logger)).first
    }

    public func reviewedExchanges(mind: String, since: Date, until: Date, limit: Int) async throws -> [ReviewedExchange] {
        let rows = try await client.query(
            """
            SELECT input, rule, (extract(epoch FROM time) * 1000000)::int8, version FROM parley_exchange
            WHERE mind = \(mind) AND time >= 'epoch'::timestamptz + interval '1 microsecond' * \(since.microsecondsSince1970) AND time < 'epoch'::timestamptz + interval '1 microsecond' * \(until.microsecondsSince1970)
            ORDER BY time DESC LIMIT \(Int64(limit))
            """, logger: logger)
        var exchanges: [ReviewedExchange] = []
        for try await (input, rule, time, version) in rows.decode((String, String?, Int64, Int32?).self) {
            exchanges.append(ReviewedExchange(
                input: input, rule: rule, time: Date(microsecondsSince1970: time), version: version.map(Int.init)))
        }
        return exchanges
    }

    private static func mindQuery(_ name: String?, forUpdate: Bool = false) -> PostgresQuery {
        """
        SELECT name, source, tests, revision, (extract(epoch FROM updated) * 1000000)::int8,
            (SELECT max(number) FROM parley_mind_version WHERE mind = m.name)
        FROM parley_studio_mind m WHERE \(name)::text IS NULL OR name = \(name)
        ORDER BY name \(unescaped: forUpdate ? "FOR UPDATE" : "")
        """
    }

    private static func versionQuery(_ name: String, number: Int?, latest: Bool) -> PostgresQuery {
        let selected = number.map(Int32.init)
        return """
            SELECT mind, number, source, hash, (extract(epoch FROM published) * 1000000)::int8,
                (extract(epoch FROM superseded) * 1000000)::int8
            FROM parley_mind_version WHERE mind = \(name) AND (\(selected)::int4 IS NULL OR number = \(selected))
            ORDER BY number DESC \(unescaped: latest ? "LIMIT 1" : "")
            """
    }

    private func studioMinds(_ rows: PostgresRowSequence) async throws -> [StudioMind] {
        var minds: [StudioMind] = []
        for try await (name, source, tests, revision, updated, latest) in rows.decode(
            (String, String, String, Int64, Int64, Int32?).self)
        {
            minds.append(StudioMind(
                name: name, source: source, tests: tests, revision: revision,
                updated: Date(microsecondsSince1970: updated), latestVersion: latest.map(Int.init)))
        }
        return minds
    }

    private func versions(_ rows: PostgresRowSequence) async throws -> [MindVersion] {
        var versions: [MindVersion] = []
        for try await (mind, number, source, hash, published, superseded) in rows.decode(
            (String, Int32, String, String, Int64, Int64?).self)
        {
            versions.append(MindVersion(
                mind: mind, number: Int(number), source: source, hash: hash,
                published: Date(microsecondsSince1970: published),
                superseded: superseded.map(Date.init(microsecondsSince1970:))))
        }
        return versions
    }
}
