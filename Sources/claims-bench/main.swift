// claims-bench: builds databases of synthetic claims through the project's own import path and
// times whole `claims` processes on them: median of several runs after a warm-up, and peak
// memory. It prints figures; it asserts nothing. See BENCHMARKS.md for how to run it.
//
//   swift build -c release && .build/release/claims-bench [--sizes 10000,100000,1000000] [--runs 5] [--dir .build-bench]
import ClaimsCore
import ClaimsStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// SplitMix64: a small, seeded, repeatable generator, so every run builds the same databases.
struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Unbuffered, so progress shows as it happens even when output goes to a file.
func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: String) -> String {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return fallback }
    return arguments[i + 1]
}
let sizes = option("--sizes", "10000,100000,1000000").split(separator: ",").compactMap { Int($0) }
let runs = Int(option("--runs", "5")) ?? 5
let dir = URL(fileURLWithPath: option("--dir", ".build-bench"))
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("claims").path
guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else {
    FileHandle.standardError.write(Data("claims-bench needs /usr/bin/time (Debian: apt-get install time)\n".utf8))
    exit(1)
}
try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)

let words = ["almost certain", "extremely likely", "very likely", "likely", "maybe", "unlikely", "very unlikely", "I think", "highly likely", "probably"]
let topics = ["agents", "science", "economy", "chips", "policy", "health", "energy", "robotics", "markets", "climate"]

/// The claims of a synthetic tracker: many claimants and sources, tags, windows over a decade,
/// a stated probability for 60%, confidence words for 20%, flat assertions for 20%, forecasts
/// on 30%, resolutions for about half.
func claim(_ i: Int, _ rng: inout Seeded) -> NewClaim {
    let said = try! Day("2020-01-01").adding(days: Int(rng.next() % 2500))
    let claimant = "Speaker \(Int(pow(Double(rng.next() % 1_000_000) / 1_000_000, 2) * 2000))"
    let source = try! Source(key: "source-\(rng.next() % 500)", kind: .podcast, title: "Episode \(rng.next() % 500)")
    let end = said.adding(days: 30 + Int(rng.next() % 1800))
    let window = try! DueWindow(start: said, end: end, phrase: "by \(end.year)")
    let kind = rng.next() % 10
    var confidence = Confidence.none
    if kind < 6 { confidence = Confidence(stated: try! Probability(Double(rng.next() % 99 + 1) / 100)) }
    else if kind < 8 { confidence = Confidence(words: words[Int(rng.next() % UInt64(words.count))]) }
    let tags = (0..<Int(rng.next() % 3)).map { _ in topics[Int(rng.next() % UInt64(topics.count))] }
    let content = ClaimContent(statement: try! NonEmptyText("Claim number \(i): something measurable will happen by \(end).", field: "s"),
                               claimant: try! NonEmptyText(claimant, field: "c"), saidOn: said, source: source,
                               quote: "I think it will happen by \(end.year).", location: "00:\(rng.next() % 60):00",
                               criteria: "A public record shows it by \(end).", window: window, confidence: confidence, tags: tags)
    var forecasts: [Forecast] = []
    if rng.next() % 10 < 3 {
        for _ in 0..<(1 + Int(rng.next() % 3)) {
            forecasts.append(Forecast(forecaster: try! NonEmptyText("Forecaster \(rng.next() % 200)", field: "f"),
                                      probability: try! Probability(Double(rng.next() % 99 + 1) / 100), madeOn: said))
        }
    }
    var resolution: Resolution?
    if end < (try! Day("2026-11-23")) && rng.next() % 100 < 70 {
        let outcomes: [Outcome] = [.true, .false, .false, .true, .false, .partial, .annulled, .true, .false, .false]
        resolution = Resolution(outcome: outcomes[Int(rng.next() % 10)], settledOn: end, evidence: ["https://example.org/\(i)"])
    }
    return NewClaim(id: try! ClaimID(String(format: "c%07d", i)), content: content, forecasts: forecasts, resolution: resolution)
}

/// Builds the database of `n` claims through `ClaimsDatabase.sync` (what `claims import` runs),
/// in transactions of 5,000; then gives one claim in ten a second version.
func build(_ n: Int) throws -> (path: String, seconds: Double) {
    let path = dir.appendingPathComponent("claims-\(n).sqlite").path
    if FileManager.default.fileExists(atPath: path) { return (path, 0) }
    let start = Date()
    try fill(path + ".part", n)
    let seconds = Date().timeIntervalSince(start)
    try FileManager.default.moveItem(atPath: path + ".part", toPath: path)
    return (path, seconds)
}

/// Fills the database, and closes it (when `db` goes) before the file is renamed.
func fill(_ path: String, _ n: Int) throws {
    let db = try ClaimsDatabase(path: path, mode: .createIfMissing)
    var rng = Seeded(state: 42)
    let change = Change(author: "bench", at: Timestamp(millisecondsSinceEpoch: 1_700_000_000_000), reason: "import bench")
    var batch: [NewClaim] = []
    for i in 0..<n {
        batch.append(claim(i, &rng))
        if batch.count == 5000 || i == n - 1 { _ = try db.sync(batch, change: change); batch.removeAll(keepingCapacity: true) }
    }
    let later = Change(author: "bench", at: Timestamp(millisecondsSinceEpoch: 1_700_100_000_000), reason: "edit bench")
    var rng2 = Seeded(state: 7)
    for i in stride(from: 0, to: n, by: 10) {
        var c = claim(i, &rng2)
        c.content.criteria = "Revised: a public record shows it."
        batch.append(c)
        if batch.count == 5000 { _ = try db.sync(batch, change: later); batch.removeAll(keepingCapacity: true) }
    }
    if !batch.isEmpty { _ = try db.sync(batch, change: later) }
    try db.unsafeExecute("PRAGMA wal_checkpoint(TRUNCATE)")
}

/// Runs a process to the end; returns wall seconds and its peak resident memory in MB.
///
/// The command runs under /usr/bin/time, which reports its child's peak memory: a process
/// spawned straight from this one would share this one's memory until it starts (posix_spawn
/// clones the address space), and its peak would count the databases this program just built.
func measure(_ argv: [String]) -> (seconds: Double, megabytes: Double) {
    let report = dir.appendingPathComponent("time.out").path
    let wrapped = ["/usr/bin/time", "-f", "%M", "-o", report] + argv
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let cargs = wrapped.map { strdup($0) } + [nil]
    defer { cargs.forEach { free($0) } }
    let start = Date()
    guard posix_spawn(&pid, wrapped[0], &actions, nil, cargs, environ) == 0 else { return (.nan, .nan) }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let seconds = Date().timeIntervalSince(start)
    let kb = (try? String(contentsOfFile: report, encoding: .utf8))?.split(separator: "\n").last.flatMap { Double($0) } ?? .nan
    return (seconds, kb / 1024)
}

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }

say("claims-bench: \(runs) runs after 1 warm-up; median wall time, peak memory (max RSS)")
for n in sizes {
    let (path, seconds) = try build(n)
    let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    say("\n\(n) claims: \(path)" + (seconds > 0 ? String(format: ", built in %.1f s (%.0f claims/s)", seconds, Double(n) / seconds) : "") +
          String(format: ", %.1f MB on disk, %.0f bytes per claim", Double(bytes) / 1_048_576, Double(bytes) / Double(n)))
    let commands: [(String, [String])] = [
        ("scorecard", ["scorecard", "--today", "2026-11-23"]),
        ("scorecard --by none", ["scorecard", "--by", "none", "--today", "2026-11-23"]),
        ("scorecard --by tag", ["scorecard", "--by", "tag", "--today", "2026-11-23"]),
        ("scorecard --use forecasters", ["scorecard", "--use", "forecasters", "--by", "forecaster", "--today", "2026-11-23"]),
    ]
    say(String(repeating: " ", count: 2) + "command".padding(toLength: 30, withPad: " ", startingAt: 0) + "   median      peak")
    for (name, args) in commands {
        let argv = [binary] + args + ["--db", path]
        _ = measure(argv)
        let results = (0..<runs).map { _ in measure(argv) }
        say("  " + name.padding(toLength: 30, withPad: " ", startingAt: 0)
              + String(format: " %8.0f ms %6.1f MB", median(results.map(\.seconds)) * 1000, results.map(\.megabytes).max() ?? 0))
    }
}
