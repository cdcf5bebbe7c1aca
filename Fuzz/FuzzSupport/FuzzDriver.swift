import Foundation

/// Runs a fuzz target: under libFuzzer (built with `-sanitize=fuzzer -DFUZZING` by
/// `Scripts/fuzz.sh`) it hands `body` to libFuzzer's driver; in a normal build it replays the files
/// and directories named on the command line through `body`, so the committed corpora and every
/// crash that became a regression input run as plain tests.
public enum FuzzDriver {
    public typealias Body = @Sendable ([UInt8]) -> Void

    /// The target's body, reachable from the C callback (set once, before the driver starts).
    nonisolated(unsafe) static var body: Body = { _ in }

    public static func main(_ body: @escaping Body) -> Never {
        Self.body = body
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
        #else
        exit(replay(CommandLine.arguments.dropFirst()))
        #endif
    }

    /// Runs every file of `paths` (files or directories) through the body; returns the exit status.
    static func replay(_ paths: ArraySlice<String>) -> Int32 {
        var count = 0
        for path in paths {
            for file in files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
                    return 1
                }
                body(Array(data))
                count += 1
            }
        }
        print("replayed \(count) inputs")
        return 0
    }

    private static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { path + "/" + $0 }
    }
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

private func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else {
        FuzzDriver.body([])
        return 0
    }
    FuzzDriver.body(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#endif
