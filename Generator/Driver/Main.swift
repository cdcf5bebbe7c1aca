import Foundation
import FuzzSupport

/// The entry point: the command line, or (in a `Scripts/fuzz.sh schema` build with
/// `VI_GEN_FUZZ` set) libFuzzer driving the schema parser and validator.
@main
enum VIGenMain {
    static func main() {
        #if FUZZING
        if ProcessInfo.processInfo.environment["VI_GEN_FUZZ"] != nil {
            FuzzDriver.main { bytes in
                _ = try? Generator.load(text: String(decoding: bytes, as: UTF8.self), file: "fuzz.input")
            }
        }
        #endif
        VIGenCommand.main()
    }
}
