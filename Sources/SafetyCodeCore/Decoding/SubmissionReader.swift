import Crypto
import YAMLTree

/// Reads one submission without keeping anything afterwards: for batch runs over thousands of
/// files, where caching every document (as ``Loader`` does for a handful) would grow memory.
public enum SubmissionReader {
    /// The outcome of reading one file.
    public struct Read: Sendable {
        /// The file as given.
        public var file: String
        /// The SHA-256 of its bytes, in hex ("" when it could not be read).
        public var sha256: String
        /// The loaded document, or nil when it could not be built. A document built despite
        /// problems (a duplicate key, say) carries them in `problems`; `decode` reports them with
        /// the file's other problems and gives no submission.
        public var document: YAMLDocument?
        /// Problems found while reading and parsing, when there is no document to carry them.
        public var diagnostics: [Diagnostic]
    }

    /// Reads and parses a file, refusing one over the size limit before reading it.
    public static func read(path: String, limits: YAMLLimits = .default) -> Read {
        do {
            let bytes = try YAMLLoader.read(path: path, maxBytes: limits.maxFileBytes)
            return parse(bytes: bytes, file: path, limits: limits)
        } catch {
            return Read(file: path, sha256: "", document: nil, diagnostics: error.diagnostics)
        }
    }

    /// Reads a file's bytes, refusing one over the size limit before reading it; nil with the
    /// problems when it cannot be read.
    public static func bytes(path: String, limits: YAMLLimits = .default) -> ([UInt8]?, [Diagnostic]) {
        do {
            return (try YAMLLoader.read(path: path, maxBytes: limits.maxFileBytes), [])
        } catch {
            return (nil, error.diagnostics)
        }
    }

    /// The SHA-256 of bytes, in hex, as reports give it.
    public static func sha256(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    /// Parses bytes already in memory.
    public static func parse(bytes: [UInt8], file: String, limits: YAMLLimits = .default) -> Read {
        let sha = hex(SHA256.hash(data: bytes))
        do {
            let doc = try YAMLLoader(limits: limits).load(bytes: bytes, file: file)
            return Read(file: file, sha256: sha, document: doc, diagnostics: [])
        } catch {
            if let doc = error.document { return Read(file: file, sha256: sha, document: doc, diagnostics: []) }
            return Read(file: file, sha256: sha, document: nil, diagnostics: error.diagnostics)
        }
    }

    /// Decodes a parsed submission against a vocabulary; nil (with the problems) when it has
    /// errors, the document's own problems from loading included.
    public static func decode(_ document: YAMLDocument, vocabulary: Vocabulary) -> (Submission?, [Diagnostic]) {
        let problems = document.problems
        guard FileKind.of(document) == .submission else {
            return (nil, problems + [.error(.unknownFileKind, "expected a submission file (with a top-level 'submission' key)",
                                            at: document.location(of: document.root))])
        }
        let context = DecodeContext(document)
        let s = Submission.decode(context, vocabulary: vocabulary)
        let failed = context.hasErrors || problems.contains { $0.severity == .error }
        return (failed ? nil : s, problems + context.diagnostics)
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
