/// The SOAP 1.1 envelope around a vim25 request body.
public enum SOAPEnvelope {
    public static let envelopeNamespace = "http://schemas.xmlsoap.org/soap/envelope/"
    public static let vimNamespace = "urn:vim25"

    /// Writes `<Envelope><Body><method xmlns="urn:vim25">`, then `body`, then the closing tags.
    public static func request(
        method: String, redactSecrets: Bool = false, _ body: (inout VIXMLWriter) throws -> Void
    ) throws -> VIXMLWriter {
        var writer = VIXMLWriter(capacity: 512, redactSecrets: redactSecrets)
        writer.raw(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        writer.raw(
            #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/""#
                + #" xmlns:xsd="http://www.w3.org/2001/XMLSchema""#
                + #" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>"#)
        writer.raw("<\(method) xmlns=\"urn:vim25\">")
        try body(&writer)
        writer.raw("</\(method)></soapenv:Body></soapenv:Envelope>")
        return writer
    }
}
