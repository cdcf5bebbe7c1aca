/// libvirt domain XML for ``DomainDefinition``: element order, attribute order and two-space
/// indentation as `virsh dumpxml` prints them; reading refuses anything it would have to drop.
public enum DomainXML {
    /// Reads a `<domain>` document.
    public static func parse(_ text: String) throws -> DomainDefinition {
        let root = try XMLTree.parse(text)
        guard root.name == "domain", root.namespace == nil else {
            throw DomainXMLError.unknownElement(name: root.name, parent: "document", line: root.line)
        }
        return try DomainXMLReader.domain(root)
    }

    /// The domain XML of `domain`.
    public static func format(_ domain: DomainDefinition) -> String {
        var writer = XMLWriter()
        DomainXMLWriter.write(domain, to: &writer)
        return writer.text
    }
}
