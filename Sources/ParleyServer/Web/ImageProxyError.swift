import Hummingbird

/// Why the image proxy passes no image on; answered as JSON like the reply API's errors.
enum ImageProxyError: Error, Sendable {
    /// 400 `invalid_url`: no `url`, or not an `http(s)` URL this server fetches.
    case invalidURL(String)
    /// 403 `origin_not_allowed`: a page of another site asked (`Sec-Fetch-Site`).
    case crossSite
    /// 403 `address_not_allowed`: the host is, or redirects to, a loopback, private, link-local or
    /// other non-public address that the operator did not allow.
    case addressNotAllowed(String)
    /// 502 `image_unreachable`: no answer, an error status, or too many redirects.
    case unreachable(String)
    /// 502 `image_too_large`: over the size limit.
    case tooLarge(String)
    /// 502 `not_an_image`: not a PNG, JPEG, GIF or WebP image (SVG included).
    case notAnImage(String)
    /// 503 `media_busy`: as many fetches as allowed are running.
    case busy
    /// 504 `image_timeout`: no complete image within the time limit.
    case timeout(String)

    /// The error answer, not to be stored by caches; `Retry-After` when busy.
    var response: Response {
        var response = apiError.response
        response.headers[.cacheControl] = "no-store"
        if case .busy = self { response.headers[.retryAfter] = "1" }
        return response
    }

    private var apiError: ReplyAPIError {
        switch self {
        case .invalidURL(let message):
            ReplyAPIError(status: .badRequest, code: "invalid_url", message: message)
        case .crossSite:
            ReplyAPIError(
                status: .forbidden, code: "origin_not_allowed",
                message: "only this server's own pages may load images through /media")
        case .addressNotAllowed(let message):
            ReplyAPIError(status: .forbidden, code: "address_not_allowed", message: message)
        case .unreachable(let message):
            ReplyAPIError(status: .badGateway, code: "image_unreachable", message: message)
        case .tooLarge(let message):
            ReplyAPIError(status: .badGateway, code: "image_too_large", message: message)
        case .notAnImage(let message):
            ReplyAPIError(status: .badGateway, code: "not_an_image", message: message)
        case .busy:
            ReplyAPIError(
                status: .serviceUnavailable, code: "media_busy",
                message: "the image proxy is fetching as many images as it may at once: try again shortly")
        case .timeout(let message):
            ReplyAPIError(status: .gatewayTimeout, code: "image_timeout", message: message)
        }
    }
}
