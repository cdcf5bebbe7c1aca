extension TerminalText {
    /// `text` escaped for one line and, when wider than `limit` cells, cut between characters
    /// and followed by `... (N more characters<note>)`, N counting the escaped characters left out.
    public static func clipped(_ text: String, toCells limit: Int, note: String = "") -> String {
        let line = escaped(text)
        let kept = TerminalWidth.prefix(of: line, fitting: limit)
        guard kept.endIndex < line.endIndex else { return line }
        let omitted = line[kept.endIndex...].count
        return "\(kept)... (\(omitted) more characters\(note))"
    }
}
