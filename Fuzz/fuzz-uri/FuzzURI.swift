import ESX
import FuzzSupport

/// Fuzzes the `esx://`, `gsx://`, `vpx://` URI parser: any text gives a URI or a typed `URIError`.
@main
enum FuzzURI {
    static func main() {
        FuzzDriver.main { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            if let uri = try? ESXURI(parsing: text) {
                _ = uri.description  // redaction must hold for every parsed URI
            }
        }
    }
}
