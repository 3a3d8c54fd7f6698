// claims-bench: builds databases of synthetic claims through the project's own import path and
// times whole `claims` processes on them: median of several runs after a warm-up, and peak
// memory. It prints figures; it asserts nothing. See BENCHMARKS.md for how to run it.
//
//   swift build -c release && .build/release/claims-bench [--sizes 10000,100000,1000000] [--runs 5] [--dir .build-bench]
//       [--sections commands,log,transfers,postgres] [--postgres postgres://admin@host/db] [--extract-only]
import ClaimsCore
import ClaimsStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

typealias Seeded = SplitMix64

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
/// Which tables to print: commands (listings, show, scorecards), log (checkpoint, prove,
/// verify), transfers (import and export at each size), and postgres (the same database on
/// PostgreSQL, beside psql; needs --postgres, a URL of a role that may create databases).
let sections = Set(option("--sections", "commands,log,transfers").split(separator: ",").map(String.init))
if sections.contains("postgres"), option("--postgres", "").isEmpty {
    say("postgres: the section needs --postgres URL, of a role that may create databases"); exit(2)
}
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
    let episode = rng.next() % 500
    let source = try! Source(key: "source-\(episode)", kind: .podcast, title: "Episode \(episode)")
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
    var rng = Seeded(seed: 42)
    let change = Change(author: "bench", at: Timestamp(millisecondsSinceEpoch: 1_700_000_000_000), reason: "import bench")
    var batch: [NewClaim] = []
    for i in 0..<n {
        batch.append(claim(i, &rng))
        if batch.count == 5000 || i == n - 1 { _ = try db.sync(batch, change: change); batch.removeAll(keepingCapacity: true) }
    }
    let later = Change(author: "bench", at: Timestamp(millisecondsSinceEpoch: 1_700_100_000_000), reason: "edit bench")
    var rng2 = Seeded(seed: 7)
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
    if status != 0 { say("  FAILED (status \(status)): \(argv.joined(separator: " ").prefix(160))"); return (.nan, .nan) }
    let kb = (try? String(contentsOfFile: report, encoding: .utf8))?.split(separator: "\n").last.flatMap { Double($0) } ?? .nan
    return (seconds, kb / 1024)
}

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }

func ms(_ s: Double) -> String { String(format: "%8.1f ms", s * 1000) }

/// Times `argv` `runs` times after one warm-up: median seconds and the largest peak memory.
func time(_ argv: [String], prepare: () -> Void = {}) -> (Double, Double) {
    prepare()
    _ = measure(argv)
    var results: [(Double, Double)] = []
    for _ in 0..<runs { prepare(); results.append(measure(argv)) }
    return (median(results.map(\.0)), results.map(\.1).max() ?? .nan)
}

let today = "2026-11-23"
/// The present state of every claim, in plain SQL: what the commands read.
let current = """
    claim_heads h JOIN claim_versions v ON v.claim_id = h.claim_id AND v.version = h.version
    LEFT JOIN resolutions r ON r.claim_id = h.claim_id AND r.revision = h.revision
    """

/// Whether `claims` carries the Swift runtime and Foundation itself (`swift build -c release
/// --static-swift-stdlib`), as a release should: it then starts in about half the time.
func linksSwiftStatically(_ path: String) -> Bool {
    guard let data = FileManager.default.contents(atPath: path) else { return false }
    return data.range(of: Data("libswiftCore.so".utf8)) == nil
}

say("claims-bench: median of \(runs) runs after 1 warm-up (wall time of the whole process); peak memory of the process")
say("claims: \(binary), Swift runtime linked \(linksSwiftStatically(binary) ? "statically" : "dynamically (build with --static-swift-stdlib to measure a release)")")
say("sqlite3: the nearest plain SQL in the sqlite3 shell on the same file; ratio = claims ÷ sqlite3")
let version = time([binary, "--version"])
say("\nclaims --version: \(ms(version.0)), \(String(format: "%.1f", version.1)) MB")

/// `claims extract` on a megabyte of transcript: the interview's captions repeated, and the
/// panel's WebVTT cues repeated with later and later times (issue: under 2 s).
func extractBench() {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    guard let interview = try? String(contentsOf: root.appendingPathComponent("examples/interview/interview-en.txt"), encoding: .utf8),
          let panel = try? String(contentsOf: root.appendingPathComponent("Tests/Fixtures/transcripts/panel.vtt"), encoding: .utf8) else {
        say("\nextract: the example transcripts are not beside this build; skipped"); return
    }
    var plain = ""
    while plain.utf8.count < 1_000_000 { plain += interview + "\n" }
    let texts = panel.components(separatedBy: "\n\n").compactMap { cue -> String? in
        let lines = cue.split(separator: "\n")
        return lines.count >= 3 && lines[1].contains("-->") ? String(lines[2]) : nil
    }
    var vtt = "WEBVTT\n\n", t = 0
    func clock(_ s: Int) -> String { String(format: "%02d:%02d:%02d.000", s / 3600, s / 60 % 60, s % 60) }
    while vtt.utf8.count < 1_000_000 {
        for text in texts { vtt += "\(clock(t)) --> \(clock(t + 5))\n\(text)\n\n"; t += 5 }
    }
    for (name, text) in [("transcript-1mb.txt", plain), ("transcript-1mb.vtt", vtt)] {
        let path = dir.appendingPathComponent(name).path
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent(name + ".drafts.yaml").path
        let r = time([binary, "extract", path, "--said-on", "2025-10-23", "--out", out])
        say("extract \(name) (\(text.utf8.count / 1000) kB): \(ms(r.0)), \(String(format: "%.1f", r.1)) MB")
    }
}
say("")
extractBench()
if CommandLine.arguments.contains("--extract-only") { exit(0) }

for n in sizes {
    let (path, seconds) = try build(n)
    let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    // The same present rows in a plain table without history, for the size comparison.
    let plain = dir.appendingPathComponent("plain-\(n).sqlite").path
    if !FileManager.default.fileExists(atPath: plain) {
        _ = measure(["/usr/bin/sqlite3", plain, """
            ATTACH '\(path)' AS s;
            CREATE TABLE plain AS SELECT v.claim_id, v.statement, v.claimant, v.said_on, v.source_id, v.quote, v.location, v.criteria,
              v.window_start, v.window_end, v.window_phrase, v.confidence_words, v.stated_probability, v.notes,
              (SELECT group_concat(tag, ';') FROM s.claim_tags t WHERE t.claim_id = v.claim_id AND t.version = v.version) AS tags,
              r.outcome, r.settled_on, r.evidence, r.note
            FROM s.claim_heads h JOIN s.claim_versions v ON v.claim_id = h.claim_id AND v.version = h.version
            LEFT JOIN s.resolutions r ON r.claim_id = h.claim_id AND r.revision = h.revision;
            CREATE UNIQUE INDEX plain_id ON plain (claim_id);
            CREATE TABLE plain_forecasts AS SELECT claim_id, forecaster, probability, made_on FROM s.forecasts;
            VACUUM;
            """])
    }
    let plainBytes = (try? FileManager.default.attributesOfItem(atPath: plain)[.size] as? Int) ?? 0
    say("\n\(n) claims: \(path)" + (seconds > 0 ? String(format: ", built through the import path in %.1f s (%.0f claims/s)", seconds, Double(n) / seconds) : ""))
    say(String(format: "  on disk: %.1f MB, %.0f bytes per claim; the same present rows in a plain table: %.1f MB (%.0f bytes per claim), ratio %.2f",
               Double(bytes) / 1_048_576, Double(bytes) / Double(n), Double(plainBytes) / 1_048_576, Double(plainBytes) / Double(n),
               Double(bytes) / Double(max(1, plainBytes))))
    let id = String(format: "c%07d", n / 2)
    let cases: [(String, [String], String)] = [
        ("due --limit 50", ["due", "--limit", "50", "--today", today], """
            SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(current)
            WHERE r.revision IS NULL AND v.window_end < '\(today)' ORDER BY v.window_end, v.claim_id LIMIT 50
            """),
        ("list --limit 50", ["list", "--limit", "50", "--today", today], """
            SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(current)
            WHERE v.window_end IS NOT NULL ORDER BY v.window_end, v.claim_id LIMIT 50
            """),
        ("list --tag robotics --limit 50", ["list", "--tag", "robotics", "--limit", "50", "--today", today], """
            SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(current)
            JOIN claim_tags t ON t.claim_id = v.claim_id AND t.version = v.version AND t.tag = 'robotics'
            ORDER BY v.window_end, v.claim_id LIMIT 50
            """),
        ("list --search 1234 --limit 50 (rare)", ["list", "--search", "1234", "--limit", "50", "--today", today], """
            SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(current)
            JOIN claim_search_rows sr ON sr.claim_id = v.claim_id
            WHERE sr.row IN (SELECT rowid FROM claim_search WHERE claim_search MATCH '"1234"')
            ORDER BY v.window_end, v.claim_id LIMIT 50
            """),
        ("list --search zebra --limit 50 (absent)", ["list", "--search", "zebra", "--limit", "50", "--today", today], """
            SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(current)
            JOIN claim_search_rows sr ON sr.claim_id = v.claim_id
            WHERE sr.row IN (SELECT rowid FROM claim_search WHERE claim_search MATCH '"zebra"')
            ORDER BY v.window_end, v.claim_id LIMIT 50
            """),
        ("list --claimant 'Speaker 7'", ["list", "--claimant", "Speaker 7", "--today", today], """
            SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(current)
            WHERE v.claimant = 'Speaker 7' COLLATE NOCASE ORDER BY v.window_end, v.claim_id
            """),
        ("list --due-before 2020-03-01", ["list", "--due-before", "2020-03-01", "--today", today], """
            SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(current)
            WHERE v.window_end <= '2020-03-01' ORDER BY v.window_end, v.claim_id
            """),
        ("list --due-after 2029-06-01 --limit 50", ["list", "--due-after", "2029-06-01", "--limit", "50", "--today", today], """
            SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(current)
            WHERE v.window_end >= '2029-06-01' ORDER BY v.window_end, v.claim_id LIMIT 50
            """),
        ("list --status open --limit 50", ["list", "--status", "open", "--limit", "50", "--today", today], """
            SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(current)
            WHERE r.revision IS NULL AND v.window_end >= '\(today)' ORDER BY v.window_end, v.claim_id LIMIT 50
            """),
        ("list --status resolved --limit 50", ["list", "--status", "resolved", "--limit", "50", "--today", today], """
            SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(current)
            WHERE r.revision IS NOT NULL ORDER BY v.window_end, v.claim_id LIMIT 50
            """),
        ("list --claimant 'Speaker 7' --limit 50", ["list", "--claimant", "Speaker 7", "--limit", "50", "--today", today], """
            SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(current)
            WHERE v.claimant = 'Speaker 7' COLLATE NOCASE ORDER BY v.window_end, v.claim_id LIMIT 50
            """),
        ("list --source source-7 --limit 50", ["list", "--source", "source-7", "--limit", "50", "--today", today], """
            SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(current)
            WHERE v.source_id IN (SELECT id FROM sources WHERE key = 'source-7' OR instr(lower(title), 'source-7') > 0)
            ORDER BY v.window_end, v.claim_id LIMIT 50
            """),
        // Between the claims' first versions (2023-11-14) and the second versions of one in ten.
        ("list --as-of 2023-11-15 --limit 50", ["list", "--as-of", "2023-11-15T12:00:00Z", "--limit", "50", "--today", today], """
            SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM claim_versions v
            WHERE v.version = (SELECT max(version) FROM claim_versions WHERE claim_id = v.claim_id AND recorded_at <= '2023-11-15T12:00:00.000Z')
              AND v.window_end IS NOT NULL ORDER BY v.window_end, v.claim_id LIMIT 50
            """),
        // Before any claim was recorded: nothing to list, found as such.
        ("list --as-of 2023-01-01 --limit 50 (none yet)", ["list", "--as-of", "2023-01-01T00:00:00Z", "--limit", "50", "--today", today], """
            SELECT id FROM claims WHERE created_at <= '2023-01-01T00:00:00.000Z' LIMIT 50
            """),
        ("show \(id)", ["show", id, "--today", today], """
            SELECT * FROM claim_versions WHERE claim_id = '\(id)' ORDER BY version DESC LIMIT 1;
            SELECT * FROM forecasts WHERE claim_id = '\(id)'; SELECT * FROM resolutions WHERE claim_id = '\(id)' ORDER BY revision DESC LIMIT 1
            """),
        ("history \(id)", ["history", id], """
            SELECT * FROM claim_versions WHERE claim_id = '\(id)' ORDER BY version;
            SELECT * FROM forecasts WHERE claim_id = '\(id)'; SELECT * FROM resolutions WHERE claim_id = '\(id)' ORDER BY revision
            """),
        ("scorecard (by claimant)", ["scorecard", "--today", today], """
            SELECT v.claimant, count(*), sum(r.outcome = 'true'), sum(r.outcome = 'false'),
              avg(CASE WHEN r.outcome IN ('true','false') AND v.stated_probability IS NOT NULL
                  THEN (v.stated_probability - (r.outcome = 'true')) * (v.stated_probability - (r.outcome = 'true')) END)
            FROM \(current) GROUP BY v.claimant
            """),
        ("scorecard --by none", ["scorecard", "--by", "none", "--today", today], """
            SELECT count(*), sum(r.outcome = 'true'), avg(CASE WHEN r.outcome IN ('true','false') AND v.stated_probability IS NOT NULL
                  THEN (v.stated_probability - (r.outcome = 'true')) * (v.stated_probability - (r.outcome = 'true')) END),
              sum(v.stated_probability >= 0.9), sum(v.stated_probability < 0.1)
            FROM \(current)
            """),
        ("report", ["report", "--out", dir.appendingPathComponent("report.html").path, "--today", today], """
            SELECT v.claimant, count(*), avg(CASE WHEN r.outcome IN ('true','false') AND v.stated_probability IS NOT NULL
                  THEN (v.stated_probability - (r.outcome = 'true')) * (v.stated_probability - (r.outcome = 'true')) END)
            FROM \(current) GROUP BY v.claimant
            """),
    ]
    // The verifiable log: a signed checkpoint (from the stored head), a proof, and a full verify
    // against a checkpoint (every leaf recomputed from its event); sqlite3 beside them reads the
    // head, and runs its own integrity check.
    let key = dir.appendingPathComponent("signing-key").path
    if !FileManager.default.fileExists(atPath: key) { _ = measure([binary, "key", "generate", "--key", key, "--name", "bench/log"]) }
    let checkpointFile = dir.appendingPathComponent("checkpoint-\(n).txt").path
    _ = measure([binary, "checkpoint", "--key", key, "--out", checkpointFile, "--db", path])
    let logCases: [(String, [String], String)] = [
        ("checkpoint (signed)", ["checkpoint", "--key", key], "SELECT size, hex(frontier) FROM log_head"),
        ("prove \(id)", ["prove", id, "--key", key], "SELECT b.first_seq + e.key FROM log_batches b, json_each(b.events) e WHERE e.value ->> 1 = '\(id)'"),
        ("verify --checkpoint", ["verify", "--checkpoint", checkpointFile, "--key", key], "PRAGMA integrity_check"),
    ]
    guard sections.contains("commands") else { continue }
    say("  " + "command".padding(toLength: 34, withPad: " ", startingAt: 0) + "      claims      peak     sqlite3   ratio")
    for (name, args, sql) in cases + (sections.contains("log") ? logCases : []) {
        let ours = time([binary] + args + ["--db", path])
        let theirs = time(["/usr/bin/sqlite3", path, sql])
        say("  " + name.padding(toLength: 34, withPad: " ", startingAt: 0) + " \(ms(ours.0)) \(String(format: "%6.1f MB", ours.1)) \(ms(theirs.0)) \(String(format: "%6.2f", ours.0 / theirs.0))")
    }
}

// Import and export at each size, each into or from a database of its own: JSON Lines and CSV
// (and claim files up to 100,000 claims), peak memory of each, and beside them sqlite3 importing
// the same CSV into a plain table. Imports at 1,000,000 claims or more run once.
if sections.contains("transfers") {
    for n in sizes {
        let (path, _) = try build(n)
        let files = dir.appendingPathComponent("transfer-\(n)")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        let jsonl = files.appendingPathComponent("claims.jsonl").path, csv = files.appendingPathComponent("claims.csv").path
        let yaml = files.appendingPathComponent("yaml").path
        let once = n >= 1_000_000
        func timed(_ argv: [String], prepare: () -> Void = {}) -> (Double, Double) {
            if once { prepare(); return measure(argv) }
            return time(argv, prepare: prepare)
        }
        func row(_ name: String, _ r: (Double, Double), rate: Bool = true) {
            say("  " + name.padding(toLength: 44, withPad: " ", startingAt: 0) + " \(ms(r.0)) \(String(format: "%7.1f MB", r.1))"
                + (rate ? String(format: "  %8.0f claims/s", Double(n) / r.0) : ""))
        }
        say("\n\(n) claims: export and import (\(once ? "one run" : "median of \(runs) after a warm-up"))")
        row("export --format jsonl", timed([binary, "export", jsonl, "--format", "jsonl", "--db", path]))
        row("export --format csv", timed([binary, "export", csv, "--format", "csv", "--db", path]))
        if n <= 100_000 { row("export (claim files)", timed([binary, "export", yaml, "--db", path])) }
        let target = dir.appendingPathComponent("transfer-target.sqlite").path
        let fresh = { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) } }
        row("import claims.jsonl (new database)", timed([binary, "import", jsonl, "--db", target], prepare: fresh))
        row("import claims.jsonl again (unchanged)", timed([binary, "import", jsonl, "--db", target]))
        row("import claims.csv (new database)", timed([binary, "import", csv, "--db", target], prepare: fresh))
        if n <= 100_000 { row("import claim files (new database)", timed([binary, "import", yaml, "--db", target], prepare: fresh)) }
        let plain = timed(["/usr/bin/sqlite3", target, ".mode csv", ".import \(csv) plain"], prepare: fresh)
        say("  " + "sqlite3 .import claims.csv (plain table)".padding(toLength: 44, withPad: " ", startingAt: 0) + " \(ms(plain.0))            "
            + String(format: "  %8.0f rows/s", Double(n) / plain.0))
        fresh()
    }
}

// The same databases on PostgreSQL (copied from the SQLite ones with `claims copy`), each command
// beside psql running the nearest plain SQL on the same database, and imports into a new one.
if sections.contains("postgres"), case let admin = option("--postgres", ""), !admin.isEmpty {
    let psql = ["/usr/bin/psql", "-qAtX"]
    guard FileManager.default.isExecutableFile(atPath: psql[0]) else {
        say("postgres: psql is missing (Debian: apt-get install postgresql-client)"); exit(1)
    }
    func database(_ name: String) -> String {
        guard let slash = admin.range(of: "/", options: .backwards) else { return admin }
        return admin[..<slash.upperBound] + name
    }
    /// What `argv` (psql with one query) prints, trimmed; nil when it fails.
    func psqlValue(_ argv: [String]) -> String? {
        let process = Process(), out = Pipe()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    func recreate(_ name: String) { _ = measure(psql + [admin, "-c", "DROP DATABASE IF EXISTS \(name)", "-c", "CREATE DATABASE \(name)"]) }
    let pgCurrent = """
        claim_heads h JOIN claim_versions v ON v.claim_id = h.claim_id AND v.version = h.version
        LEFT JOIN resolutions r ON r.claim_id = h.claim_id AND r.revision = h.revision
        """
    for n in sizes {
        let (path, _) = try build(n)
        let name = "claims_bench_\(n)", url = database(name)
        // Copied once: a database that holds the n claims already (on this server: a
        // throwaway cluster starts empty) is used as it is.
        if psqlValue(psql + [url, "-c", "SELECT count(*) FROM claims"]) != String(n) {
            recreate(name)
            let copy = measure([binary, "copy", "--from", path, "--to", url])
            say(String(format: "\n%d claims copied from SQLite to PostgreSQL (claims copy) in %.1f s (%.0f claims/s)", n, copy.seconds, Double(n) / copy.seconds))
        }
        _ = measure(psql + [url, "-c", "VACUUM ANALYZE"])
        let id = String(format: "c%07d", n / 2)
        let cases: [(String, [String], String)] = [
            ("due --limit 50", ["due", "--limit", "50", "--today", today], """
                SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(pgCurrent)
                WHERE r.revision IS NULL AND v.withdrawn IS NULL AND v.window_end < '\(today)' ORDER BY v.window_end, v.claim_id LIMIT 50
                """),
            ("due --within 30d", ["due", "--within", "30d", "--today", today], """
                SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(pgCurrent)
                WHERE r.revision IS NULL AND v.withdrawn IS NULL AND v.window_end <= '2026-12-23' ORDER BY v.window_end, v.claim_id
                """),
            ("list --limit 50", ["list", "--limit", "50", "--today", today], """
                SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(pgCurrent)
                WHERE v.window_end IS NOT NULL AND v.withdrawn IS NULL ORDER BY v.window_end, v.claim_id LIMIT 50
                """),
            ("list --tag robotics --limit 50", ["list", "--tag", "robotics", "--limit", "50", "--today", today], """
                SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(pgCurrent)
                JOIN claim_tags t ON t.claim_id = v.claim_id AND t.version = v.version AND t.tag = 'robotics'
                ORDER BY v.window_end, v.claim_id LIMIT 50
                """),
            ("list --claimant 'Speaker 7' --limit 50", ["list", "--claimant", "Speaker 7", "--limit", "50", "--today", today], """
                SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(pgCurrent)
                WHERE lower(v.claimant) = lower('Speaker 7') ORDER BY v.window_end, v.claim_id LIMIT 50
                """),
            ("list --due-before 2020-03-01", ["list", "--due-before", "2020-03-01", "--today", today], """
                SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(pgCurrent)
                WHERE v.window_end <= '2020-03-01' ORDER BY v.window_end, v.claim_id
                """),
            ("list --status open --limit 50", ["list", "--status", "open", "--limit", "50", "--today", today], """
                SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(pgCurrent)
                WHERE r.revision IS NULL AND v.window_end >= '\(today)' ORDER BY v.window_end, v.claim_id LIMIT 50
                """),
            ("list --source source-7 --limit 50", ["list", "--source", "source-7", "--limit", "50", "--today", today], """
                SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(pgCurrent)
                WHERE v.source_id IN (SELECT id FROM sources WHERE key = 'source-7' OR strpos(lower(title), 'source-7') > 0)
                ORDER BY v.window_end, v.claim_id LIMIT 50
                """),
            ("list --search 1234 --limit 50 (rare)", ["list", "--search", "1234", "--limit", "50", "--today", today], """
                SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(pgCurrent)
                JOIN claim_words w ON w.claim_id = v.claim_id AND w.version = v.version
                WHERE array_to_tsvector(string_to_array(w.words, ' ')) @@ '1234'::tsquery ORDER BY v.window_end, v.claim_id LIMIT 50
                """),
            ("list --search zebra --limit 50 (absent)", ["list", "--search", "zebra", "--limit", "50", "--today", today], """
                SELECT v.claim_id, v.window_end, v.claimant, v.statement FROM \(pgCurrent)
                JOIN claim_words w ON w.claim_id = v.claim_id AND w.version = v.version
                WHERE array_to_tsvector(string_to_array(w.words, ' ')) @@ 'zebra'::tsquery ORDER BY v.window_end, v.claim_id LIMIT 50
                """),
            ("show \(id)", ["show", id, "--today", today], """
                SELECT * FROM claim_versions WHERE claim_id = '\(id)' ORDER BY version DESC LIMIT 1;
                SELECT * FROM forecasts WHERE claim_id = '\(id)'; SELECT * FROM resolutions WHERE claim_id = '\(id)' ORDER BY revision DESC LIMIT 1
                """),
            ("history \(id)", ["history", id], """
                SELECT * FROM claim_versions WHERE claim_id = '\(id)' ORDER BY version;
                SELECT * FROM forecasts WHERE claim_id = '\(id)'; SELECT * FROM resolutions WHERE claim_id = '\(id)' ORDER BY revision
                """),
            ("scorecard --by none", ["scorecard", "--by", "none", "--today", today], """
                SELECT count(*), avg(CASE WHEN r.outcome IN ('true','false') AND v.stated_probability IS NOT NULL
                  THEN (v.stated_probability - (r.outcome = 'true')::int) ^ 2 END) FROM \(pgCurrent)
                """),
        ]
        say("\n\(n) claims on PostgreSQL (median of \(runs) after a warm-up)")
        say("  " + "command".padding(toLength: 38, withPad: " ", startingAt: 0) + "      claims      peak        psql   ratio")
        for (caseName, args, sql) in cases {
            let ours = time([binary] + args + ["--db", url])
            let theirs = time(psql + [url, "-c", sql])
            say("  " + caseName.padding(toLength: 38, withPad: " ", startingAt: 0) + " \(ms(ours.0)) \(String(format: "%6.1f MB", ours.1)) \(ms(theirs.0)) \(String(format: "%6.2f", ours.0 / theirs.0))")
        }
        let jsonl = dir.appendingPathComponent("transfer-\(n)/claims.jsonl").path
        if FileManager.default.fileExists(atPath: jsonl) {
            let target = "claims_bench_import"
            recreate(target)
            let r = measure([binary, "import", jsonl, "--db", database(target)])
            say("  " + "import claims.jsonl (new database)".padding(toLength: 38, withPad: " ", startingAt: 0)
                + " \(ms(r.seconds)) \(String(format: "%6.1f MB", r.megabytes))  \(String(format: "%8.0f claims/s", Double(n) / r.seconds))")
            _ = measure(psql + [admin, "-c", "DROP DATABASE IF EXISTS \(target)"])
        }
    }
}
