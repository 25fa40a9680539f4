import FuzzTargets

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

#if FUZZING
    /// libFuzzer's driver, started from our own entry point because SwiftPM names the
    /// executable's `main` itself.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32
#endif

/// Built with `-sanitize=fuzzer` and `-DFUZZING`, this runs libFuzzer on the target named
/// by `LEADS_FUZZ_TARGET`. In an ordinary build it replays the files named on its command
/// line through that target instead, to reproduce a crash.
@main struct LeadsFuzzer {
    static func main() {
        #if FUZZING
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(runFuzzerDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
        #else
            for path in CommandLine.arguments.dropFirst() {
                guard let bytes = readFile(path) else {
                    fputs("cannot open \(path)\n", stderr)
                    exit(2)
                }
                selectedTarget.run(bytes)
            }
        #endif
    }

    private static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }

        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }
}
