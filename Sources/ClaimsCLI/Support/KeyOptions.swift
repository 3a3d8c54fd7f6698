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

/// Files named on the command line, read whole.
enum InputFile {
    /// A file's bytes: a regular file read at once; standard input, a pipe or a FIFO read to its
    /// end (Foundation's `Data(contentsOf:)` cannot, and says "permission"); a folder or a device
    /// refused for what it is. `shown` names it in errors.
    static func contents(_ url: URL, shown: String) throws -> Data {
        var info = stat()
        guard stat(url.path, &info) == 0 else { throw CLIError.cannotRead(path: shown, reason: "no such file") }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            do { return try Data(contentsOf: url) } catch {
                throw CLIError.cannotRead(path: shown, reason: access(url.path, R_OK) == 0 ? "it could not be read" : "you may not read it")
            }
        case S_IFIFO, S_IFSOCK:
            guard let handle = try? FileHandle(forReadingFrom: url), let data = try? handle.readToEnd() else {
                throw CLIError.cannotRead(path: shown, reason: "the stream could not be read")
            }
            return data
        case S_IFDIR: throw CLIError.cannotRead(path: shown, reason: "it is a folder")
        default: throw CLIError.cannotRead(path: shown, reason: "it is a device, not a file")
        }
    }

    /// A small UTF-8 text file (a checkpoint, a proof); `-` is standard input.
    static func text(_ path: String) throws -> String {
        let url = path == "-" ? URL(fileURLWithPath: "/dev/stdin") : Runtime.current.resolve(path: path)
        let data = try contents(url, shown: path)
        guard data.count <= 16 << 20 else { throw CLIError.cannotRead(path: path, reason: "it is larger than 16 MiB") }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError.cannotRead(path: path, reason: "not UTF-8 text") }
        return text
    }
}
