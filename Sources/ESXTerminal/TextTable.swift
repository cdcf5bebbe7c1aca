/// Left-aligned columns like virsh's tables, measured in terminal cells.
///
/// Every cell is escaped with ``TerminalText`` and padded by ``TerminalWidth``, so wide,
/// combining and emoji characters keep the columns aligned and a cell is never cut.
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]]
    /// Spaces between columns.
    public var gap = 3

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// The header, a rule of dashes and one line per row, without trailing spaces.
    public func lines() -> [String] {
        let table = ([header] + rows).map { $0.map(TerminalText.escaped) }
        let cells = table.map { $0.map(TerminalWidth.cells) }
        var widths = [Int](repeating: 0, count: header.count)
        for row in cells {
            for (index, width) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], width) }
        }
        let separator = String(repeating: " ", count: gap)
        var lines: [String] = []
        for (row, rowCells) in zip(table, cells) {
            var line = " "
            for (index, text) in row.enumerated() {
                if index > 0 { line += separator }
                line += text
                if index < widths.count { line += String(repeating: " ", count: widths[index] - rowCells[index]) }
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + gap * max(0, widths.count - 1) + 2)
        lines.insert(rule, at: min(1, lines.count))
        return lines
    }
}
