import Foundation
import Hummingbird

/// A file shipped with ParleyServer (under `Resources/web`) and served as it is: its content
/// type, an entity tag for conditional requests, and `Cache-Control: no-cache`, so browsers keep
/// it but check it is current before using it.
struct StaticAsset: Sendable {
    /// A resource file that the build did not ship or that cannot be read.
    struct Missing: Error, CustomStringConvertible {
        var name: String
        var reason: String
        var description: String { "the web resource \(name) of ParleyServer \(reason)" }
    }

    private let body: ByteBuffer
    private let headers: HTTPFields
    private let entityTag: String

    /// Reads `Resources/web/name` from the module's bundle.
    /// - Parameter headers: more headers for every response (e.g. a content security policy).
    init(named name: String, contentType: String, headers extra: HTTPFields = [:]) throws {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources/web") else {
            throw Missing(name: name, reason: "is not in its resource bundle")
        }
        let contents: Data
        let modified: Date
        do {
            contents = try Data(contentsOf: url)
            modified = try url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate ?? .distantPast
        } catch {
            throw Missing(name: name, reason: "cannot be read: \(error.localizedDescription)")
        }
        body = ByteBuffer(bytes: contents)
        // Size and modification time, as common file servers do: the same build gives the same tag.
        let milliseconds = Int64((modified.timeIntervalSince1970 * 1000).rounded())
        entityTag = "\"\(String(contents.count, radix: 16))-\(String(milliseconds, radix: 16))\""
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
