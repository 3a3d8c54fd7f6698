import Foundation
import Testing

/// Several processes writing at once (adds, edits, resolves on the same claims) while another
/// reads: no write lost, no version skipped or repeated, no "database is locked" reaching anyone,
/// and every read a whole state.
@Suite(.serialized) struct ConcurrencyTests {
    @Test(.enabled(if: EndToEndTests.binary != nil), arguments: [2, 4])
    func writersNeverLoseOrTearAWrite(_ writers: Int) throws {
        let w = Workspace()
        let claims = 6, opsPerWriter = 12
        for i in 0..<claims { _ = w.add("Shared claim \(i)", ["--id", "s\(i)", "--window-end", "2026-06-30"]) }
        final class Shared: @unchecked Sendable {
            let lock = NSLock()
            var failures: [String] = []
            var edits: [Int], resolves: [Int]
            var reads = 0
            var writing = true
            init(_ n: Int) { edits = Array(repeating: 0, count: n); resolves = edits }
            func with<T>(_ body: (Shared) -> T) -> T { lock.lock(); defer { lock.unlock() }; return body(self) }
        }
        let shared = Shared(claims)
        let deadline = Date().addingTimeInterval(120)
        let group = DispatchGroup()
        // A reader, for as long as the writers write: every snapshot must be whole JSON.
        DispatchQueue.global().async(group: group) {
            while shared.with({ $0.writing }) && Date() < deadline {
                guard let r = try? ClaimsProcess.run(["list", "--format", "json"], db: w.dbPath) else { continue }
                shared.with { s in
                    s.reads += 1
                    if r.code != 0 || (try? JSONSerialization.jsonObject(with: Data(r.out.utf8))) == nil { s.failures.append("read: \(r.err)") }
                }
            }
        }
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            for op in 0..<opsPerWriter where Date() < deadline {
                let target = (writer + op) % claims
                let args: [String]
                switch op % 3 {
                case 0: args = ["add", "Writer \(writer) claim \(op)", "--id", "w\(writer)-\(op)", "--claimant", "W\(writer)"]
                case 1: args = ["edit", "s\(target)", "--notes", "writer \(writer) op \(op)", "--reason", "concurrent edit"]
                default: args = ["resolve", "s\(target)", "--outcome", op % 2 == 0 ? "true" : "false", "--settled-on", "2026-06-30"]
                }
                let r = (try? ClaimsProcess.run(args, db: w.dbPath)) ?? (code: -1, out: "", err: "could not start")
                shared.with { s in
                    if r.code != 0 || r.err.lowercased().contains("locked") { s.failures.append("\(args.joined(separator: " ")): \(r.err)") }
                    else if op % 3 == 1 { s.edits[target] += 1 } else if op % 3 == 2 { s.resolves[target] += 1 }
                }
            }
        }
        shared.with { $0.writing = false }
        group.wait()
        let (failures, reads, edits, resolves) = shared.with { ($0.failures, $0.reads, $0.edits, $0.resolves) }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(reads > 0)
        for i in 0..<claims {
            let history = try #require(try w.json(["history", "s\(i)"]) as? [[String: Any]])
            let versions = history.filter { $0["kind"] as? String == "version" }.compactMap { $0["number"] as? Int }
            let revisions = history.filter { $0["kind"] as? String == "resolution" }.compactMap { $0["number"] as? Int }
            #expect(versions == Array(1...(1 + edits[i])), "s\(i): versions \(versions), \(edits[i]) edits")
            #expect(revisions == (resolves[i] == 0 ? [] : Array(1...resolves[i])), "s\(i): revisions \(revisions)")
        }
        let added = try ClaimsProcess.ids(w.dbPath).filter { $0.hasPrefix("w") }.count
        #expect(added == writers * ((opsPerWriter + 2) / 3))
        #expect(try ClaimsProcess.run(["verify"], db: w.dbPath).code == 0)
    }
}

@Suite struct BusyDatabaseTests {
    @Test func aLockHeldTooLongIsAClearErrorAndWritesNothing() throws {
        let w = Workspace()
        _ = w.add("x", ["--id", "x"])
        let before = w.databaseBytes
        // Another connection holds the write lock for the whole attempt.
        let holder = try GRDBHolder(path: w.dbPath)
        defer { holder.release() }
        let r = w.run(["edit", "x", "--notes", "n", "--reason", "r"], environment: ["CLAIMS_BUSY_TIMEOUT": "0.2"])
        #expect(r.code == 1)
        #expect(r.err.contains("is busy: another process has held it for more than 0.2 s. Nothing was written"), "\(r.err)")
        holder.release()
        #expect(w.databaseBytes == before)
        #expect(w.run(["edit", "x", "--notes", "n", "--reason", "r"]).code == 0)
    }
}

/// Creating a database, or migrating an old one, from several processes at once: each waits for
/// the others as any write does, and none fails ("table sources already exists").
@Suite(.serialized) struct ConcurrentCreationTests {
    static let fixture = Workspace.repositoryRoot.appendingPathComponent("Tests/Fixtures/claims-schema-0001.sqlite")

    func together(_ n: Int, _ arguments: @escaping @Sendable (Int) -> [String], db: String) -> [(code: Int32, err: String)] {
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var all: [(Int32, String)] = []
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: n) { i in
            let r = (try? ClaimsProcess.run(arguments(i), db: db)) ?? (code: -1, out: "", err: "could not start")
            results.lock.lock()
            results.all.append((r.code, r.err))
            results.lock.unlock()
        }
        return results.all.map { (code: $0.0, err: $0.1) }
    }

    @Test(.enabled(if: EndToEndTests.binary != nil))
    func eightProcessesCreateOneDatabase() throws {
        let w = Workspace()
        let results = together(8, { ["add", "Claim \($0)", "--claimant", "P\($0)", "--said-on", "2025-01-01", "--id", "p\($0)"] }, db: w.dbPath)
        #expect(results.allSatisfy { $0.code == 0 }, "\(results.map(\.err))")
        #expect(try ClaimsProcess.ids(w.dbPath).sorted() == (0..<8).map { "p\($0)" })
        #expect(try ClaimsProcess.run(["verify"], db: w.dbPath).code == 0)
    }

    @Test(.enabled(if: EndToEndTests.binary != nil))
    func eightProcessesMigrateOneOldFile() throws {
        let w = Workspace()
        try FileManager.default.copyItem(atPath: Self.fixture.path, toPath: w.dbPath)
        let results = together(8, { _ in ["list", "--format", "csv"] }, db: w.dbPath)
        #expect(results.allSatisfy { $0.code == 0 }, "\(results.map(\.err))")
        #expect(try ClaimsProcess.ids(w.dbPath).count == 13)
        #expect(try ClaimsProcess.run(["verify"], db: w.dbPath).code == 0)
    }

    /// Eight `claims` processes writing to one PostgreSQL database at once, each on its own
    /// connection (as writers on eight machines would): every edit and forecast kept, versions
    /// numbered without a gap or a repeat, the log and every chain intact.
    @Test(.enabled(if: EndToEndTests.binary != nil && TestPostgres.adminURL != nil,
                   "needs the built program and CLAIMS_TEST_POSTGRES (the PostgreSQL tests are SKIPPED without it)"))
    func eightWriterProcessesOnPostgreSQL() throws {
        let db = try TestPostgres.newDatabase()
        let first = try ClaimsProcess.run(["add", "A shared claim", "--id", "shared", "--claimant", "Ann", "--window-end", "2027-06-30"], db: db)
        #expect(first.code == 0, "\(first.err)")
        let writers = 8, rounds = 5
        final class Failures: @unchecked Sendable {
            let lock = NSLock()
            var list: [String] = []
            func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
        }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            for round in 0..<rounds {
                for arguments in [["edit", "shared", "--notes", "writer \(writer) round \(round)", "--reason", "concurrent edit"],
                                  ["forecast", "shared", "--probability", "0.\(writer + 1)", "--forecaster", "w\(writer)"],
                                  ["add", "Claim \(round) of writer \(writer)", "--id", "w\(writer)-\(round)", "--claimant", "Bo"]] {
                    guard let r = try? ClaimsProcess.run(arguments, db: db), r.code == 0 else {
                        failures.add("writer \(writer): \(arguments.first ?? "")")
                        continue
                    }
                }
            }
        }
        #expect(failures.list.isEmpty, "\(failures.list)")
        let history = try ClaimsProcess.run(["history", "shared", "--format", "json"], db: db)
        let events = try #require(try JSONSerialization.jsonObject(with: Data(history.out.utf8)) as? [[String: Any]])
        #expect(events.filter { $0["kind"] as? String == "version" }.compactMap { $0["number"] as? Int } == Array(1...(1 + writers * rounds)))
        #expect(events.filter { $0["kind"] as? String == "forecast" }.count == writers * rounds)
        let verify = try ClaimsProcess.run(["verify"], db: db)
        #expect(verify.code == 0 && verify.out.hasPrefix("ok: \(1 + writers * rounds * 3) log events"), "\(verify.out) \(verify.err)")
    }
}
