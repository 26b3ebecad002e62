import Mustache
import YAMLTree

/// Escapes text for Markdown: characters that would start markup are backslash-escaped, and
/// `<` `>` `&` become entities so no HTML passes through a Markdown renderer. Newlines become spaces.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { Markdown.escape(text) }
}

/// Markdown helpers.
enum Markdown {
    /// Text as a Markdown code span, for a table cell: nothing is backslash-escaped inside (a
    /// code span shows it literally), the fence is one backtick longer than the longest run of
    /// backticks in the text, line breaks become spaces, and `|` is escaped as GitHub's tables
    /// require even inside code spans.
    static func codeSpan(_ text: String) -> String {
        var body = ""
        var run = 0, longest = 0
        for u in text.unicodeScalars {
            if u == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
            switch u {
            case _ where u == "\t" || VisibleText.isLineBreak(u): body.unicodeScalars.append(" ")
            case "|": body += "\\|"
            default: body.unicodeScalars.append(u)
            }
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = body.hasPrefix("`") || body.hasSuffix("`") || body.isEmpty ? " " : ""
        return fence + pad + body + pad + fence
    }

    static func escape(_ text: String) -> String {
        // By Unicode scalars: Swift takes "\r\n" as one Character, which a test for "\n" misses.
        var out = ""
        for u in text.unicodeScalars {
            switch u {
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "!", "{", "}":
                out.unicodeScalars.append("\\"); out.unicodeScalars.append(u)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case _ where u == "\t" || VisibleText.isLineBreak(u): out.unicodeScalars.append(" ")
            default: out.unicodeScalars.append(u)
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
        | {{role}} | {{{fileCode}}} | {{{shaCode}}} |
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
        [("diff.md", diffMarkdown), ("diff.html", diffHTML), ("compare.md", compareMarkdown), ("compare.html", compareHTML),
         ("review.md", reviewMarkdown), ("review.html", reviewHTML),
         ("history.md", historyMarkdown), ("history.html", historyHTML),
         ("gap.body.html", gapBody), ("diff.body.html", diffBody), ("compare.body.html", compareBody), ("history.body.html", historyBody),
         ("risk.md", riskMarkdown), ("risk.html", riskHTML),
         ("questionnaire-form", questionnaireForm), ("questionnaire-body", questionnaireBody),
         ("questionnaire.html", questionnairePage)] + workbenchTemplates
    }

    /// The rendered report, with every hidden character (bidi controls, zero-width and control
    /// characters: ``VisibleText``) shown as `<U+202E>`. The templates hold none, so every one in
    /// the output came from an input, whichever field it was in. Every template but the
    /// Markdown ones (`.md`) is HTML, the workbench's `wb.*` included, and shows it as
    /// `&lt;U+202E&gt;`: a raw `<U+202E>` in a page is read as an element and disappears.
    static func render(_ view: Any, _ name: String) -> String {
        VisibleText.reveal(library.render(view, withTemplate: name) ?? "", html: !name.hasSuffix(".md"))
    }
}
