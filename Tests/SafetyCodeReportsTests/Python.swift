import Foundation

/// Python, for the checks by independent implementations (python-jsonschema, compliance-trestle).
/// `make test` installs the packages; where they cannot be had, those tests show as skipped.
enum Python {
    static func has(_ module: String) -> Bool {
        guard let r = try? run(["-c", "import \(module)"]) else { return false }
        return r.status == 0
    }

    static func run(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["python3"] + arguments, executable: "/usr/bin/env")
    }

    /// Runs Scripts/check-interchange.py.
    static func check(_ arguments: [String]) throws -> CLI.Result {
        try run([packageRoot.appendingPathComponent("Scripts/check-interchange.py").path] + arguments)
    }
}
