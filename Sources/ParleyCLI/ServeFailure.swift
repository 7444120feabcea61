/// Why `parley serve` could not start: printed as the command's error, with exit status 1.
struct ServeFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
