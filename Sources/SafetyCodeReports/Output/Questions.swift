import Foundation
import SafetyCodeCore
import YAMLTree

/// `safetycode questions`: one questionnaire across codes, and merging its answers into a new
/// submission version (SPEC section 8).
public enum Questions {
    /// What to ask.
    public struct AskOptions: Sendable {
        public var submission: String
        public var codes: [String]
        /// The questionnaire file, "-" for standard output, nil for `Reports/<stem>/questions.yaml`.
        public var out: String?
        public var asOf: Day

        public init(submission: String, codes: [String], out: String? = nil, asOf: Day) {
            self.submission = submission
            self.codes = codes
            self.out = out
            self.asOf = asOf
        }
    }

    /// What to merge.
    public struct MergeOptions: Sendable {
        public var answers: String
        public var into: String
        public var out: String
        /// Codes whose vocabulary the answers use; none for the default vocabulary.
        public var codes: [String]
        public var date: Day

        public init(answers: String, into: String, out: String, codes: [String] = [], date: Day) {
            self.answers = answers
            self.into = into
            self.out = out
            self.codes = codes
            self.date = date
        }
    }

    /// The questionnaire of a submission, without writing it; nil after reporting problems.
    public static func questionnaire(_ options: AskOptions, loader: Loader) -> (Questionnaire, String, [Code])? {
        let codes = Assess.loadCodes(Assess.Options(submissions: [options.submission], codes: options.codes, asOf: options.asOf), loader: loader)
        if !FileManager.default.fileExists(atPath: options.submission) {
            loader.report([.error(.missingFile, "no such submission file", at: SourceLocation(file: options.submission, line: 1, column: 1))])
        }
        guard !loader.hasErrors else { return nil }
        var assessments: [Assessment] = []
        for code in codes {
            guard let s = loader.submission(options.submission, vocabulary: code.vocabulary) else { return nil }
            assessments.append(Assessor(code: code).assess(s, asOf: options.asOf))
        }
        return (Questionnaire(assessments), loader.sha256(options.submission) ?? "", codes)
    }

    /// Writes the questionnaire.
    public static func ask(_ options: AskOptions, loader: Loader = Loader()) -> Assess.Outcome {
        guard let (q, sha, codes) = questionnaire(options, loader: loader) else { return Assess.finish(loader, written: [], stdout: nil, lines: [], failed: false) }
        let text = q.yaml(submissionSHA: sha, codes: codes.map { "\($0.header.id) \($0.header.version)" })
        let line = "\(q.submission.service): \(q.entries.count) question\(q.entries.count == 1 ? "" : "s") across \(codes.count) code\(codes.count == 1 ? "" : "s")"
        if options.out == "-" { return Assess.finish(loader, written: [], stdout: text, lines: [], failed: false) }
        let target = options.out ?? ("Reports" as NSString).appendingPathComponent(ReportFile.stem(options.submission) + "/questions.yaml")
        // A questionnaire someone has started answering is never replaced.
        if let existing = FileManager.default.contents(atPath: target), existing != Data(text.utf8) {
            loader.report([.error(.badOption, "\(target) exists and differs from this questionnaire (answers typed into it?): it is not replaced; give --out another file, or remove it first", at: nil)])
            return Assess.finish(loader, written: [], stdout: nil, lines: [], failed: false)
        }
        do {
            try ReportFile.write(text, to: target)
            return Assess.finish(loader, written: [target], stdout: nil, lines: [line + ", written to \(target)"], failed: false)
        } catch {
            loader.report(error.diagnostics)
            return Assess.finish(loader, written: [], stdout: nil, lines: [], failed: false)
        }
    }

    /// Merges answers into a new submission file.
    public static func merge(_ options: MergeOptions, loader: Loader = Loader()) -> Assess.Outcome {
        var vocabulary: Vocabulary?
        if options.codes.isEmpty {
            vocabulary = loader.vocabulary(Lint.defaultVocabulary)
        } else {
            vocabulary = Assess.loadCodes(Assess.Options(submissions: [], codes: options.codes, asOf: options.date), loader: loader).first?.vocabulary
        }
        for path in [options.answers, options.into] where !FileManager.default.fileExists(atPath: path) {
            loader.report([.error(.missingFile, "no such file", at: SourceLocation(file: path, line: 1, column: 1))])
        }
        guard let vocabulary, !loader.hasErrors else { return Assess.finish(loader, written: [], stdout: nil, lines: [], failed: false) }
        if URL(fileURLWithPath: options.out).standardizedFileURL.path == URL(fileURLWithPath: options.into).standardizedFileURL.path {
            loader.report([.error(.badOption, "--out names the submission itself: the merge writes a new version and never edits the declaration", at: nil)])
            return Assess.finish(loader, written: [], stdout: nil, lines: [], failed: false)
        }
        let result = AnswerMerge.merge(answersFile: options.answers, submissionFile: options.into, vocabulary: vocabulary, date: options.date)
        loader.report(result.diagnostics)
        guard let text = result.text else { return Assess.finish(loader, written: [], stdout: nil, lines: [], failed: false) }
        // The new version must read back as a submission with exactly the answers added.
        let check = SubmissionReader.parse(bytes: Array(text.utf8), file: options.out)
        let back = check.document.map { SubmissionReader.decode($0, vocabulary: vocabulary) }
        guard let back, back.0 != nil else {
            loader.report([.error(.badValue, "the merged submission does not read back as a submission; nothing written: \((back?.1 ?? check.diagnostics).map(\.message).joined(separator: "; "))", at: nil)])
            return Assess.finish(loader, written: [], stdout: nil, lines: [], failed: false)
        }
        let line = "merged \(result.answered.count) answer\(result.answered.count == 1 ? "" : "s") into \(options.out), dated \(options.date)"
        if options.out == "-" { return Assess.finish(loader, written: [], stdout: text, lines: [], failed: false) }
        do {
            try ReportFile.write(text, to: options.out)
            return Assess.finish(loader, written: [options.out], stdout: nil, lines: [line], failed: false)
        } catch {
            loader.report(error.diagnostics)
            return Assess.finish(loader, written: [], stdout: nil, lines: [], failed: false)
        }
    }
}
