import Crypto
import Foundation
import Hummingbird

/// A web file built into ParleyServer (``WebFiles``, from `Resources/web`, or a page of the
/// manual) and served as it is: its content type, an entity tag (a digest of its content) for
/// conditional requests, and `Cache-Control: no-cache`, so browsers keep it but check it is current
/// before using it. A request whose `v` names the current digest (the address a page links, see
/// ``versioningReferences(in:)``) is cached for a year without checks: another content has another
/// address.
struct StaticAsset: Sendable {
    /// A file name that is not among the built-in web files.
    struct Missing: Error, CustomStringConvertible {
        var name: String
        var description: String { "ParleyServer has no built-in web file \(name)" }
    }

    private let body: ByteBuffer
    private let headers: HTTPFields
    private let entityTag: String
    /// The digest a versioned address carries in its `v`.
    let digest: String

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
        digest = Self.digest(of: bytes)
        entityTag = "\"\(digest)\""
        var headers = extra
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-cache"
        headers[.eTag] = entityTag
        headers[.xContentTypeOptions] = "nosniff"
        self.headers = headers
    }

    /// An HTML page whose responses carry `contentSecurityPolicy`; its links to built-in scripts and
    /// style sheets are versioned.
    static func page(named name: String, contentSecurityPolicy: String) throws -> StaticAsset {
        guard let html = WebFiles.files[name] else { throw Missing(name: name) }
        return page(html: html, contentSecurityPolicy: contentSecurityPolicy)
    }

    /// The page `html` with its links to built-in scripts and style sheets versioned.
    static func page(html: String, contentSecurityPolicy: String) -> StaticAsset {
        var headers = HTTPFields()
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        return StaticAsset(
            bytes: Array(versioningReferences(in: html).utf8), contentType: "text/html; charset=utf-8", headers: headers)
    }

    /// `html` with each `src` or `href` that names a built-in script or style sheet (by its file
    /// name, in any folder) given `?v=` and the file's digest.
    static func versioningReferences(in html: String) -> String {
        html.replacing(/(?<attribute>(?:src|href)="\/(?:[a-z]+\/)*)(?<name>[a-z-]+\.(?:js|css))"/) { match in
            let name = String(match.output.name)
            guard let digest = versions[name] else { return String(match.output.0) }
            return "\(match.output.attribute)\(name)?v=\(digest)\""
        }
    }

    /// The digests of the built-in scripts and style sheets, by file name.
    private static let versions: [String: String] = WebFiles.files.filter { $0.key.hasSuffix(".js") || $0.key.hasSuffix(".css") }
        .mapValues { digest(of: Array($0.utf8)) }

    /// The first 12 bytes of the SHA-256 of `bytes`, in hex.
    private static func digest(of bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).prefix(12).map { String(format: "%02x", $0) }.joined()
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
        var headers = headers
        if request.uri.queryParameters["v"].map(String.init) == digest {
            headers[.cacheControl] = "public, max-age=31536000, immutable"
        }
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
