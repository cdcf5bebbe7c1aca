/// Breaks that follow a statement's grammar rather than its brackets.
extension LineWrapper {
    /// `case label: statement` -> the label, then the statement 4 deeper.
    func caseLabelBreak(_ structure: BracketStructure) -> Break? {
        let bytes = structure.bytes
        guard bytes.starts(with: "case ".utf8),
            let colon = structure.positions(of: UInt8(ascii: ":"), in: 0..<bytes.count).first(where: {
                $0 + 1 < bytes.count && bytes[$0 + 1] == .space
            })
        else { return nil }
        return split(structure, after: colon)
    }

    /// `let name = value` or `target = value` -> up to ` =`, then the value 4 deeper (when that first
    /// line fits).
    func assignmentBreak(_ structure: BracketStructure, indentation: Int) -> Break? {
        let bytes = structure.bytes
        guard
            let equals = structure.positions(of: UInt8(ascii: "="), in: 0..<bytes.count).first(where: {
                $0 > 0 && $0 + 1 < bytes.count && bytes[$0 - 1] == .space && bytes[$0 + 1] == .space
            }),
            indentation + equals + 1 <= width
        else { return nil }
        return split(structure, after: equals)
    }

    /// `public struct Name: A, B {` -> `public struct Name:`, `A, B` 4 deeper, then `{`.
    func inheritanceBreak(_ structure: BracketStructure) -> Break? {
        let bytes = structure.bytes
        let text = structure.text(0..<bytes.count)
        let declarations = ["struct ", "enum ", "protocol ", "class ", "actor ", "extension "]
        guard text.hasSuffix(" {"), declarations.contains(where: { text.hasPrefix($0) || text.contains(" " + $0) }),
            let colon = structure.positions(of: UInt8(ascii: ":"), in: 0..<bytes.count).first
        else { return nil }
        let inherited = structure.text((colon + 1)..<(bytes.count - 1))
        guard !inherited.isEmpty else { return nil }
        return Break(pieces: [(structure.text(0..<(colon + 1)), 0), (inherited, 4), ("{", 0)])
    }

    /// The text up to `index`, then the rest 4 deeper; nil when the rest is empty.
    private func split(_ structure: BracketStructure, after index: Int) -> Break? {
        let rest = structure.text((index + 1)..<structure.bytes.count)
        guard !rest.isEmpty else { return nil }
        return Break(pieces: [(structure.text(0..<(index + 1)), 0), (rest, 4)])
    }
}
