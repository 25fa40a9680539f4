/// The page's style sheet, inlined so the page needs nothing but itself. System fonts only;
/// colours follow the reader's light or dark preference.
enum PageStyle {
    /// The CSS placed in the page's `<style>` element.
    static let css = """
        :root { color-scheme: light dark; --line: #d0d4da; --soft: #f4f5f7; --accent: #1d5fbf; }
        @media (prefers-color-scheme: dark) {
          :root { --line: #3a3f47; --soft: #1f2329; --accent: #7fb0ff; }
        }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
        main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
        h1 { margin-bottom: 0.2rem; }
        h2.tag { margin-top: 2.5rem; border-bottom: 2px solid var(--line); }
        .meta { margin-top: 0; opacity: 0.75; }
        a { color: var(--accent); }
        code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
        code { font-size: 0.9em; }
        pre { background: var(--soft); padding: 0.75rem; overflow-x: auto; border-radius: 4px; }
        nav ul { list-style: none; padding-left: 0; }
        nav li { margin: 0.15rem 0; }
        section.operation, section.schema {
          border: 1px solid var(--line); border-radius: 6px; padding: 0 1rem 0.5rem;
          margin: 1rem 0;
        }
        .summary { margin-top: 0; }
        .method {
          display: inline-block; min-width: 4.2rem; padding: 0 0.3rem; border-radius: 3px;
          color: #fff; font-size: 0.8em; text-align: center; font-weight: 600;
        }
        .method-get { background: #2f7d32; }
        .method-post { background: #1d5fbf; }
        .method-put, .method-patch { background: #a15c00; }
        .method-delete { background: #b3261e; }
        .method-head, .method-options, .method-trace { background: #5f6368; }
        table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
        th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; vertical-align: top; }
        th { background: var(--soft); text-align: left; }
        td p { margin: 0 0 0.3rem; }
        td ul { margin: 0; padding-left: 1.1rem; }
        .badge {
          display: inline-block; padding: 0 0.35rem; border: 1px solid var(--line);
          border-radius: 3px; font-size: 0.8em;
        }

        """
}
