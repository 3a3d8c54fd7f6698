import ArgumentParser
import ClaimsCore
import ClaimsLog
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Checkpoint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint",
            abstract: "Print the log's checkpoint: its origin, size and root hash, signed with your key.",
            discussion: """
                Every claim version, forecast and resolution revision is a leaf of one Merkle tree \
                (RFC 9162), in the order recorded. A checkpoint (C2SP tlog-checkpoint) names the \
                log, its number of events and the tree's root, signed with Ed25519 when there is \
                a signing key (`claims key generate`); without one it is unsigned, and says so. \
                Publish it, or keep it somewhere others can see: `claims verify --checkpoint FILE` \
                later proves that the log still holds, unchanged, every event it held then.
                """)

        @Option(help: ArgumentHelp("Write the checkpoint to this file (default: standard output; - too).", valueName: "path"))
        var out: String?

        @OptionGroup var key: KeyOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let rt = Runtime.current
            let signing = try key.load()
            let head = try database.openForReading().logHead()
            let note = try head.note(signedBy: signing)
            if let out, out != "-" {
                try Exporter.write(note, to: rt.resolve(path: out), shown: out)
                rt.printError("wrote the checkpoint of \(head.size) events to \(out)")
            } else {
                rt.write(note)
            }
            if signing == nil {
                rt.printError("note: the checkpoint is unsigned: anyone could have written it. `claims key generate` makes a key to sign with.")
            }
        }
    }

    struct Prove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prove",
            abstract: "Print a proof that a claim's events are in the log: its leaves and their inclusion proofs.",
            discussion: """
                The proof holds the checkpoint it is against (the log as it stands, signed when \
                there is a key, or the one given with --checkpoint), and for each of the claim's \
                events its encoding and its RFC 9162 inclusion proof. `claims verify --proof FILE` \
                checks it without the database; so can any program that follows schema/log.md.
                """)

        @Argument(help: "The claim's id, or a unique prefix of it.")
        var id: String

        @Option(help: ArgumentHelp("Prove against this earlier checkpoint instead of the log as it stands.", valueName: "file"))
        var checkpoint: String?

        @Option(help: ArgumentHelp("Write the proof to this file (default: standard output).", valueName: "path"))
        var out: String?

        @OptionGroup var key: KeyOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let rt = Runtime.current
            let db = try database.openForReading()
            let claim = try db.matchID(id)
            var note: String
            var size: Int?
            if let checkpoint {
                note = try InputFile.text(checkpoint)
                let (parsed, _) = try ClaimsLog.Checkpoint.parse(note)
                let head = try db.logHead()
                guard parsed.origin == head.origin else { throw LogError.otherLog(expected: head.origin, found: parsed.origin) }
                size = parsed.size
            } else {
                note = ""
            }
            let proofs = try db.inclusionProofs(claim, treeSize: size)
            if checkpoint == nil { note = try proofs.head.note(signedBy: key.load()) }
            let file = ProofFile(checkpoint: note, events: proofs.events.map {
                ProofFile.Event(index: $0.seq, kind: $0.event.kind.rawValue, leafData: $0.event.leafData, inclusion: $0.proof)
            })
            let text = try file.json()
            if let out, out != "-" {
                try Exporter.write(text, to: rt.resolve(path: out), shown: out)
                rt.printError("wrote the proof of \(file.events.count) events of \(claim) to \(out)")
            } else {
                rt.print(text)
            }
        }
    }
}
