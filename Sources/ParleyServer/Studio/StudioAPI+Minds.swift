import Foundation
import Hummingbird
import ParleyCore
import ParleyMind
import ParleyStore

extension StudioAPI {
    /// `GET /studio/api/minds`: the studio's minds, then the read-only ones loaded at start.
    func list() async throws -> Response {
        let studio = try await store.studioMinds()
        var entries: [JSONValue] = studio.map { mind in
            [
                "name": .string(mind.name), "editable": true, "origin": "studio",
                "latestVersion": mind.latestVersion.map { .number(Double($0)) } ?? .null,
                "updated": .string(StudioJSON.date(mind.updated)),
            ]
        }
        for (name, _, _) in minds.listing {
            entries.append(["name": .string(name), "editable": false, "origin": .string(origin(of: name)), "latestVersion": nil, "updated": nil])
        }
        return Self.json(["minds": .array(entries)])
    }

    /// Where a mind loaded at start comes from: `folder`, `built-in` or `option` (`--mind`).
    private func origin(of name: String) -> String {
        if minds.folderNames.contains(name) { return "folder" }
        return minds.listing.first { $0.name == name }?.source == "built into Parley" ? "built-in" : "option"
    }

    /// `POST /studio/api/minds`: a new mind from `name`, `source` and optional `tests`.
    func create(_ body: [String: JSONValue]) async throws -> Response {
        guard let name = try ReplyRequest.text(body, "name") else { throw ReplyAPIError.invalidRequest("give the new mind's name") }
        let source = try ReplyRequest.text(body, "source") ?? Self.template(name)
        return try await add(name, source: source, tests: try ReplyRequest.text(body, "tests") ?? Self.emptyTests)
    }

    /// Stores a new mind under a name no mind has (409 otherwise).
    private func add(_ name: String, source: String, tests: String) async throws -> Response {
        try Self.checkName(name)
        try refuseTaken(name)
        let mind = try await storeCall { try await store.createStudioMind(name, source: source, tests: tests, time: Date()) }
        let check = await workbench.check(source)
        var response = Self.json(
            ["name": .string(name), "revision": .number(Double(mind.revision)), "diagnostics": StudioJSON.diagnostics(check.diagnostics)],
            status: .created)
        response.headers[.eTag] = Self.entityTag(mind.revision)
        return response
    }

    /// 409 when a mind loaded at start has `name` (the store refuses its own names itself).
    private func refuseTaken(_ name: String) throws(ReplyAPIError) {
        guard !minds.isLoaded(name) else { throw Self.taken(name) }
    }

    static func taken(_ name: String) -> ReplyAPIError {
        ReplyAPIError(status: .conflict, code: "name_taken", message: "a mind named \"\(name)\" exists already; choose another name")
    }

    /// `GET /studio/api/minds/{name}`: the draft (or a read-only mind's text) with its diagnostics and outline.
    func read(_ name: String) async throws -> Response {
        let studio = try await store.studioMind(named: name)
        guard let source = studio?.source ?? minds.source(of: name) else { throw Self.notFound(name) }
        let check = await workbench.check(source)
        var response = Self.json([
            "name": .string(name), "editable": .bool(studio != nil), "origin": .string(studio != nil ? "studio" : origin(of: name)),
            "source": .string(source), "tests": .string(studio?.tests ?? Self.emptyTests),
            "revision": .number(Double(studio?.revision ?? 0)),
            "latestVersion": studio?.latestVersion.map { .number(Double($0)) } ?? .null,
            "diagnostics": StudioJSON.diagnostics(check.diagnostics),
            "outline": StudioJSON.outline(await workbench.outline(source)),
        ])
        if let studio { response.headers[.eTag] = Self.entityTag(studio.revision) }
        return response
    }

    /// `PUT /studio/api/minds/{name}`: saves the draft; with a stale `If-Match`, 412 and the current draft.
    func save(_ name: String, _ body: [String: JSONValue], ifMatch: String?) async throws -> Response {
        guard let source = try ReplyRequest.text(body, "source") else { throw ReplyAPIError.invalidRequest("give the draft's source") }
        try refuseReadOnly(name)
        var basedOn: Int64?
        if let ifMatch, ifMatch != "*" {
            guard let revision = Int64(ifMatch.trimmingCharacters(in: CharacterSet(charactersIn: "W/\" "))) else {
                throw ReplyAPIError.invalidRequest("If-Match must be the ETag of a GET or PUT, e.g. \"3\"")
            }
            basedOn = revision
        }
        let tests: String
        if let given = try ReplyRequest.text(body, "tests") {
            tests = given
        } else {
            guard let current = try await store.studioMind(named: name) else { throw Self.notFound(name) }
            tests = current.tests
        }
        let mind: StudioMind
        do {
            mind = try await store.saveDraft(name, source: source, tests: tests, basedOn: basedOn, time: Date())
        } catch MindStoreError.stale(let current) {
            var response = Self.json(
                [
                    "error": ["code": "stale_draft", "message": .string(
                        "the draft was saved by someone else since revision \(basedOn ?? 0): it is at revision \(current.revision)")],
                    "current": [
                        "source": .string(current.source), "tests": .string(current.tests),
                        "revision": .number(Double(current.revision)),
                    ],
                ], status: .preconditionFailed)
            response.headers[.eTag] = Self.entityTag(current.revision)
            return response
        } catch let error as MindStoreError {
            throw Self.converted(error)
        }
        let check = await workbench.check(source)
        var response = Self.json([
            "revision": .number(Double(mind.revision)), "diagnostics": StudioJSON.diagnostics(check.diagnostics),
            "outline": StudioJSON.outline(await workbench.outline(source)),
        ])
        response.headers[.eTag] = Self.entityTag(mind.revision)
        return response
    }

    /// `DELETE /studio/api/minds/{name}`: the mind, its tests and every version.
    func delete(_ name: String) async throws -> Response {
        try refuseReadOnly(name)
        try await storeCall { try await store.deleteStudioMind(name) }
        published.forget(name)
        return Response(status: .noContent)
    }

    /// `POST /studio/api/minds/{name}/rename` with `{"name": NEW}`.
    func rename(_ name: String, _ body: [String: JSONValue]) async throws -> Response {
        guard let newName = try ReplyRequest.text(body, "name") else { throw ReplyAPIError.invalidRequest("give the new name") }
        try Self.checkName(newName)
        try refuseReadOnly(name)
        try refuseTaken(newName)
        try await storeCall { try await store.renameStudioMind(name, to: newName) }
        published.forget(name)
        return Self.json(["name": .string(newName)])
    }

    /// `POST /studio/api/minds/{name}/copy` with `{"name": NEW}`: a new studio mind with the draft
    /// (or a read-only mind's text) and tests.
    func copy(_ name: String, _ body: [String: JSONValue]) async throws -> Response {
        guard let newName = try ReplyRequest.text(body, "name") else { throw ReplyAPIError.invalidRequest("give the copy's name") }
        if let mind = try await store.studioMind(named: name) {
            return try await add(newName, source: mind.source, tests: mind.tests)
        }
        guard let source = minds.source(of: name) else { throw Self.notFound(name) }
        return try await add(newName, source: source, tests: Self.emptyTests)
    }

    /// 403 for a mind loaded at start: its file is its source.
    func refuseReadOnly(_ name: String) throws(ReplyAPIError) {
        guard !minds.isLoaded(name) else {
            throw ReplyAPIError(
                status: .forbidden, code: "read_only",
                message: "\"\(name)\" is loaded from a file or built in: copy it into the studio to edit it")
        }
    }

    /// Runs a store call, answering its refusals as API errors.
    func storeCall<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as MindStoreError {
            throw Self.converted(error)
        }
    }

    static func converted(_ error: MindStoreError) -> ReplyAPIError {
        switch error {
        case .missing(let name): notFound(name)
        case .nameTaken(let name): taken(name)
        case .stale(let current):
            ReplyAPIError(status: .preconditionFailed, code: "stale_draft", message: "the draft is at revision \(current.revision)")
        }
    }

    /// A draft revision's entity tag: `"N"`.
    static func entityTag(_ revision: Int64) -> String {
        "\"\(revision)\""
    }

    /// The text a new mind starts from.
    static func template(_ name: String) -> String {
        """
        mind: \(name)
        version: 1
        models:
          - name: main
            rules:
              - kind: respond
                input: "[start]"
                say: Hello! I am \(name).
              - kind: respond
                input: "*"
                say: Sorry, I did not understand.

        """
    }
}
