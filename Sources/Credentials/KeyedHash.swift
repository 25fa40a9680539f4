import COpenSSL

/// HMAC-SHA-256 under one fixed key (RFC 2104), used to remember credentials that were
/// already verified (by their keyed digest) without keeping the password itself in memory.
///
/// The key is absorbed once: the inner and outer SHA-256 states after the padded key are
/// kept, and each message only copies them, which makes a digest of a short message a
/// fraction of a microsecond where a one-shot HMAC call spends most of its time looking
/// up the algorithm and expanding the key again.
///
/// `@unchecked Sendable` invariant: the two states are written only in `init` and are
/// afterwards only read, as the source of `EVP_MD_CTX_copy_ex`, which does not change it.
public final class KeyedHash: @unchecked Sendable {
    /// SHA-256's block size, the length the key is padded to.
    private static let blockSize = 64

    private let digest: OpaquePointer
    private let inner: OpaquePointer
    private let outer: OpaquePointer

    /// Prepares the hash for `key`; a key longer than a block is hashed first, as the RFC
    /// says.
    public init(key: [UInt8]) {
        guard let digest = EVP_MD_fetch(nil, "SHA256", nil),
            let inner = EVP_MD_CTX_new(),
            let outer = EVP_MD_CTX_new()
        else {
            fatalError("OpenSSL could not prepare SHA-256")
        }
        self.digest = digest
        self.inner = inner
        self.outer = outer

        var block = key.count > KeyedHash.blockSize ? KeyedHash.sha256(key, digest) : key
        block += [UInt8](repeating: 0, count: KeyedHash.blockSize - block.count)
        KeyedHash.start(inner, digest, absorbing: block.map { $0 ^ 0x36 })
        KeyedHash.start(outer, digest, absorbing: block.map { $0 ^ 0x5c })
    }

    deinit {
        EVP_MD_CTX_free(inner)
        EVP_MD_CTX_free(outer)
        EVP_MD_free(digest)
    }

    /// The 32-byte HMAC of `message`.
    public func authenticate(_ message: [UInt8]) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else {
            fatalError("OpenSSL could not allocate a digest context")
        }
        defer { EVP_MD_CTX_free(context) }

        let innerDigest = KeyedHash.finish(context, from: inner, absorbing: message)
        return KeyedHash.finish(context, from: outer, absorbing: innerDigest)
    }

    /// HMAC-SHA-256 of `message` under `key`, for a key used once.
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        KeyedHash(key: key).authenticate(message)
    }

    private static func start(
        _ context: OpaquePointer,
        _ digest: OpaquePointer,
        absorbing block: [UInt8]
    ) {
        guard EVP_DigestInit_ex(context, digest, nil) == 1,
            block.withUnsafeBytes({ EVP_DigestUpdate(context, $0.baseAddress, $0.count) }) == 1
        else {
            fatalError("OpenSSL could not start SHA-256")
        }
    }

    /// Copies `state` into `context`, adds `bytes` and returns the digest.
    private static func finish(
        _ context: OpaquePointer,
        from state: OpaquePointer,
        absorbing bytes: [UInt8]
    ) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let done =
            EVP_MD_CTX_copy_ex(context, state) == 1
            && bytes.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) } == 1
            && output.withUnsafeMutableBufferPointer {
                EVP_DigestFinal_ex(context, $0.baseAddress, &length)
            } == 1
        guard done else {
            fatalError("OpenSSL could not compute HMAC-SHA-256")
        }
        return Array(output.prefix(Int(length)))
    }

    private static func sha256(_ bytes: [UInt8], _ digest: OpaquePointer) -> [UInt8] {
        guard let empty = EVP_MD_CTX_new(), let context = EVP_MD_CTX_new() else {
            fatalError("OpenSSL could not allocate a digest context")
        }
        defer {
            EVP_MD_CTX_free(empty)
            EVP_MD_CTX_free(context)
        }

        start(empty, digest, absorbing: [])
        return finish(context, from: empty, absorbing: bytes)
    }
}
