/// Turns the document's text into HTML. Every character that came from the document passes
/// through `escape`, so no description can inject markup into the page; the only markup
/// kept is the little the descriptions use: paragraphs, bullet lists and `code` spans.
enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, safe both
    /// between tags and inside quoted attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// One line of text with its backtick spans set as `<code>`; an unpaired backtick is
    /// kept as a backtick.
    static func inline(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count > 2 else { return escape(text) }

        var result = ""
        for (index, part) in parts.enumerated() {
            let isCode = index % 2 == 1
            if isCode && index == parts.count - 1 {
                result += "`" + escape(String(part))
            } else if isCode {
                result += "<code>" + escape(String(part)) + "</code>"
            } else {
                result += escape(String(part))
            }
        }
        return result
    }

    /// Text in blocks separated by blank lines: a block whose lines all start with `* ` or
    /// `- ` becomes a bullet list, any other a paragraph keeping its line breaks.
    static func blocks(_ text: String) -> String {
        var result = ""
        for block in paragraphs(of: text) {
            let lines = block.split(separator: "\n").map(String.init)
            if lines.allSatisfy(isBullet) {
                result += "<ul>"
                for line in lines {
                    result += "<li>" + inline(String(line.dropFirst(2))) + "</li>"
                }
                result += "</ul>\n"
            } else {
                result += "<p>" + lines.map(inline).joined(separator: "<br>\n") + "</p>\n"
            }
        }
        return result
    }

    /// The non-empty blocks of `text`, split at blank lines.
    private static func paragraphs(of text: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
        return blocks
    }

    private static func isBullet(_ line: String) -> Bool {
        line.hasPrefix("* ") || line.hasPrefix("- ")
    }
}
