import Foundation
import VIRuntime

/// A self-signed certificate for the HTTPS transport tests.
enum TransportTestCertificate {
    /// A certificate for 127.0.0.1 (CN and IP SAN) and its key, or nil without openssl.
    static func make() throws -> (String, String)? {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("swift-esx-transport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let cert = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
            "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? (cert, key) : nil
    }
}

extension TransportTestCertificate {
    /// The SHA-256 fingerprint `openssl x509` computes for the PEM certificate at `path`.
    static func thumbprint(of path: String) throws -> CertificateThumbprint {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "x509", "-in", path, "-noout", "-fingerprint", "-sha256"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // "sha256 Fingerprint=AA:BB:..." (the prefix's case varies between OpenSSL versions)
        let value = text.split(separator: "=", maxSplits: 1).last.map(String.init) ?? ""
        return try CertificateThumbprint(parsing: value)
    }
}
