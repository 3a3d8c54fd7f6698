import Foundation

public enum SourceKind: String, CaseIterable, Sendable, Codable {
    case interview, podcast, article, post, talk, video, paper, book, report, other

    public init(parsing text: String) throws {
        guard let kind = SourceKind(rawValue: text.lowercased()) else {
            throw DomainError.unknownValue(field: "source kind", value: text,
                                           allowed: SourceKind.allCases.map(\.rawValue))
        }
        self = kind
    }
}

/// Where a claim was made: an interview, an episode, an article, a post.
/// `key` names the source across its revisions (the claim file of a source carries it).
public struct Source: Hashable, Sendable, Codable {
    public let key: String
    public let kind: SourceKind
    public let title: String?
    public let url: String?
    public let publisher: String?
    public let publishedOn: Day?
    public let language: String?
    public let people: [String]

    public init(key: String? = nil, kind: SourceKind, title: String? = nil, url: String? = nil,
                publisher: String? = nil, publishedOn: Day? = nil, language: String? = nil,
                people: [String] = []) throws {
        let title = cleaned(title), url = cleaned(url)
        let derived = key.map(trimmed)
            ?? Source.defaultKey(title: title, url: url, publishedOn: publishedOn)
        guard Slug.isValid(derived) else { throw DomainError.invalidSourceKey(key ?? derived) }
        self.key = derived
        self.kind = kind
        self.title = title
        self.url = url
        self.publisher = cleaned(publisher)
        self.publishedOn = publishedOn
        self.language = cleaned(language)
        self.people = people.compactMap { cleaned($0) }
    }

    /// A key for a source given without one: from its title, else its URL, with its date.
    static func defaultKey(title: String?, url: String?, publishedOn: Day?) -> String {
        var base = Slug.make(from: title ?? "")
        if base.isEmpty, let url {
            let withoutScheme = url.replacingOccurrences(of: "^[a-zA-Z]+://(www\\.)?", with: "",
                                                         options: .regularExpression)
            base = Slug.make(from: withoutScheme)
        }
        if base.isEmpty { base = "source" }
        if let publishedOn { base = String(base.prefix(117)) + "-" + publishedOn.description }
        return String(base.prefix(128)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }
}
