/// A paragraphs file that cannot be used.
public struct QAParagraphError: Error, CustomStringConvertible {
    public var description: String
}
