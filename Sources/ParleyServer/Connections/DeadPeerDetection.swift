#if canImport(Glibc)
import Glibc
#endif
import Logging
import NIOCore

/// Makes the kernel close a connection whose client went away without closing it: keepalive
/// probes start after a third of the time of silence, and data (or probes) left unacknowledged for
/// the whole time ends the connection (`TCP_USER_TIMEOUT`). Unlike WebSocket pings, this needs no
/// reading, so a client the server does not read for a while (back-pressure) is not taken for gone.
/// Linux only; elsewhere the system's defaults stay.
enum DeadPeerDetection {
    static func apply(to channel: any Channel, within timeout: Duration, logger: Logger) {
        #if os(Linux)
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let idle = max(1, milliseconds / 3000)
        let options: [(NIOBSDSocket.OptionLevel, Int32, Int32)] = [
            (.socket, SO_KEEPALIVE, 1),
            (.tcp, TCP_KEEPIDLE, idle),
            (.tcp, TCP_KEEPINTVL, max(1, idle / 2)),
            (.tcp, TCP_KEEPCNT, 3),
            (.tcp, Int32(TCP_USER_TIMEOUT), milliseconds),
        ]
        guard let sync = channel.syncOptions else { return }
        for (level, name, value) in options {
            do {
                try sync.setOption(ChannelOptions.Types.SocketOption(level: level, name: NIOBSDSocket.Option(rawValue: name)), value: Int(value))
            } catch {
                logger.debug("could not set a socket option", metadata: ["option": "\(name)", "error": "\(error)"])
            }
        }
        #endif
    }
}
