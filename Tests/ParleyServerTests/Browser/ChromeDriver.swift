import Foundation

/// A chromedriver child process listening on a free loopback port.
struct ChromeDriver: Sendable {
    let client: WebDriverClient
    private let process: ParleyProcess

    /// Starts `executable` on a port it picks and waits until it says which. chromedriver picks
    /// the port before binding it, so with many tests starting at once another process can take
    /// it first ("port not available"): it is started again then, a few times.
    static func start(executable: URL) async throws -> ChromeDriver {
        var attempts = 0
        while true {
            attempts += 1
            let process = try ParleyProcess(executable: executable, arguments: ["--port=0"])
            let marker = "was started successfully on port "
            var seen: [String] = []
            while let line = await process.nextLine() {
                seen.append(line)
                if let range = line.range(of: marker),
                    let port = Int(line[range.upperBound...].prefix { $0.isNumber })
                {
                    return ChromeDriver(client: WebDriverClient(port: port), process: process)
                }
            }
            process.terminate()
            _ = await process.waitForExit()
            guard attempts < 5, seen.contains(where: { $0.contains("port not available") }) else {
                throw WebDriverError(description: "chromedriver ended without saying its port; it printed \(seen)")
            }
        }
    }

    /// Ends chromedriver (end its sessions first: it leaves their browsers running) and waits for it.
    func stop() async {
        process.terminate()
        _ = await process.waitForExit()
    }
}
