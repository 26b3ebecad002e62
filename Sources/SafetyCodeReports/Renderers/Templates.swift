import Mustache

/// Escapes text for Markdown: characters that would start markup are backslash-escaped, and
/// `<` `>` `&` become entities so no HTML passes through a Markdown renderer. Newlines become spaces.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { Markdown.escape(text) }
}

/// Markdown helpers.
enum Markdown {
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "!", "{", "}":
                out.append("\\"); out.append(c)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\t": out.append(" ")
            default: out.append(c)
            }
        }
        return out
    }
}

/// The templates, compiled once.
enum Templates {
    static let library: MustacheLibrary = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        var library = MustacheLibrary()
        for (name, text) in [("gap.md", gapMarkdown), ("gap.html", gapHTML), ("style", style),
                             ("index.md", indexMarkdown), ("index.html", indexHTML)] + extraTemplates {
            do {
                try library.register(text, named: name)
            } catch {
                fatalError("template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    /// Templates of later reports (diff, comparison), registered with the rest.
    static var extraTemplates: [(String, String)] {
        [("diff.md", diffMarkdown), ("diff.html", diffHTML), ("compare.md", compareMarkdown), ("compare.html", compareHTML)]
    }

    static func render(_ view: Any, _ name: String) -> String {
        library.render(view, withTemplate: name) ?? ""
    }
}
