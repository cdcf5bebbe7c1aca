/// Lays out one logical line of Swift in lines of at most `width` columns, swift-format style.
///
/// A line that fits is kept; a comment is re-flowed at word boundaries (`CommentReflow`). Otherwise
/// the first of these breaks that applies is taken, and each resulting line is wrapped again:
/// 1. a `case` line breaks after its label, the statement indented 4 more;
/// 2. a top-level bracket pair (`PairBreak`): elements one per line, indented 4 more, closing
///    bracket back at the original indentation;
/// 3. after the ` = ` of a declaration or assignment, the value indented 4 more;
/// 4. after the `:` of a type declaration, the inherited types indented 4 more and `{` on its own line.
/// String literals and comments are never split; a line none of these can break stays as it is.
struct LineWrapper {
    var width = 120

    /// A line cut into pieces, each laid out again `indent` columns deeper than the line.
    struct Break {
        var pieces: [(text: String, indent: Int)]
    }

    /// The lines for `content` (which may carry leading spaces of its own), indented by `indentation`.
    /// Columns are counted in UTF-8 bytes, so no line exceeds `width` however its length is measured.
    func lines(_ content: String, indentation: Int) -> [String] {
        if indentation + content.utf8.count <= width { return [String(repeating: " ", count: indentation) + content] }
        let text = content.drop { $0 == " " }
        let indentation = indentation + content.utf8.count - text.utf8.count
        if text.hasPrefix("//") && indentation + text.utf8.count > width {
            return CommentReflow(width: width).lines(String(text), indentation: indentation)
        }
        return code(String(text), indentation: indentation)
    }

    private func code(_ text: String, indentation: Int) -> [String] {
        guard indentation + text.utf8.count > width, let structure = BracketStructure(text),
            let found = caseLabelBreak(structure) ?? pairBreak(structure, indentation: indentation)
                ?? assignmentBreak(structure, indentation: indentation) ?? inheritanceBreak(structure)
        else { return [String(repeating: " ", count: indentation) + text] }
        return found.pieces.flatMap { code($0.text, indentation: indentation + $0.indent) }
    }
}
