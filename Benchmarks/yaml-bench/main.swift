// make bench (part 1): the YAML loader's throughput against a plain libyaml event loop over the
// same bytes, in the same run. The event loop is the physical limit for this stage: the loader
// does all of its work plus building the tree, positions, duplicate-key checks and limits.
import CLibYAML
import Foundation
import YAMLTree

/// A deterministic YAML file of about `megabytes` MB: submissions-like mappings with nested
/// controls, lists, quoted and folded scalars, and Unicode.
func corpus(megabytes: Int) -> [UInt8] {
    var out = "items:\n"
    var i = 0
    while out.utf8.count < megabytes << 20 {
        out += """
          - submission: {service: "Service \(i) · Ünïcode", provider: Provider \(i) Ltd, date: 2026-10-01}
            service:
              type: user-to-user
              uk_users: \(i * 7919 % 20_000_000)
              likely_accessed_by_children: \(i % 2 == 0)
              functionalities: [user_profiles, direct_messaging, commenting, livestreaming]
            risk: {grooming: high, image_based_csam: medium, terrorism: low, hate: negligible}
            controls:
              csam_hash_matching: {in_place: true, perceptual: false, media: [images, video]}
              child_safety_defaults:
                unconnected_users_cannot_message: \(i % 3 == 0)
                location_hidden: true
            note: >
              A folded note that runs over
              two lines, number \(i).

        """
        i += 1
    }
    return Array(out.utf8)
}

/// (a) libyaml's event loop alone: parse every event, touch nothing.
func rawEvents(_ bytes: [UInt8]) -> Int {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    yaml_parser_initialize(parser)
    defer { yaml_parser_delete(parser) }
    var count = 0
    bytes.withUnsafeBufferPointer { buffer in
        yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
        var event = yaml_event_t()
        while yaml_parser_parse(parser, &event) == 1 {
            let done = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            count += 1
            if done { break }
        }
    }
    return count
}

func best(_ runs: Int, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

let megabytes = Int(ProcessInfo.processInfo.environment["BENCH_MB"] ?? "") ?? 8
let bytes = corpus(megabytes: megabytes)
let mb = Double(bytes.count) / 1_048_576
var events = 0
let raw = best(5) { events = rawEvents(bytes) }
var nodes = 0
// Each run's tree is kept until the next run has been timed, so freeing it is not counted.
var kept: YAMLDocument?
var tree = Double.infinity
for _ in 0..<5 {
    let start = DispatchTime.now().uptimeNanoseconds
    let doc = try! YAMLLoader(limits: YAMLLimits(maxFileBytes: 1 << 30, maxNodes: 1 << 30)).load(bytes: bytes, file: "bench.yaml")
    tree = min(tree, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    nodes = doc.root.pairs?.first?.value.items?.count ?? 0
    kept = nil
    kept = doc
}
print(String(format: "YAML corpus: %.1f MB, %d events, %d items", mb, events, nodes))
print(String(format: "(a) libyaml event loop     %8.1f MB/s", mb / raw))
print(String(format: "(b) YAMLTree loader (tree) %8.1f MB/s", mb / tree))
print(String(format: "ratio b/a: %.2f (target: at least 0.50)", raw / tree))
