import Foundation
import SafetyCodeFuzz
import TestSupport
import Testing

/// Every input a fuzzer has crashed on (and some hostile ones written by hand) is kept in
/// Tests/Fixtures/fuzz/<target>/ and replayed here through the same entry points the fuzzers call.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [String] {
        let dir = packageRoot.appendingPathComponent("Tests/Fixtures/fuzz/\(target)").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted().map { dir + "/" + $0 }
    }

    @Test("the YAML loader survives every kept input", arguments: inputs("fuzz-yaml"))
    func yaml(path: String) throws {
        FuzzEntry.yaml(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test("the expression checker survives every kept input", arguments: inputs("fuzz-expression"))
    func expression(path: String) throws {
        try #require(FuzzEntry.codes.count == 3, "the fuzz entry found no codes (run from the package root or set SAFETYCODE_ROOT)")
        FuzzEntry.expression(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test("submission decoding, assessment and rendering survive every kept input", arguments: inputs("fuzz-submission"))
    func submission(path: String) throws {
        // Without the shipped codes the entry checks nothing: that must fail, not pass.
        try #require(FuzzEntry.codes.count == 3, "the fuzz entry found no codes (run from the package root or set SAFETYCODE_ROOT)")
        FuzzEntry.submission(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))), everyFormat: true)
    }

    @Test("two overlays diffed and compared, and rendered, survive every kept input with every report invariant",
          arguments: inputs("fuzz-diff"))
    func diff(path: String) throws {
        try #require(FuzzEntry.codes.count == 3, "the fuzz entry found no codes (run from the package root or set SAFETYCODE_ROOT)")
        let rendered = FuzzEntry.diff(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
        // The hand-made inputs that must get as far as the reports.
        if ["hostile-overlay", "one-overlay"].contains((path as NSString).lastPathComponent) { #expect(rendered) }
    }

    @Test("hostile strings rendered in every format keep every report invariant, for every kept input", arguments: inputs("fuzz-render"))
    func render(path: String) throws {
        let rendered = FuzzEntry.render(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
        if ["hostile-strings", "line-breaks-and-formulas", "bidi-zero-width-controls"].contains((path as NSString).lastPathComponent) { #expect(rendered) }
    }

    @Test("there are kept inputs for every target")
    func present() {
        for t in ["fuzz-yaml", "fuzz-expression", "fuzz-submission", "fuzz-diff", "fuzz-render"] { #expect(!Self.inputs(t).isEmpty, "\(t)") }
    }
}
