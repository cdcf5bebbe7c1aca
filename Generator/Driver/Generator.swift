import Foundation

/// The pipeline: schema text -> syntax -> validated model -> Swift files.
enum Generator {
    /// Parses and validates a schema file.
    static func load(path: String, displayName: String? = nil) throws -> Schema {
        let name = displayName ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(SourceLocation(file: name, line: 0), "cannot read the schema file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Diagnostic(SourceLocation(file: name, line: 0), "the schema file is not UTF-8")
        }
        return try load(text: text, file: name)
    }

    /// Parses and validates schema text; `file` names it in diagnostics and headers.
    static func load(text: String, file: String) throws -> Schema {
        let syntax = try SchemaParser(file: file).parse(text)
        return try SchemaBuilder(syntax: syntax, source: file).build()
    }

    /// Renders the whole schema (or `selection` of it) into named Swift files.
    static func render(_ schema: Schema, options: RenderOptions, selection: Selection? = nil) -> [(
        name: String, contents: String
    )] {
        FileRenderer(schema: schema, options: options).render(selection ?? .all(schema))
    }
}
