/// Breaks that follow a statement's grammar rather than its brackets.
extension LineWrapper {
    /// `case label: statement` -> the label, then the statement 4 deeper.
    func caseLabelBreak(_ structure: BracketStructure) -> Break? {
        let characters = structure.characters
        guard characters.starts(with: "case "),
            let colon = structure.positions(of: ":", in: 0..<characters.count).first(where: {
                $0 + 1 < characters.count && characters[$0 + 1] == " "
            })
        else { return nil }
        return split(characters, after: colon)
    }

    /// `let name = value` or `target = value` -> up to ` =`, then the value 4 deeper (when that first
    /// line fits).
    func assignmentBreak(_ structure: BracketStructure, indentation: Int) -> Break? {
        let characters = structure.characters
        guard
            let equals = structure.positions(of: "=", in: 0..<characters.count).first(where: {
                $0 > 0 && $0 + 1 < characters.count && characters[$0 - 1] == " " && characters[$0 + 1] == " "
            }),
            indentation + equals + 1 <= width
        else { return nil }
        return split(characters, after: equals)
    }

    /// `public struct Name: A, B {` -> `public struct Name:`, `A, B` 4 deeper, then `{`.
    func inheritanceBreak(_ structure: BracketStructure) -> Break? {
        let characters = structure.characters
        let text = String(characters)
        let declarations = ["struct ", "enum ", "protocol ", "class ", "actor ", "extension "]
        guard text.hasSuffix(" {"), declarations.contains(where: { text.hasPrefix($0) || text.contains(" " + $0) }),
            let colon = structure.positions(of: ":", in: 0..<characters.count).first
        else { return nil }
        let inherited = String(characters[(colon + 1)..<(characters.count - 1)]).trimmingSpaces
        guard !inherited.isEmpty else { return nil }
        return Break(pieces: [(String(characters[...colon]), 0), (inherited, 4), ("{", 0)])
    }

    /// The text up to `index`, then the rest 4 deeper; nil when the rest is empty.
    private func split(_ characters: [Character], after index: Int) -> Break? {
        let rest = String(characters[(index + 1)...]).trimmingSpaces
        guard !rest.isEmpty else { return nil }
        return Break(pieces: [(String(characters[...index]), 0), (rest, 4)])
    }
}
