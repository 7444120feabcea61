import ArgumentParser
import ParleyServer

/// `parley serve`'s options for the image proxy `/media`.
struct MediaArguments: ParsableArguments {
    @Option(
        name: .customLong("media-allow-host"),
        help: "A host (a name or an IP address, as written in image URLs) the image proxy /media may fetch from although it is at a loopback, private or link-local address (repeatable; none by default).")
    var allowedHosts: [String] = []

    /// The image proxy's options.
    var options: ImageProxyOptions { ImageProxyOptions(allowedHosts: allowedHosts) }
}
