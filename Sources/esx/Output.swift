import ESX
import Foundation

/// Writing results: text lines or JSON on standard output.
enum Output {
    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Left-aligned columns, like virsh's tables.
    static func printTable(header: [String], rows: [[String]]) {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "   ").trimmingCharacters(in: .whitespaces)
        }
        print(" " + line(header))
        print(String(repeating: "-", count: widths.reduce(0, +) + 3 * (widths.count - 1) + 2))
        for row in rows { print(" " + line(row)) }
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
