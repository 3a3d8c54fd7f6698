// Regenerates the files that are derived from the code, from the root of the repository:
//   swift run claims-generate            (everything)
//   swift run claims-generate schema     (Sources/ClaimsStore/Schema.generated.swift from schema/)
//   swift run claims-generate cli-docs   (cli-docs/*.md from the commands' help)
import ClaimsGeneration
import Foundation

let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
let what = Set(CommandLine.arguments.dropFirst())
do {
    for file in try GeneratedFiles.all(root: root)
    where what.isEmpty || what.contains(file.group) {
        try file.write()
        print("wrote \(file.relativePath)")
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error.localizedDescription)\n".utf8))
    exit(1)
}
