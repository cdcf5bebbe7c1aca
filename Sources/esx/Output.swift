import ESX
import ESXTerminal
import Foundation

/// Writing results: text lines or JSON on standard output.
///
/// Text goes through ``TerminalText`` (server strings may hold control characters);
/// JSON is exact, escaped by the encoder.
enum Output {
    /// One JSON document (pretty-printed).
    static func printJSON<T: Encodable>(_ value: T) throws {
        try write(value, formatting: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// One compact JSON object on one line (JSON Lines), for streams such as `event --json`.
    static func printJSONLine<T: Encodable>(_ value: T) throws {
        try write(value, formatting: [.sortedKeys, .withoutEscapingSlashes])
    }

    private static func write<T: Encodable>(_ value: T, formatting: JSONEncoder.OutputFormatting) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// One line of text, escaped for the terminal.
    static func printLine(_ text: String) {
        print(TerminalText.escaped(text))
    }

    /// `label` padded to `width` columns, then `value`, escaped for the terminal.
    static func printField(_ label: String, _ value: String, width: Int) {
        printLine(label.padding(toLength: width, withPad: " ", startingAt: 0) + value)
    }

    /// Left-aligned columns, like virsh's tables, measured in terminal cells.
    static func printTable(header: [String], rows: [[String]]) {
        for line in TextTable(header: header, rows: rows).lines() { print(line) }
    }
}

/// A domain in JSON output.
struct DomainJSON: Encodable {
    var name: String
    var id: Int?
    var moref: String
    var uuid: String?
    var state: String
    var active: Bool

    init(_ domain: Domain) {
        name = domain.name
        id = domain.id?.value
        moref = domain.managedObjectID
        uuid = domain.uuid
        state = domain.state.rawValue
        active = domain.state.isActive
    }
}
