import Credentials

/// Django's CSRF secrets and tokens: a secret is 32 letters and digits kept in the
/// `csrftoken` cookie; a page carries the secret masked (a random 32-character mask
/// followed by the secret shifted by it), so the token changes on every page and a
/// compression side channel cannot recover it.
enum CSRFToken {
    /// Length of a secret, and of the mask in front of a masked token.
    static let secretLength = 32
    /// Length of a masked token.
    static let maskedLength = 64

    /// Django's alphabet in Django's order (lower case, upper case, digits); masking adds
    /// positions in this order, so the order is part of the format.
    private static let alphabet = Array(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8
    )

    /// Each ASCII byte's position in `alphabet`, or -1 for bytes outside it.
    private static let positions: [Int] = {
        var table = [Int](repeating: -1, count: 256)
        for (index, character) in alphabet.enumerated() {
            table[Int(character)] = index
        }
        return table
    }()

    /// Why a cookie or submitted token is unusable, in Django's words.
    enum FormatProblem: String {
        /// Neither 32 nor 64 characters.
        case incorrectLength = "has incorrect length"
        /// A character outside letters and digits.
        case invalidCharacters = "has invalid characters"
    }

    /// A fresh random secret for a new `csrftoken` cookie.
    static func newSecret() -> String {
        RandomToken.letters(length: secretLength)
    }

    /// The secret masked with a fresh random mask, for a form's hidden field.
    static func masked(_ secret: String) -> String {
        let mask = Array(RandomToken.letters(length: secretLength).utf8)
        var token = mask
        token.reserveCapacity(maskedLength)
        for (secretCharacter, maskCharacter) in zip(secret.utf8, mask) {
            let sum = positions[Int(secretCharacter)] + positions[Int(maskCharacter)]
            token.append(alphabet[sum % alphabet.count])
        }
        return String(decoding: token, as: UTF8.self)
    }

    /// The problem with a token's shape, if any. `characterCount` is the length as Django
    /// measures it for this source (characters of decoded text, or bytes of a header).
    static func formatProblem(_ token: String, characterCount: Int) -> FormatProblem? {
        guard characterCount == secretLength || characterCount == maskedLength else {
            return .incorrectLength
        }
        guard token.utf8.allSatisfy({ positions[Int($0)] >= 0 }) else {
            return .invalidCharacters
        }
        return nil
    }

    /// The secret inside a well-formed token: a 32-character token is the secret itself,
    /// a 64-character one is unmasked. Call only after `formatProblem` returned nil.
    static func secret(of token: String) -> [UInt8] {
        let bytes = Array(token.utf8)
        guard bytes.count == maskedLength else { return bytes }

        var secret: [UInt8] = []
        secret.reserveCapacity(secretLength)
        for index in 0..<secretLength {
            let cipher = positions[Int(bytes[secretLength + index])]
            let mask = positions[Int(bytes[index])]
            secret.append(alphabet[(cipher - mask + alphabet.count) % alphabet.count])
        }
        return secret
    }

    /// Whether a submitted token carries the same secret as the cookie, compared in
    /// constant time. Both must be well formed.
    static func matches(_ token: String, cookie: String) -> Bool {
        ConstantTime.equals(secret(of: token), secret(of: cookie))
    }
}
