/// Widths of text in terminal cells, counted per grapheme cluster (`Character`).
///
/// East Asian wide and fullwidth characters and emoji take 2 cells, combining marks and
/// other zero-width characters 0, everything else 1. Scalar widths come from the C
/// library's `wcwidth` in a UTF-8 locale (without touching the process locale), or from
/// ``FallbackWidth`` when no UTF-8 locale is installed. A cluster takes the width of its
/// widest scalar, 2 with an emoji presentation selector (U+FE0F) or as a flag (a pair of
/// regional indicators). Escape control characters with ``TerminalText`` first: they are
/// counted as 0 cells.
public enum TerminalWidth {
    /// The cells `text` takes on a terminal.
    public static func cells(_ text: some StringProtocol) -> Int {
        if text.utf8.allSatisfy(isPrintableASCII) { return text.utf8.count }
        return SystemWidth.withScalarWidth { width in
            text.reduce(0) { $0 + cells(of: $1, width) }
        }
    }

    /// The cells `character` takes on a terminal.
    public static func cells(_ character: Character) -> Int {
        SystemWidth.withScalarWidth { cells(of: character, $0) }
    }

    /// The longest prefix of whole characters of `text` that fits in `limit` cells.
    public static func prefix(of text: String, fitting limit: Int) -> Substring {
        SystemWidth.withScalarWidth { width in
            var used = 0
            var end = text.startIndex
            for character in text {
                used += cells(of: character, width)
                if used > limit { break }
                end = text.index(after: end)
            }
            return text[..<end]
        }
    }

    /// The width of one cluster, given a width for each scalar.
    static func cells(of character: Character, _ width: (Unicode.Scalar) -> Int) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains("\u{FE0F}") { return 2 }
        if (0x1F1E6...0x1F1FF).contains(first.value) { return scalars.count > 1 ? 2 : 1 }
        return min(2, scalars.reduce(0) { max($0, width($1)) })
    }

    private static func isPrintableASCII(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F
    }
}
