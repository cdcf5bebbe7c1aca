/// Accumulates indented lines of Swift, each laid out within 120 columns by `LineWrapper`.
struct CodePrinter {
    private(set) var text = ""
    private var level = 0
    private let wrapper = LineWrapper()

    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            for line in wrapper.lines(content, indentation: level * 4) { text += line + "\n" }
        }
    }

    /// Prints `header {`, the body one level deeper, then `}` (with `suffix`).
    mutating func block(_ header: String, suffix: String = "", _ body: (inout CodePrinter) -> Void) {
        line(header.isEmpty ? "{" : header + " {")
        level += 1
        body(&self)
        level -= 1
        line("}" + suffix)
    }
}
