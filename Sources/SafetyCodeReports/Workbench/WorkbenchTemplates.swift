extension Templates {
    /// The workbench's templates, registered with the reports'.
    static var workbenchTemplates: [(String, String)] {
        [("wb.layout", workbenchLayout), ("wb.message", workbenchMessage), ("wb.portfolio", workbenchPortfolio), ("wb.service", workbenchService),
         ("wb.assessment", workbenchAssessment), ("wb.advocate", workbenchAdvocate), ("wb.chooser", workbenchChooser),
         ("wb.version", workbenchVersion), ("wb.drafts", workbenchDrafts)]
    }

    static let workbenchLayout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · safetycode workbench</title>
        <link rel="stylesheet" href="/static/app.css">
        </head>
        <body>
        <nav class="wbnav" aria-label="Workbench"><a href="/" class="home">safetycode workbench</a> <a href="/">Portfolio</a> <a href="/questionnaire">New assessment</a> <a href="/compare">Compare code versions</a> <a href="/diff">Diff</a></nav>
        <main>
        {{#hasProblems}}
        <section class="problems" id="problems" role="alert">
        <h2>Problems in the workspace files</h2>
        <p>These files could not be read as they are; what they describe is left out until they are fixed.</p>
        <ul>{{#problems}}<li class="diag diag-{{severity}}"><code>{{place}}</code> {{severity}}: {{message}}</li>{{/problems}}</ul>
        </section>
        {{/hasProblems}}
        {{{body}}}
        </main>
        </body>
        </html>

        """

    static let workbenchMessage = """
        <h1>{{title}}</h1>
        <p>{{message}}</p>
        <p><a href="/">Back to the portfolio</a></p>

        """

    static let workbenchPortfolio = """
        <h1>Portfolio</h1>
        <p class="sub">{{sentence}}</p>
        <form id="portfolio-filter" method="get" action="/" class="filters">
        <label>Lens <select name="lens">{{#lenses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/lenses}}</select></label>
        <label>Severity <select name="severity">{{#severities}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/severities}}</select></label>
        <label>Code <select name="code">{{#codes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/codes}}</select></label>
        <button type="submit">Show</button>
        </form>
        <div class="wide"><table id="portfolio">
        <thead><tr><th>Service</th><th>Last submission</th>{{#columns}}<th class="code-col"><abbr title="{{title}} ({{ref}})">{{label}}</abbr>{{#asIfInForce}}<div class="cellnote if-in-force">{{status}}: scored if in force</div>{{/asIfInForce}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}
        <tr id="service-{{stem}}"><td><a href="/services/{{stem}}"><strong>{{name}}</strong></a>{{#hasProvider}}<div class="cellnote">{{provider}}</div>{{/hasProvider}}</td><td>{{lastDate}}{{#isFuture}}<div class="future-dated" role="note">after the assessment date</div>{{/isFuture}}<div class="cellnote">{{versions}}</div></td>{{#cells}}<td>{{#ok}}<a href="{{href}}">{{range}}</a> <span class="tone tone-{{tone}}">{{mark}}</span><small>{{#asIfInForce}}if in force, {{/asIfInForce}}{{critical}}{{#hasSeverityGaps}}, {{severityGaps}}{{/hasSeverityGaps}}, {{challenges}}</small>{{/ok}}{{^ok}}<span class="none">not assessed</span>{{/ok}}</td>{{/cells}}</tr>
        {{/rows}}
        </tbody>
        </table></div>
        {{^hasRows}}<p class="none">No service matches.</p>{{/hasRows}}
        {{#hasPages}}<nav id="portfolio-pages" class="pages" aria-label="Pages of the portfolio">{{#hasPrevious}}<a rel="prev" href="{{previous}}">Previous</a> {{/hasPrevious}}{{#pages}}{{#current}}<strong aria-current="page">{{label}}</strong> {{/current}}{{^current}}<a href="{{href}}">{{label}}</a> {{/current}}{{/pages}}{{#hasNext}}<a rel="next" href="{{next}}">Next</a>{{/hasNext}}</nav>{{/hasPages}}
        {{#hasAsIfInForceNote}}<p class="foot" id="if-in-force-note">{{asIfInForceNote}}</p>{{/hasAsIfInForceNote}}
        <p class="foot">Each cell: the score proven (to the most it could reach where measures are undecided), a mark for the worst gap (✗ critical, ! high or under 60%, ◐ other gaps or under 90%, ✓ none), critical gaps, and declared risk levels below what the risk guidance indicates.</p>

        """

    static let workbenchService = """
        <p class="crumbs"><a href="/">Portfolio</a> › {{name}}</p>
        <h1>{{name}}</h1>
        {{#hasProvider}}<p class="sub">{{provider}}</p>{{/hasProvider}}
        <p><a id="new-version" class="button" href="{{newVersionHref}}">Record a new version (questionnaire with the latest answers)</a></p>
        <h2>Latest assessment under each code</h2>
        <table id="latest">
        <thead><tr><th>Code</th><th>Score</th><th>Gaps</th></tr></thead>
        <tbody>
        {{#latest}}<tr><td><a href="{{href}}">{{label}}</a><div class="cellnote">{{title}}</div></td><td>{{range}} <span class="tone tone-{{tone}}">{{mark}}</span>{{#hasHeadline}}<div class="cellnote">{{headline}}</div>{{/hasHeadline}}{{#hasInForceOnly}}<div class="cellnote in-force-only">{{inForceOnly}}</div>{{/hasInForceOnly}}</td><td>{{critical}}</td></tr>
        {{/latest}}
        </tbody>
        </table>
        <h2>Submissions</h2>
        <table id="versions">
        <thead><tr><th>Date</th><th>File and review</th><th>SHA-256</th><th>Its assessments</th></tr></thead>
        <tbody>
        {{#versions}}<tr><td>{{date}}{{#isLatest}}<div class="cellnote">latest</div>{{/isLatest}}{{#isFuture}}<div class="future-dated" role="note">{{future}}</div>{{/isFuture}}</td><td><code>{{file}}</code><div class="cellnote">{{#hasReview}}reviewed in <code>{{review}}</code>{{/hasReview}}{{^hasReview}}no review{{/hasReview}}</div></td><td class="sha mono">{{sha}}…</td><td class="version-links">{{#assessments}}<a href="{{href}}" title="{{title}}">{{label}}</a> {{/assessments}}</td></tr>
        {{/versions}}
        </tbody>
        </table>
        <h2>Reviews</h2>
        {{^hasFindings}}<p class="none">No reviewer's finding on the latest submission yet: record one from an assessment.</p>{{/hasFindings}}
        {{#hasFindings}}
        <p>Findings in <code>{{reviewFile}}</code>:</p>
        <table id="findings">
        <thead><tr><th>On</th><th>Decision</th><th>Reviewer</th><th>Why</th><th>State</th></tr></thead>
        <tbody>
        {{#findings}}<tr><td>{{subject}}</td><td>{{decision}}</td><td>{{reviewer}}, {{date}}</td><td>{{reason}}</td><td>{{state}}</td></tr>
        {{/findings}}
        </tbody>
        </table>
        {{/hasFindings}}
        <h2>Open questions</h2>
        {{^hasQuestions}}<p class="none">None: the latest submission gives every fact the codes ask about.</p>{{/hasQuestions}}
        {{#hasQuestions}}
        <table id="questions">
        <thead><tr><th>Fact</th><th>Question</th><th>Asked by</th></tr></thead>
        <tbody>
        {{#questions}}<tr><td><code>{{path}}</code></td><td>{{question}}</td><td>{{codes}}</td></tr>
        {{/questions}}
        </tbody>
        </table>
        {{/hasQuestions}}
        {{#hasHistories}}
        <h2>History</h2>
        {{#histories}}
        <details class="history"><summary>History under {{label}}</summary>
        {{{body}}}
        </details>
        {{/histories}}
        {{/hasHistories}}

        """

    static let workbenchAssessment = """
        {{#stale}}<div id="stale-write" role="alert" class="alert"><code>{{reviewFile}}</code> changed since this page was opened: someone (perhaps you, in another tab or another form of this page) saved a finding to it, so yours was not saved (nothing was overwritten). The page now shows the review as it is; your text is kept in {{#hasKeptForm}}<a href="#{{keptForm}}">its form</a>{{/hasKeptForm}}{{^hasKeptForm}}its form{{/hasKeptForm}}: check it still holds and save again.</div>{{/stale}}
        {{#hasRefused}}<div id="not-saved" role="alert" class="alert">Your finding was not saved: {{refused}}. Nothing was written; your text is kept in {{#hasKeptForm}}<a href="#{{keptForm}}">its form</a>{{/hasKeptForm}}{{^hasKeptForm}}its form{{/hasKeptForm}}.</div>{{/hasRefused}}
        {{{note}}}
        <div class="report">
        {{{report}}}
        </div>
        <section class="findings" id="record-findings">
        <h2>Record a finding</h2>
        {{#hasUnplaced}}<div class="alert" role="alert" id="finding-errors">The finding was not saved:<ul>{{#unplaced}}<li>{{.}}</li>{{/unplaced}}</ul></div>{{/hasUnplaced}}
        <p>A finding is saved to <code>{{reviewFile}}</code> (the workspace's review of this submission: the reviewers' findings, kept apart from the provider's declaration, which is never edited) and the assessment is redone with it. Accepting or rejecting an alternative measure is offered only on the measures for which the submission claims one.</p>
        <h3>On a measure</h3>
        {{#measures}}
        <details class="finding" id="{{anchor}}"{{#open}} open{{/open}}><summary>{{label}} <span class="why">{{detail}}</span></summary>
        <form class="finding-form" id="{{id}}" method="post" action="#{{anchor}}">{{{hidden}}}<input type="hidden" name="target" value="{{target}}">
        {{#general}}<p class="field-error" id="error-form">{{.}}</p>{{/general}}
        <label>Decision <select name="decision">{{#mine}}{{#decisions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/decisions}}{{/mine}}{{^mine}}{{{options}}}{{/mine}}</select></label>
        {{#mine}}<label>Why <textarea name="reason" required>{{{reason}}}</textarea></label><label>Reviewer <input name="reviewer" value="{{{reviewer}}}" required></label><label>Expires (optional) <input type="date" name="expires" value="{{{expires}}}"></label>{{/mine}}{{^mine}}{{{fields}}}{{/mine}}{{#errors}}<p class="field-error" id="{{id}}">{{message}}</p>{{/errors}}
        <button type="submit">Save</button></form></details>
        {{/measures}}
        {{#hasFacts}}
        <h3>On a declared fact</h3>
        {{#facts}}
        <details class="finding" id="{{anchor}}"{{#open}} open{{/open}}><summary>{{label}} <code class="fact-path">{{path}}</code> <span class="why">{{detail}}</span></summary>
        <form class="finding-form" id="{{id}}" method="post" action="#{{anchor}}">{{{hidden}}}<input type="hidden" name="target" value="{{target}}">
        {{#general}}<p class="field-error" id="error-form">{{.}}</p>{{/general}}
        <label>Decision <select name="decision">{{#mine}}{{#decisions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/decisions}}{{/mine}}{{^mine}}{{{options}}}{{/mine}}</select></label>
        <label>Value if disputed (empty: unknown) <input name="value"{{#mine}} value="{{{value}}}"{{/mine}}></label>
        {{#mine}}<label>Why <textarea name="reason" required>{{{reason}}}</textarea></label><label>Reviewer <input name="reviewer" value="{{{reviewer}}}" required></label><label>Expires (optional) <input type="date" name="expires" value="{{{expires}}}"></label>{{/mine}}{{^mine}}{{{fields}}}{{/mine}}{{#errors}}<p class="field-error" id="{{id}}">{{message}}</p>{{/errors}}
        <button type="submit">Save</button></form></details>
        {{/facts}}
        {{/hasFacts}}
        </section>

        """

    /// Which submission an assessment page shows (``VersionNote``).
    static let workbenchVersion = """
        <p id="version-note" class="version-note{{^isLatest}} earlier{{/isLatest}}">This assessment is of {{which}} (<code>{{file}}</code>){{#isLatest}}{{#many}}; <a href="{{serviceHref}}">{{service}}'s page</a> lists all {{count}}{{/many}}.{{/isLatest}}{{^isLatest}}, not the latest: {{service}}'s latest submission is {{latestDate}}. <a id="latest-version" href="{{latestHref}}">See the latest assessment</a> or <a href="{{serviceHref}}">all {{count}} submissions</a>.{{/isLatest}} Findings recorded here go to <code>{{reviewFile}}</code>, this submission's review.</p>

        """

    static let workbenchChooser = """
        <h1>New assessment: the questionnaire</h1>
        <p>Choose the codes whose questions to answer (codes that share a vocabulary can be answered together). The answers become a new submission in <code>Submissions/</code> once they pass the same checks as <code>safetycode lint</code>; a half-filled questionnaire can be saved as a draft and resumed.</p>
        <form id="questionnaire-codes" method="get" action="/questionnaire" class="chooser">
        {{#codes}}<label><input type="checkbox" name="code" value="{{value}}"> {{label}}</label>
        {{/codes}}
        <button type="submit">Start the questionnaire</button>
        </form>

        """

    /// The saved drafts (``DraftList``), where a questionnaire is started.
    static let workbenchDrafts = """
        <section id="drafts">
        <h2>Saved drafts</h2>
        {{^hasDrafts}}<p class="none">No saved draft: a questionnaire saved with "Save draft" is listed here to be resumed.</p>{{/hasDrafts}}
        {{#hasDrafts}}
        <table id="drafts-list">
        <thead><tr><th>Service (as typed)</th><th>Codes</th><th>Saved</th><th></th></tr></thead>
        <tbody>
        {{#drafts}}<tr id="draft-{{id}}"><td>{{#named}}{{service}}{{/named}}{{^named}}<span class="none">no name yet</span>{{/named}}</td><td>{{codes}}</td><td>{{saved}}</td><td>{{#ok}}<a href="{{href}}">Resume</a>{{/ok}}{{^ok}}cannot be read: <code>{{problem}}</code>{{/ok}}</td></tr>
        {{/drafts}}
        </tbody>
        </table>
        {{/hasDrafts}}
        </section>

        """

    static let workbenchAdvocate = """
        <h1>{{title}}</h1>
        <form id="compare-form" method="get" action="{{action}}" class="filters">
        <label>From <select name="from">{{#from}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/from}}</select></label>
        <label>To <select name="to">{{#to}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/to}}</select></label>
        <label>Lens <select name="lens">{{#lenses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/lenses}}</select></label>
        <button type="submit">Show</button>
        </form>
        <p class="sub">Or see <a href="{{other}}">{{otherTitle}}</a>.</p>
        {{#hasMessage}}<p class="alert" role="alert">{{message}}</p>{{/hasMessage}}
        {{#hasResult}}<div class="report">
        {{{result}}}
        </div>{{/hasResult}}

        """

    /// The workbench's own rules, after the reports' style sheet.
    static let workbenchStyle = """
        .wbnav { background: var(--ink); padding: 10px 32px; display: flex; gap: 18px; flex-wrap: wrap; }
        .wbnav a { color: #fff; text-decoration: none; font-weight: 600; }
        .wbnav a.home { margin-right: auto; }
        .crumbs { color: var(--muted); font-size: 14px; margin: 0 0 8px; }
        .problems { border: 2px solid var(--bad); border-radius: 6px; background: #fdf1f0; padding: 10px 16px; margin: 0 0 20px; }
        .problems h2 { margin: 0 0 6px; border: none; font-size: 17px; }
        .diag { margin: 4px 0; } .diag-error code { color: var(--bad); }
        .filters { display: flex; gap: 14px; flex-wrap: wrap; align-items: end; margin: 18px 0 16px; }
        .filters label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); gap: 2px; }
        select, input, textarea, button { font: inherit; }
        button, a.button { background: var(--ink); color: #fff; border: none; border-radius: 5px; padding: 6px 14px; cursor: pointer; text-decoration: none; display: inline-block; }
        .wide { overflow-x: auto; max-width: 100%; }
        #portfolio td:nth-child(n+3) { min-width: 110px; }
        #portfolio small { display: block; color: var(--muted); font-size: 12px; }
        #portfolio td:first-child { overflow-wrap: normal; min-width: 9em; } #portfolio td:nth-child(2) { white-space: nowrap; }
        .cellnote { color: var(--muted); font-size: 12px; }
        details.finding { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 8px; padding: 6px 12px; }
        details.finding summary { cursor: pointer; }
        .fact-path { color: var(--muted); font-size: 12px; }
        .future-dated { color: #8a4b00; font-size: 13px; font-weight: 600; }
        #versions .future-dated { white-space: normal; min-width: 14em; max-width: 18em; }
        details.history { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 12px; padding: 6px 12px; }
        .finding-form { display: grid; gap: 8px; margin: 10px 0 6px; max-width: 640px; scroll-margin-top: 48px; }
        .finding-form label { display: flex; flex-direction: column; gap: 2px; font-size: 14px; }
        .field-error { color: var(--bad); font-weight: 600; margin: 0; }
        .alert { border-left: 6px solid var(--bad); background: #fdf1f0; padding: 10px 14px; margin: 10px 0; }
        .report h1 { margin-top: 0; }
        .chooser { display: grid; gap: 6px; max-width: 720px; }
        main:has(#portfolio) { max-width: 1400px; }
        nav.pages { margin: 14px 0; } nav.pages a, nav.pages strong { margin-right: 8px; }
        #portfolio th.code-col { min-width: 120px; }
        abbr[title] { text-decoration: none; border-bottom: 1px dotted var(--muted); cursor: help; }
        .version-note { border-left: 4px solid var(--unk); background: var(--bg); padding: 8px 12px; margin: 0 0 18px; font-size: 14px; }
        .version-note.earlier { border-left-color: #c25e00; background: #fff8e5; }
        .version-links a { white-space: nowrap; margin-right: 10px; }
        #versions td:first-child, #versions td:nth-child(2) code, #versions td.sha { white-space: nowrap; word-break: normal; overflow-wrap: normal; }

        """
}
