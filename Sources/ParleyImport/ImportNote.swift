/// Something of the source that the import could not carry over as it was, and what it did instead.
public struct ImportNote: Sendable, Hashable {
    /// What kind of difference a note reports.
    public enum Kind: String, Sendable, CaseIterable {
        /// The file is not well-formed XML: the categories before the error are kept, the rest is skipped.
        case xmlError = "xml-error"
        /// python-aiml's parser rejects the category (or an element outside categories): it is skipped.
        case invalidCategory = "invalid-category"
        /// rivescript-python's parser rejects the line (in strict mode, the whole load): it is skipped.
        case syntaxError = "syntax-error"
        /// A word of the pattern, that or topic can never match in the source's interpreter: the rule is skipped.
        case unmatchable
        /// Another rule has the same pattern, that and topic and always wins: this one is dropped, as the
        /// source's interpreter does.
        case duplicate
        /// Another rule matches the same inputs and the source's interpreter always prefers it (`_` before
        /// `*`, a word before the bot's name): this one can never answer, and is dropped.
        case shadowed
        /// An element the mind language has nothing for, or that the source's interpreter ignores: it is dropped.
        case droppedElement = "dropped-element"
        /// An element carried over with a different meaning; the message says how.
        case approximated
        /// A star, thatstar or topicstar with no wildcard to read: it renders what the source's interpreter renders.
        case missingCapture = "missing-capture"
        /// An object macro (`> object`): its code is not carried over; calls become `[call ...]` output tags.
        case objectMacro = "object-macro"
        /// A name that is not an identifier was renamed.
        case renamed
        /// A set or map file that cannot be read, or a set no kept pattern uses.
        case dataFile = "data-file"
    }

    public let kind: Kind
    /// The path of the source file, as given to the importer.
    public let file: String
    /// The line in the file (from 1); 0 when the note is about the whole file.
    public let line: Int
    public let message: String

    public init(kind: Kind, file: String, line: Int, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
    }

    /// `FILE:LINE: KIND: MESSAGE`.
    public var description: String {
        (line > 0 ? "\(file):\(line)" : file) + ": \(kind.rawValue): \(message)"
    }
}
