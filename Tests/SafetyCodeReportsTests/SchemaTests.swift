import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

func parseJSON(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite("JSON Schemas")
struct SchemaTests {
    static let vocabularyPath = packageRoot.appendingPathComponent("Codes/ofcom/vocabulary.yaml").path

    func vocabulary() throws -> Vocabulary {
        let loader = Loader()
        return try #require(loader.vocabulary(Self.vocabularyPath), "\(loader.diagnostics)")
    }

    @Test("the committed Schemas/ are what `safetycode schema --all` makes now (re-run it after changing the vocabulary or a format)",
          arguments: JSONSchema.Kind.allCases)
    func current(kind: JSONSchema.Kind) throws {
        let made = try #require(JSONSchema.make(kind, vocabulary: vocabulary()))
        let committed = try String(contentsOf: packageRoot.appendingPathComponent("Schemas/\(kind.fileName)"), encoding: .utf8)
        #expect(made == committed, "Schemas/\(kind.fileName) is stale: run `make schemas`")
    }

    @Test("a misspelt kind is refused")
    func misspeltKind() throws {
        #expect(try CLI.run(["schema", "submissions"]).status != 0)
    }

    @Test("the submission schema types each fact as the vocabulary does, allows null (unknown), and refuses unknown keys")
    func submissionShape() throws {
        let schema = try parseJSON(try #require(JSONSchema.make(.submission, vocabulary: vocabulary())))
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["additionalProperties"] as? Bool == false)
        #expect(schema["required"] as? [String] == ["submission"])
        let props = try #require(schema["properties"] as? [String: Any])
        let risk = try #require((props["risk"] as? [String: Any])?["properties"] as? [String: Any])
        let grooming = try #require(risk["grooming"] as? [String: Any])
        #expect((grooming["enum"] as? [Any])?.count == 5)  // negligible, low, medium, high, null
        #expect((grooming["enum"] as? [Any])?.compactMap { $0 as? String } == ["negligible", "low", "medium", "high"])
        let service = try #require((props["service"] as? [String: Any])?["properties"] as? [String: Any])
        let users = try #require(service["uk_users"] as? [String: Any])
        #expect(users["minimum"] as? Int == 0)
        #expect(users["type"] as? [String] == ["integer", "null"])
        let controls = try #require(props["controls"] as? [String: Any])
        #expect(controls["additionalProperties"] as? Bool == false)
        let hash = try #require((controls["properties"] as? [String: Any])?["csam_hash_matching"] as? [String: Any])
        #expect(hash["additionalProperties"] as? Bool == false)
        #expect((hash["properties"] as? [String: Any])?["in_place"] != nil)
    }

    @Test("every example names the schema of its kind in a yaml-language-server line")
    func modelines() throws {
        var missing: [Diagnostic] = []
        let root = packageRoot.path
        let files = Lint.expand([root + "/Submissions", root + "/Codes", root + "/Reviews"], missing: &missing)
        #expect(files.count >= 20)
        let loader = Loader()
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let first = String(text.prefix { $0 != "\n" })
            let doc = try #require(loader.document(file))
            let kind = try #require(FileKind.of(doc))
            let schema = kind == .codeTest ? "code-test" : kind.rawValue
            let prefix = "# yaml-language-server: $schema="
            #expect(first.hasPrefix(prefix) && first.hasSuffix("Schemas/\(schema).schema.json"), "\(file): \(first)")
            let relative = String(first.dropFirst(prefix.count))
            let target = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(relative).standardizedFileURL.path
            #expect(target == root + "/Schemas/\(schema).schema.json", "\(file) points at \(target)")
        }
    }

    @Test("python-jsonschema (an independent validator) accepts every example and rejects a submission with a misspelt control key",
          .enabled(if: Python.has("jsonschema") && Python.has("yaml"), "python3 with jsonschema and PyYAML is not installed: `make test` installs them"))
    func independentValidator() throws {
        let r = try Python.check(["schemas", packageRoot.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("examples valid against their schemas; bad submissions rejected"))
    }
}
