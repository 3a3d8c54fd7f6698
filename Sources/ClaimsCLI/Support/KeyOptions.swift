import ArgumentParser
import ClaimsCore
import ClaimsLog
import Foundation

/// Where the signing key is: `--key PATH`, else `$CLAIMS_SIGNING_KEY`, else
/// `$XDG_CONFIG_HOME/claims/signing-key` (`~/.config/claims/signing-key`). It is kept outside
/// the database, readable by its owner alone.
struct KeyOptions: ParsableArguments {
    @Option(name: .customLong("key"), help: ArgumentHelp(
        "The signing key file (default: $CLAIMS_SIGNING_KEY, else $XDG_CONFIG_HOME/claims/signing-key).", valueName: "path"))
    var path: String?

    var resolvedPath: URL {
        let rt = Runtime.current
        if let path { return rt.resolve(path: path) }
        if let named = rt.environment["CLAIMS_SIGNING_KEY"], !named.isEmpty { return rt.resolve(path: named) }
        let config = rt.environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((rt.environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
        return rt.resolve(path: config).appendingPathComponent("claims/signing-key")
    }

    /// The key, or nil when there is no key file (and none was named).
    func load() throws -> SigningKey? {
        let url = resolvedPath
        guard FileManager.default.fileExists(atPath: url.path) else {
            if path != nil { throw CLIError.cannotRead(path: url.path, reason: "no such file: `claims key generate` makes one") }
            return nil
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw CLIError.cannotRead(path: url.path, reason: "not readable, or not text")
        }
        do { return try SigningKey(encoded: text) } catch let error as LogError {
            throw CLIError.cannotRead(path: url.path, reason: error.errorDescription ?? "\(error)")
        }
    }
}

/// The public key that checks signatures: `--public-key` (the key itself, name+id+key, or a file
/// holding it), else the public half of the local signing key.
struct PublicKeyOptions: ParsableArguments {
    @Option(name: .customLong("public-key"), help: ArgumentHelp(
        "The log's public key (name+id+key, as `claims key generate` prints it), or a file holding it (default: the public half of your signing key).",
        valueName: "key"))
    var publicKey: String?

    @OptionGroup var key: KeyOptions

    func load() throws -> VerifierKey? {
        guard let publicKey else { return try key.load()?.verifier }
        let rt = Runtime.current
        var text = publicKey
        let url = rt.resolve(path: publicKey)
        if !publicKey.contains("+"), let contents = try? String(contentsOf: url, encoding: .utf8) { text = contents }
        do { return try VerifierKey(encoded: text) } catch let error as LogError {
            throw CLIError.invalidOption(option: "--public-key", message: error.errorDescription ?? "\(error)")
        }
    }
}

/// Reading a small text file named on the command line (`-` is standard input).
enum TextFile {
    static func read(_ path: String, option: String) throws -> String {
        let rt = Runtime.current
        let data: Data?
        if path == "-" { data = FileHandle.standardInput.readDataToEndOfFile() } else {
            var isDirectory: ObjCBool = false
            let url = rt.resolve(path: path)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw CLIError.cannotRead(path: path, reason: "no such file")
            }
            guard !isDirectory.boolValue else { throw CLIError.cannotRead(path: path, reason: "it is a folder, not a file") }
            data = try? Data(contentsOf: url)
        }
        guard let data, data.count <= 16 << 20 else { throw CLIError.cannotRead(path: path, reason: "not readable, or larger than 16 MiB") }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError.cannotRead(path: path, reason: "not UTF-8 text") }
        return text
    }
}
