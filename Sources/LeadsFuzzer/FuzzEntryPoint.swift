import FuzzTargets

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The target this process fuzzes, chosen with `LEADS_FUZZ_TARGET` (default: json).
let selectedTarget: FuzzTarget = {
    guard let name = getenv("LEADS_FUZZ_TARGET") else { return .json }
    guard let target = FuzzTarget(rawValue: String(cString: name)) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        fatalError("LEADS_FUZZ_TARGET must be one of: \(names)")
    }
    return target
}()

/// libFuzzer's callback, called once per generated input; exported under the name
/// libFuzzer's runtime links against.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    selectedTarget.run(bytes)
    return 0
}
