/// Accumulates indented lines of Swift.
struct CodePrinter {
    private(set) var text = ""
    private var level = 0

    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: "    ", count: level) + content + "\n"
        }
    }

    /// Prints `header {`, the body one level deeper, then `}` (with `suffix`).
    mutating func block(_ header: String, suffix: String = "", _ body: (inout CodePrinter) -> Void) {
        line(header + " {")
        level += 1
        body(&self)
        level -= 1
        line("}" + suffix)
    }
}
