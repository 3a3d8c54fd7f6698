import Foundation
import Testing

/// Kills `claims` with SIGKILL in the middle of its work, 20 times, and checks that nothing is
/// lost or half-written: integrity_check, foreign_key_check and every hash chain pass, each file
/// is imported whole or not at all, and the next run completes.
@Suite(.serialized) struct CrashSafetyTests {
    static let files = 24, perFile = 120

    func claimFile(_ f: Int) -> String {
        var text = "source: {key: crash-\(f), kind: post, title: File \(f), date: 2025-10-23}\nclaimant: Speaker \(f)\nclaims:\n"
        for c in 0..<Self.perFile {
            text += "  - id: f\(f)-c\(c)\n    statement: Claim \(c) of file \(f) will come true.\n    window: by 2027\n"
            text += "    confidence: {words: likely, probability: 0.\(c % 9 + 1)}\n    tags: [crash, f\(f)]\n"
        }
        return text
    }

    @Test(.enabled(if: EndToEndTests.binary != nil))
    func killingAnImportNeverLeavesHalfAFile() throws {
        let w = Workspace()
        let dir = w.folder.appendingPathComponent("files")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for f in 0..<Self.files { try claimFile(f).write(to: dir.appendingPathComponent(String(format: "f%02d.yaml", f)), atomically: true, encoding: .utf8) }
        var random = TestRandom(seed: 2026)
        var killedMidway = 0
        for round in 0..<20 {
            let (p, _, _) = try ClaimsProcess.start(["import", dir.path], db: w.dbPath)
            usleep(useconds_t(5_000 + random.next() % 400_000))
            if p.isRunning { kill(p.processIdentifier, SIGKILL); killedMidway += 1 }
            p.waitUntilExit()
            let verify = try ClaimsProcess.run(["verify"], db: w.dbPath)
            if FileManager.default.fileExists(atPath: w.dbPath) {
                #expect(verify.code == 0, "round \(round): \(verify.err)")
                let ids = try ClaimsProcess.ids(w.dbPath)
                for f in 0..<Self.files {
                    let n = ids.filter { $0.hasPrefix("f\(f)-") }.count
                    #expect(n == 0 || n == Self.perFile, "round \(round): file \(f) is half imported (\(n) claims)")
                }
            }
        }
        #expect(killedMidway >= 5, "the kills should land while importing (\(killedMidway) of 20 did)")
        let last = try ClaimsProcess.run(["import", dir.path], db: w.dbPath)
        #expect(last.code == 0, "\(last.err)")
        #expect(try ClaimsProcess.ids(w.dbPath).count == Self.files * Self.perFile)
        #expect(try ClaimsProcess.run(["verify"], db: w.dbPath).code == 0)
    }

    @Test(.enabled(if: EndToEndTests.binary != nil))
    func killingEditsAndResolvesNeverBreaksTheHistory() throws {
        let w = Workspace()
        for i in 0..<5 { _ = w.add("Claim \(i)", ["--id", "k\(i)", "--window-end", "2026-06-30"]) }
        var random = TestRandom(seed: 7)
        for round in 0..<20 {
            let id = "k\(round % 5)"
            let args = round % 3 == 0
                ? ["resolve", id, "--outcome", round % 2 == 0 ? "true" : "false", "--settled-on", "2026-06-30"]
                : ["edit", id, "--notes", "round \(round)", "--reason", "crash test"]
            let (p, _, _) = try ClaimsProcess.start(args, db: w.dbPath)
            usleep(useconds_t(random.next() % 60_000))
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
            let verify = try ClaimsProcess.run(["verify"], db: w.dbPath)
            #expect(verify.code == 0, "round \(round): \(verify.err)")
        }
        #expect(try ClaimsProcess.run(["edit", "k0", "--notes", "after the storm", "--reason", "still works"], db: w.dbPath).code == 0)
    }
}
