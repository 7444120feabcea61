/// Who may use the studio (`/studio`): holders of an admin key, or anyone on this machine when
/// there is none and the server listens on loopback only.
public struct StudioOptions: Sendable {
    /// The keys that open the studio (`--admin-key`, `admin:` lines of `--keys-file`).
    public var adminKeys: APIKeys
    /// Whether the server listens on a loopback address only.
    public var loopback: Bool

    public init(adminKeys: APIKeys = APIKeys(), loopback: Bool) {
        self.adminKeys = adminKeys
        self.loopback = loopback
    }

    /// Whether the studio is served at all: with an admin key, or on loopback.
    public var isOpen: Bool { !adminKeys.isEmpty || loopback }
}
