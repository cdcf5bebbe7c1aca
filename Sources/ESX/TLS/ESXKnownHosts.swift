import Foundation
import VI

/// A known-hosts file of server certificate thumbprints, one `host:port thumbprint` line per
/// server (`#` comments and blank lines allowed), like the one `esx trust` records.
///
/// Hosts compare case-insensitively; an IPv6 host is written in brackets (`[::1]:443`).
public struct ESXKnownHosts: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The `host:port` key of a server.
    public static func key(host: String, port: Int) -> String {
        URIHostPort.format(host: host.lowercased()) + ":\(port)"
    }

    /// The thumbprint recorded for the server, or nil (also when the file does not exist).
    public func thumbprint(host: String, port: Int) throws(ESXKnownHostsError) -> CertificateThumbprint? {
        let key = Self.key(host: host, port: port)
        return try entries().last { $0.key == key }?.thumbprint
    }

    /// Records `thumbprint` for the server, replacing its earlier lines and keeping the others;
    /// returns the thumbprint it replaced. The file is replaced atomically.
    @discardableResult
    public func record(
        _ thumbprint: CertificateThumbprint, host: String, port: Int
    ) throws(ESXKnownHostsError) -> CertificateThumbprint? {
        let key = Self.key(host: host, port: port)
        let lines = try readLines()
        let previous = try entries(lines).last { $0.key == key }?.thumbprint
        var kept = lines.filter { line in
            guard case .success(let entry)? = Self.parse(line) else { return true }
            return entry.key != key
        }
        while kept.last?.isEmpty == true { kept.removeLast() }
        kept.append("\(key) \(thumbprint)")
        do {
            try Data((kept.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .unwritable(path: path, reason: Self.reason(error))
        }
        return previous
    }

    // MARK: Parsing

    struct Entry {
        var key: String
        var thumbprint: CertificateThumbprint
    }

    private func entries(_ lines: [String]? = nil) throws(ESXKnownHostsError) -> [Entry] {
        var found: [Entry] = []
        let all: [String]
        if let lines { all = lines } else { all = try readLines() }
        for (index, line) in all.enumerated() {
            switch Self.parse(line) {
            case .none: continue
            case .success(let entry)?: found.append(entry)
            case .failure(let reason)?: throw .malformedLine(path: path, line: index + 1, reason: reason.text)
            }
        }
        return found
    }

    private func readLines() throws(ESXKnownHostsError) -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
            }
        } catch {
            throw .unreadable(path: path, reason: Self.reason(error))
        }
    }

    struct Problem: Error {
        var text: String
    }

    /// Nil for blank and comment lines.
    static func parse(_ line: String) -> Result<Entry, Problem>? {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = fields.first, !first.hasPrefix("#") else { return nil }
        guard fields.count == 2 else { return .failure(Problem(text: "expected 'host:port thumbprint'")) }
        guard let colon = first.lastIndex(of: ":"), let port = Int(first[first.index(after: colon)...]),
              (1...65535).contains(port), colon > first.startIndex
        else {
            return .failure(Problem(text: "expected 'host:port' before the thumbprint"))
        }
        var host = String(first[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        do {
            let thumbprint = try CertificateThumbprint(parsing: String(fields[1]))
            return .success(Entry(key: key(host: host, port: port), thumbprint: thumbprint))
        } catch {
            return .failure(Problem(text: error.description))
        }
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }
}

/// Why a known-hosts file could not be used.
public enum ESXKnownHostsError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformedLine(path: String, line: Int, reason: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read known-hosts file '\(path)': \(reason)"
        case let .malformedLine(path, line, reason): "known-hosts file '\(path)', line \(line): \(reason)"
        case let .unwritable(path, reason): "cannot write known-hosts file '\(path)': \(reason)"
        }
    }
}
