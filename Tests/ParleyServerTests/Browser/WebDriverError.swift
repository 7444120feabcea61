/// A failure of a WebDriver command or of the browser harness, with what was asked and why.
struct WebDriverError: Error, CustomStringConvertible {
    var description: String
}
