import Foundation
import YAMLTree

/// Finding a submission's review, and the submission a review names (SPEC section 7).
public enum ReviewFiles {
    /// The review kept for a submission by convention: `Reviews/<stem>.yaml` beside the
    /// submission's folder (`Submissions/x.yaml` → `Reviews/x.yaml`), or in the working folder's
    /// `Reviews/`; nil when there is none. `folderExists` answers for each `Reviews` folder first
    /// (a batch asks it once per folder, not three times per file).
    public static func conventional(for submission: String,
                                    folderExists: (String) -> Bool = { _ in true }) -> String? {
        let stem = ((submission as NSString).lastPathComponent as NSString).deletingPathExtension
        let candidates = folders(from: (submission as NSString).deletingLastPathComponent).map { Loader.normalize($0 + "/" + stem + ".yaml") }
        return candidates.first { folderExists(($0 as NSString).deletingLastPathComponent) && FileManager.default.fileExists(atPath: $0) }
    }

    /// Whether any `Reviews` folder that ``conventional(for:folderExists:)`` looks in for a
    /// submission in `folder` exists: the folder of each candidate is its `Reviews` folder
    /// normalized (a stem ending `.yaml` is always one last component), so a batch that finds
    /// none for a folder need not look for each file in it.
    public static func anyFolder(near folder: String, folderExists: (String) -> Bool) -> Bool {
        folders(from: folder).contains { folderExists(Loader.normalize($0)) }
    }

    /// The `Reviews` folders looked in for a submission in `folder`, nearest first.
    static func folders(from folder: String) -> [String] {
        var folder = folder
        var dirs: [String] = []
        // Walk up from the submission's folder: Submissions/history/x.yaml finds Reviews/x.yaml too.
        for _ in 0..<3 {
            folder = folder.isEmpty || folder == "." ? ".." : Loader.normalize(folder + "/..")
            dirs.append(folder == "." ? "Reviews" : folder + "/Reviews")
        }
        return dirs
    }

    /// The path of the submission a review names: as written (from the working folder), from
    /// the review's folder, or from its parent (`Reviews/x.yaml` naming `Submissions/x.yaml`).
    public static func submissionPath(_ r: Review) -> String? {
        let candidates = [r.submission, Loader.resolve(r.submission, relativeTo: r.file), Loader.resolve("../" + r.submission, relativeTo: r.file)]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Lint's checks that need the submission: it exists, and its SHA-256 is the one reviewed.
    public static func check(_ r: Review, loader: Loader) -> [Diagnostic] {
        guard let path = submissionPath(r) else {
            return [.error(.missingFile, "the review names '\(r.submission)', which does not exist", at: r.location)]
        }
        guard let want = r.submissionSHA256, loader.document(path) != nil, let have = loader.sha256(path), have != want else { return [] }
        return [Diagnostic(.warning, code: .staleReview,
                           message: "the submission changed since it was reviewed (its SHA-256 is \(have), the review names \(want)): no finding is applied until the review is brought up to date",
                           at: r.location)]
    }
}

extension ReviewFiles {
    /// A review read on its own (for a worker that keeps no loader): the review, the SHA-256 of
    /// its bytes, and its problems; nil review when it has errors.
    public static func read(_ path: String, vocabulary: Vocabulary, limits: YAMLLimits = .default) -> (Review?, String, [Diagnostic]) {
        let read = SubmissionReader.read(path: path, limits: limits)
        let (r, ds) = decode(read, vocabulary: vocabulary)
        return (r, read.sha256, ds)
    }

    /// A review already read and parsed (``SubmissionReader/parse(bytes:file:limits:)``), decoded
    /// against a vocabulary: nil review when it has errors, with every problem.
    public static func decode(_ read: SubmissionReader.Read, vocabulary: Vocabulary) -> (Review?, [Diagnostic]) {
        guard let doc = read.document else { return (nil, read.diagnostics) }
        guard FileKind.of(doc) == .review else {
            return (nil, doc.problems + [.error(.unknownFileKind, "expected a review file (with top-level 'review' and 'findings' keys)",
                                                at: doc.location(of: doc.root))])
        }
        let context = DecodeContext(doc)
        let r = Review.decode(context, vocabulary: vocabulary)
        let ds = doc.problems + context.diagnostics
        return (ds.contains { $0.severity == .error } ? nil : r, ds)
    }

    /// The submission a review file names (its `review.submission`), read without a vocabulary,
    /// resolved as ``submissionPath(_:)`` does; nil when the file does not say.
    public static func namedSubmission(_ path: String) -> String? {
        let read = SubmissionReader.read(path: path)
        guard let doc = read.document,
              let r = doc.root.pairs?.first(where: { $0.keyText == "review" })?.value,
              let s = r.pairs?.first(where: { $0.keyText == "submission" })?.value.scalar?.value else { return nil }
        let shell = Review(file: path, submission: s, findings: [], location: SourceLocation(file: path, line: 1, column: 1))
        return submissionPath(shell) ?? s
    }
}
