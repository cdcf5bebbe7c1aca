/// Re-flows a `//` or `///` comment line at word boundaries into lines of at most `width` columns.
/// A code span (`` `a b` ``) is one word; a word longer than a line stays whole on its own line.
/// Continuation lines of a list item (`- Throws: ...`) are indented two more columns.
struct CommentReflow {
    let width: Int

    /// `text` starts with `//`; the result lines carry `indentation` spaces.
    func lines(_ text: String, indentation: Int) -> [String] {
        let marker = text.hasPrefix("///") ? "///" : "//"
        var body = Substring(text.dropFirst(marker.count))
        if body.hasPrefix(" ") { body = body.dropFirst() }
        let leading = String(body.prefix { $0 == " " })
        body = body.dropFirst(leading.count)
        let pad = String(repeating: " ", count: indentation)
        let first = pad + marker + " " + leading
        let continuation = first + (body.hasPrefix("- ") ? "  " : "")

        var lines: [String] = []
        var current = first
        var isEmpty = true
        for word in Self.words(body) {
            if !isEmpty && current.utf8.count + 1 + word.utf8.count > width {
                lines.append(current)
                current = continuation
                isEmpty = true
            }
            current += (isEmpty ? "" : " ") + word
            isEmpty = false
        }
        lines.append(current)
        return lines
    }

    /// Space-separated words, keeping each code span whole.
    static func words(_ body: Substring) -> [String] {
        var words: [String] = []
        var pending: String?
        for piece in body.split(separator: " ", omittingEmptySubsequences: true) {
            let joined = pending.map { $0 + " " + piece } ?? String(piece)
            pending = joined.filter { $0 == "`" }.count % 2 == 0 ? nil : joined
            if pending == nil { words.append(joined) }
        }
        if let pending { words.append(pending) }
        return words
    }
}
