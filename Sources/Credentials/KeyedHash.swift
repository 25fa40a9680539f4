import COpenSSL

/// Message authentication codes, used to remember credentials that were already verified
/// (by their keyed digest) without keeping the password itself in memory.
public enum KeyedHash {
    /// HMAC-SHA-256 of `message` under `key` (RFC 2104), 32 bytes.
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0

        // Empty arrays may have no address; OpenSSL is given a real one with length 0.
        let placeholder: [UInt8] = [0]
        let keyBytes = key.isEmpty ? placeholder : key
        let messageBytes = message.isEmpty ? placeholder : message

        let result = keyBytes.withUnsafeBytes { keyBuffer in
            messageBytes.withUnsafeBytes { messageBuffer in
                digest.withUnsafeMutableBufferPointer { output in
                    HMAC(
                        EVP_sha256(),
                        keyBuffer.baseAddress,
                        Int32(key.count),
                        messageBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self),
                        message.count,
                        output.baseAddress,
                        &length
                    )
                }
            }
        }
        guard result != nil else {
            fatalError("OpenSSL could not compute HMAC-SHA-256")
        }
        return Array(digest.prefix(Int(length)))
    }
}
