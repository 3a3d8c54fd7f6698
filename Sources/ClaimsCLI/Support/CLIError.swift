import ClaimsFormats
import Foundation

/// Errors of the command-line layer (the domain and the store have their own).
public enum CLIError: Error, LocalizedError, Equatable {
    case invalidOption(option: String, message: String)
    case cannotWrite(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    /// The source of a copy names an event whose rows are gone.
    case damagedSource(seq: Int)

    public var errorDescription: String? {
        switch self {
        case .invalidOption(let option, let message): return "\(option): \(message)"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .cannotRead(let path, let reason): return "cannot read \(path): \(reason)"
        case .damagedSource(let seq):
            return "the source's log event \(seq) names a row that is not there: run `claims verify` on the source. Nothing was copied."
        }
    }
}

/// Runs a domain parse and names the option on failure: `--said-on: '2026-02-30' is not a valid date…`.
func checked<T>(_ option: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as LocalizedError {
        throw CLIError.invalidOption(option: option, message: error.errorDescription ?? "\(error)")
    }
}
