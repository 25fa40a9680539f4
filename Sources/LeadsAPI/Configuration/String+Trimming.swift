extension String {
    /// The string without leading and trailing characters from `set`; a small stand-in
    /// for Foundation's trimming that keeps this target's hot paths free of Foundation.
    func trimming(_ set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
