import Crypto
import Foundation
import Hummingbird
import ParleyCore
import ParleyMind
import ParleyStore

extension StudioAPI {
    /// `POST /studio/api/minds/{name}/publish`: the draft as the next version, or with
    /// `{"from": N}` version N's text again (a rollback). 422 when the text does not load.
    func publish(_ name: String, _ body: [String: JSONValue], base: String) async throws -> Response {
        try refuseReadOnly(name)
        guard let mind = try await store.studioMind(named: name) else { throw Self.notFound(name) }
        var source = mind.source
        if let from = body["from"] {
            guard let number = from.intValue, number > 0 else { throw ReplyAPIError.invalidRequest("from must be a version number") }
            guard let old = try await store.version(number, of: name) else {
                throw ReplyAPIError(status: .notFound, code: "unknown_version", message: "\"\(name)\" has no version \(number)")
            }
            source = old.source
        }
        let check = await workbench.check(source)
        guard check.mind != nil else { throw Self.invalidDraft(name, check.diagnostics) }
        let hash = SHA256.hash(data: Array(source.utf8)).map { String(format: "%02x", $0) }.joined()
        let version = try await storeCall { try await store.publish(name, source: source, hash: hash, time: Date()) }
        published.forget(name)
        logger.info("mind published", metadata: ["mind": "\(name)", "version": "\(version.number)"])
        return Self.json(StudioJSON.version(version, keep: published.keepVersions, base: base), status: .created)
    }

    /// `GET /studio/api/minds/{name}/versions`: newest first, without their texts.
    func versions(_ name: String, base: String) async throws -> Response {
        guard try await store.studioMind(named: name) != nil else { throw Self.notFound(name) }
        let versions = try await store.versions(of: name)
        return Self.json(["versions": .array(versions.map { StudioJSON.version($0, keep: published.keepVersions, base: base) })])
    }

    /// `GET /studio/api/minds/{name}/versions/{n}`: one version with its text.
    func version(_ name: String, _ number: Int, base: String) async throws -> Response {
        guard let version = try await store.version(number, of: name) else {
            throw ReplyAPIError(status: .notFound, code: "unknown_version", message: "\"\(name)\" has no version \(number)")
        }
        guard case .object(var members) = StudioJSON.version(version, keep: published.keepVersions, base: base) else {
            return Self.json(.null)
        }
        members["source"] = .string(version.source)
        return Self.json(.object(members))
    }

    /// `GET /minds/{name}/versions/{n}`: the version's text, as a rulebase file.
    func versionSource(_ name: String, _ number: Int) async throws -> Response {
        guard let version = try await store.version(number, of: name) else {
            throw ReplyAPIError(status: .notFound, code: "unknown_mind", message: "the studio mind \"\(name)\" has no version \(number)")
        }
        let json = RulebaseFormat(text: version.source) == .json
        var headers: HTTPFields = [
            .contentType: json ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8",
            .eTag: "\"\(version.hash.prefix(24))\"", .cacheControl: "no-cache",
        ]
        headers[.contentDisposition] = "inline; filename=\"\(name)-\(number).\(json ? "json" : "yaml")\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: version.source)))
    }
}
