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

extension Templates {
    /// The table of input files every report ends with.
    static let inputsMarkdown = """
        {{% CONTENT_TYPE: MARKDOWN}}
        ## Inputs

        | Role | File | SHA-256 |
        |---|---|---|
        {{#inputs}}
        | {{role}} | `{{file}}` | `{{sha256}}` |
        {{/inputs}}


        """

    static let inputsHTML = """
        <h2>Inputs</h2>
        <table>
        <thead><tr><th>Role</th><th>File</th><th>SHA-256</th></tr></thead>
        <tbody>
        {{#inputs}}<tr><td>{{role}}</td><td><code>{{file}}</code></td><td class="sha mono">{{sha256}}</td></tr>
        {{/inputs}}
        </tbody>
        </table>

        """
}

/// The templates, compiled once.
enum Templates {
    static let library: MustacheLibrary = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        var library = MustacheLibrary()
        for (name, text) in [("gap.md", gapMarkdown), ("gap.html", gapHTML), ("style", style), ("inputs.md", inputsMarkdown), ("inputs.html", inputsHTML),
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
