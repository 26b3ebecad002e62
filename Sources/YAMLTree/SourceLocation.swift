/// A place in an input file: the file's path as the user gave it, and a 1-based line and column.
///
/// Columns count Unicode scalars, as libyaml's marks do, so a caret lands under the right
/// character even after accented letters or emoji earlier in the line.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file's path, as given on the command line or found in a folder.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, in Unicode scalars.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, as compilers print it; control characters in the path shown as `<U+XXXX>`.
    public var description: String { "\(VisibleText.path(file)):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
