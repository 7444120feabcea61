#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The process's resident memory, read from /proc/self/statm (Linux).
public enum ResidentMemory {
    /// Resident bytes after handing freed heap memory back to the system (glibc's `malloc_trim`,
    /// looked up at run time), so that garbage left by earlier work is not counted; nil where
    /// /proc is not available.
    public static func bytes() -> Int? {
        trimHeap()
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    private static func trimHeap() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        // RTLD_DEFAULT is the null handle.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
