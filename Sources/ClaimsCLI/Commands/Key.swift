import ArgumentParser
import ClaimsCore
import ClaimsLog
import Foundation

extension ClaimsCommand {
    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "Make the Ed25519 key that signs checkpoints, or print its public half.",
            discussion: """
                The private key lives in a file outside the database (mode 0600): --key PATH, else \
                $CLAIMS_SIGNING_KEY, else $XDG_CONFIG_HOME/claims/signing-key. Publish the public \
                key where readers can find it: with it, anyone can check a checkpoint or a proof.
                """,
            subcommands: [Generate.self, Public.self])

        struct Generate: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "generate", abstract: "Write a new signing key and print its public key.")

            @Option(help: "The key's name, printed in every signature line (no spaces or '+'; default: claims/ and your user name).")
            var name: String?

            @Flag(help: "Replace an existing key file (checkpoints it signed can then no longer be checked with the new key).")
            var force = false

            @OptionGroup var key: KeyOptions

            func run() throws {
                let rt = Runtime.current
                let url = key.resolvedPath
                if FileManager.default.fileExists(atPath: url.path), !force {
                    throw CLIError.cannotWrite(path: url.path, reason: "a key is there already: keep it, or give --force to replace it")
                }
                let signing: SigningKey
                do { signing = try SigningKey(name: name ?? "claims/" + Slug.make(from: rt.author)) } catch let error as LogError {
                    throw CLIError.invalidOption(option: "--name", message: error.errorDescription ?? "\(error)")
                }
                let fm = FileManager.default
                do {
                    try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                           attributes: [.posixPermissions: 0o700])
                    if fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
                    guard fm.createFile(atPath: url.path, contents: Data((signing.encoded + "\n").utf8),
                                        attributes: [.posixPermissions: 0o600]) else {
                        throw CLIError.cannotWrite(path: url.path, reason: "the file could not be created")
                    }
                } catch let error as CLIError { throw error } catch {
                    throw CLIError.cannotWrite(path: url.path, reason: (error as NSError).localizedDescription)
                }
                rt.printError("wrote the signing key to \(url.path) (readable by you alone); its public key:")
                rt.print(signing.verifier.encoded)
            }
        }

        struct Public: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "public", abstract: "Print the public key of the signing key.")

            @OptionGroup var key: KeyOptions

            func run() throws {
                guard let signing = try key.load() else {
                    throw CLIError.cannotRead(path: key.resolvedPath.path, reason: "no signing key: `claims key generate` makes one")
                }
                Runtime.current.print(signing.verifier.encoded)
            }
        }
    }
}
