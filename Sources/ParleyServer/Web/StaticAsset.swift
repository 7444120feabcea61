import Crypto
import Foundation
import Hummingbird

/// A web file built into ParleyServer (``WebFiles``, from `Resources/web`, or a page of the
/// manual) and served as it is: its content type, an entity tag for conditional requests, and
/// `Cache-Control: no-cache`, so browsers keep it but check it is current before using it.
struct StaticAsset: Sendable {
    /// A file name that is not among the built-in web files.
    struct Missing: Error, CustomStringConvertible {
        var name: String
        var description: String { "ParleyServer has no built-in web file \(name)" }
    }

    private let body: ByteBuffer
    private let headers: HTTPFields
    private let entityTag: String

    /// The built-in web file `name`.
    /// - Parameter headers: more headers for every response (e.g. a content security policy).
    init(named name: String, contentType: String, headers extra: HTTPFields = [:]) throws {
        guard let contents = WebFiles.files[name] else { throw Missing(name: name) }
        self.init(bytes: Array(contents.utf8), contentType: contentType, headers: extra)
    }

    /// A file whose content is `bytes`.
    /// - Parameter headers: more headers for every response (e.g. a content security policy).
    init(bytes: [UInt8], contentType: String, headers extra: HTTPFields = [:]) {
        body = ByteBuffer(bytes: bytes)
        // The content's digest: the same file gives the same tag in every build and on every server.
        let digest = SHA256.hash(data: bytes).prefix(12).map { String(format: "%02x", $0) }.joined()
        entityTag = "\"\(digest)\""
        var headers = extra
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-cache"
        headers[.eTag] = entityTag
        headers[.xContentTypeOptions] = "nosniff"
        self.headers = headers
    }

    /// An HTML page whose responses carry `contentSecurityPolicy`.
    static func page(named name: String, contentSecurityPolicy: String) throws -> StaticAsset {
        var headers = HTTPFields()
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        return try StaticAsset(named: name, contentType: "text/html; charset=utf-8", headers: headers)
    }

    /// A script.
    static func script(named name: String) throws -> StaticAsset {
        try StaticAsset(named: name, contentType: "text/javascript; charset=utf-8")
    }

    /// A style sheet.
    static func styleSheet(named name: String) throws -> StaticAsset {
        try StaticAsset(named: name, contentType: "text/css; charset=utf-8")
    }

    /// The file with another status (e.g. a page that answers `404`), never `304`.
    func response(status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// The file, or `304 Not Modified` when the request's `If-None-Match` names its entity tag.
    func response(to request: Request) -> Response {
        if let tags = request.headers[.ifNoneMatch], matches(tags) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// Whether an `If-None-Match` list names this file's tag (weak comparison) or is `*`.
    private func matches(_ list: String) -> Bool {
        list.split(separator: ",").contains { item in
            let tag = item.trimmingCharacters(in: .whitespaces)
            return tag == "*" || (tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag) == entityTag
        }
    }
}
