extension Templates {
    static let gapMarkdown = """
        {{% CONTENT_TYPE: MARKDOWN}}
        # {{service}}: gap report against {{codeTitle}}

        **Score: {{percent}}** `{{textBar}}` ({{earned}} of {{possible}} weighted checks met). {{headline}}

        | | |
        |---|---|
        | Service | {{service}}{{#hasProvider}}, {{provider}}{{/hasProvider}} |
        | Declared | {{declared}} |
        | Code | {{codeID}} {{codeVersion}} ({{codeStatus}}) |
        | Assessed as of | {{asOf}}{{#asIfInForce}} (every measure treated as in force){{/asIfInForce}} |
        {{#hasNote}}
        | Note | {{note}} |
        {{/hasNote}}

        | Status | Measures |
        |---|---|
        {{#counts}}
        | {{label}} | {{value}} |
        {{/counts}}

        ## Score by section

        | Section | Score | | Apply | Met | Gaps |
        |---|---|---|---|---|---|
        {{#sections}}
        | {{id}}: {{title}} | {{percent}} | {{#hasScore}}`{{textBar}}`{{/hasScore}} | {{applicable}} | {{met}} | {{gaps}} |
        {{/sections}}

        ## Gaps, most severe first

        {{^hasGaps}}
        No gaps: every measure that applies and is decided is met.
        {{/hasGaps}}
        {{#gaps}}
        ### {{statusMark}} {{id}}: {{title}}

        **{{severity}}** · {{status}} · {{sectionTitle}} · score {{score}}

        {{#hasCloseBy}}
        To close this gap:

        {{#closeBy}}
        - [ ] {{.}}
        {{/closeBy}}

        {{/hasCloseBy}}
        {{#hasUnknownChecks}}
        Not yet known:

        {{#unknownChecks}}
        - {{.}}
        {{/unknownChecks}}

        {{/hasUnknownChecks}}
        {{#hasPendingChecks}}
        Not yet in force (not scored):

        {{#pendingChecks}}
        - {{.}}
        {{/pendingChecks}}

        {{/hasPendingChecks}}
        {{#hasDeclaredStatus}}
        Declared status: {{declaredStatus}}; reviewed status: {{status}}.

        {{/hasDeclaredStatus}}
        {{#hasTrail}}
        Reviewer's trail:

        {{#trail}}
        - {{.}}
        {{/trail}}

        {{/hasTrail}}
        Why: {{reason}}

        Source: {{paragraph}} ({{confidence}}){{#hasURL}}, {{url}}{{/hasURL}}

        {{/gaps}}
        ## Questions for the platform

        {{^hasQuestions}}
        None: the submission gives every fact the assessment needed.
        {{/hasQuestions}}
        {{#hasQuestions}}
        The submission does not give these facts, so some measures are undecided.

        | Fact | Question | Needed for |
        |---|---|---|
        {{#questions}}
        | {{{pathCode}}} | {{question}} | {{measures}} |
        {{/questions}}

        {{/hasQuestions}}
        {{#hasUnknowns}}
        ## Undecided measures

        | Measure | Why undecided | Missing facts |
        |---|---|---|
        {{#unknowns}}
        | {{id}}: {{title}} ({{severity}}) | {{reason}} | {{missing}} |
        {{/unknowns}}

        {{/hasUnknowns}}
        {{#hasAlternatives}}
        ## Alternative measures claimed (need review)

        The service says it meets these measures another way. Until a reviewer accepts a claim, the measure is scored on its own checks, as below.

        {{#alternatives}}
        ### {{statusMark}} {{id}}: {{title}}

        {{#hasDeclaredStatus}}
        Declared status: {{declaredStatus}}; reviewed status: **{{status}}**.

        {{/hasDeclaredStatus}}
        The service's alternative: {{alternative}}

        {{#hasRationale}}
        Its rationale: {{rationale}}

        {{/hasRationale}}
        The measure's own checks ({{score}}):

        {{#checks}}
        - {{mark}} {{text}}
        {{/checks}}

        {{#hasTrail}}
        Reviewer's trail:

        {{#trail}}
        - {{.}}
        {{/trail}}

        {{/hasTrail}}
        {{/alternatives}}
        {{/hasAlternatives}}
        {{> review.md}}
        {{#hasEvidence}}
        ## Evidence the service cites

        | Fact | Declared | Where it is backed up | Read by |
        |---|---|---|---|
        {{#evidence}}
        | {{{factCode}}} | {{value}} | {{document}}{{#hasURL}} ({{url}}){{/hasURL}}{{#hasNote}}: {{note}}{{/hasNote}} | {{measures}} |
        {{/evidence}}

        {{/hasEvidence}}
        {{#hasMet}}
        ## Measures met

        | Measure | Severity | Section |
        |---|---|---|
        {{#met}}
        | ✓ {{id}}: {{title}}{{#optional}} (optional){{/optional}} | {{severity}} | {{sectionTitle}} |
        {{/met}}

        {{/hasMet}}
        {{#hasNotApplicable}}
        ## Measures that do not apply

        | Measure | Why not |
        |---|---|
        {{#notApplicable}}
        | {{id}}: {{title}} | {{reason}} |
        {{/notApplicable}}

        {{/hasNotApplicable}}
        {{#hasNotInForce}}
        ## Measures not yet in force

        | Measure | Status | Applicability |
        |---|---|---|
        {{#notInForce}}
        | {{id}}: {{title}} | {{when}} | {{reason}} |
        {{/notInForce}}

        {{/hasNotInForce}}
        {{#hasChecksNotInForce}}
        ## Checks not yet in force

        Duties added to a measure that is already in force, with their own later date: not scored, and not counted in the measure's status, until then.

        | Measure | Check | From |
        |---|---|---|
        {{#checksNotInForce}}
        | {{measure}}: {{title}} | {{text}} | {{when}} |
        {{/checksNotInForce}}

        {{/hasChecksNotInForce}}
        {{> inputs.md}}
        Generated by {{generator}}. Scores are the weight of checks met over the weight of checks of measures that apply (met, partly met, not met or undecided); optional measures and measures not in force are not scored; a claimed alternative is scored on the measure's own checks until a reviewer accepts it.

        """

    static let style = """
        :root { --ink: #1d2327; --muted: #5b6770; --line: #d9dee2; --bg: #f6f7f8; --good: #1f7a3a; --part: #9a6400; --bad: #b3261e; --unk: #4a5a86; }
        * { box-sizing: border-box; }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0; background: #fff; }
        main { max-width: 1040px; margin: 0 auto; padding: 28px 32px 48px; }
        h1 { font-size: 26px; margin: 0 0 4px; line-height: 1.25; }
        h2 { font-size: 19px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
        h3 { font-size: 16px; margin: 0 0 6px; }
        .sub { color: var(--muted); margin: 0 0 20px; }
        .meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 20px; }
        .meta dt { color: var(--muted); } .meta dd { margin: 0; }
        .score { display: flex; gap: 28px; align-items: center; background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 18px 22px; }
        .big { font-size: 44px; font-weight: 700; line-height: 1; }
        .headline { margin: 6px 0 0; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
        th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
        th { font-size: 13px; color: var(--muted); font-weight: 600; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0 0; padding: 0; list-style: none; }
        .counts li { background: #fff; border: 1px solid var(--line); border-radius: 14px; padding: 2px 10px; font-size: 13px; }
        .gap { border: 1px solid var(--line); border-left: 6px solid var(--bad); border-radius: 6px; padding: 14px 16px; margin: 0 0 14px; page-break-inside: avoid; }
        .gap.partial { border-left-color: var(--part); }
        .gap.alternative { border-left-color: var(--unk); }
        .badge { display: inline-block; font-size: 12px; font-weight: 700; letter-spacing: .03em; text-transform: uppercase; border-radius: 4px; padding: 1px 7px; margin-right: 6px; border: 1px solid currentColor; }
        .sev-critical { color: #fff; background: var(--bad); border-color: var(--bad); }
        .sev-high { color: var(--bad); }
        .sev-medium { color: var(--part); }
        .sev-low { color: var(--muted); }
        .st { font-weight: 600; white-space: nowrap; }
        .st-met { color: var(--good); } .st-partial { color: var(--part); } .st-not_met { color: var(--bad); } .st-unknown, .st-alternative { color: var(--unk); }
        .checks { list-style: none; padding: 0; margin: 8px 0; }
        .checks li { padding: 2px 0 2px 26px; position: relative; }
        .checks .m { position: absolute; left: 4px; font-weight: 700; }
        .checks .met .m { color: var(--good); } .checks .not.met .m, .checks li.not-met .m { color: var(--bad); } .checks .unknown .m { color: var(--unk); }
        .why { color: var(--muted); font-size: 14px; margin: 6px 0 0; }
        .src { color: var(--muted); font-size: 13px; margin: 6px 0 0; word-break: break-word; }
        code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
        .sha { font-size: 11px; word-break: break-all; color: var(--muted); }
        .none { color: var(--muted); font-style: italic; }
        .foot { color: var(--muted); font-size: 13px; margin-top: 32px; }
        svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
        @media print { main { max-width: none; padding: 0; } h2 { break-after: avoid; } .score { border: 1px solid #999; } a { color: inherit; } }
        """

    static let gapHTML = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{service}}: gap report against {{codeID}} {{codeVersion}}</title>
        <style>
        {{> style}}
        </style>
        </head>
        <body>
        <main>
        <h1>{{service}}</h1>
        <p class="sub">Gap report against <strong>{{codeTitle}}</strong> ({{codeVersion}}, {{codeStatus}})</p>
        <dl class="meta">
        {{#hasProvider}}<dt>Provider</dt><dd>{{provider}}</dd>{{/hasProvider}}
        <dt>Declared</dt><dd>{{declared}}</dd>
        <dt>Code</dt><dd><span class="mono">{{codeID}}</span> {{codeVersion}}, {{codeStatus}}{{#hasPublisher}}, {{codePublisher}}{{/hasPublisher}}</dd>
        <dt>Assessed as of</dt><dd>{{asOf}}{{#asIfInForce}} (every measure treated as in force){{/asIfInForce}}</dd>
        {{#hasNote}}<dt>Note</dt><dd>{{note}}</dd>{{/hasNote}}
        </dl>

        <section class="score" aria-label="Overall score">
          <div><div class="big">{{percent}}</div><div class="sub" style="margin:4px 0 0">{{earned}} of {{possible}} weighted checks</div></div>
          <div style="flex:1">
            <svg width="240" height="16" role="img" aria-label="Score {{percent}}"><rect width="240" height="16" rx="3" fill="#e4e7ea"/><rect width="{{barWidth}}" height="16" rx="3" fill="#1f7a3a"/></svg>
            <p class="headline">{{headline}}</p>
            <ul class="counts">{{#counts}}<li>{{label}}: <strong>{{value}}</strong></li>{{/counts}}</ul>
          </div>
        </section>

        <h2>Score by section</h2>
        <table>
        <thead><tr><th>Section</th><th>Score</th><th></th><th class="num">Apply</th><th class="num">Met</th><th class="num">Gaps</th></tr></thead>
        <tbody>
        {{#sections}}
        <tr><td>{{id}}: {{title}}</td><td class="num">{{percent}}</td><td>{{#hasScore}}<svg width="240" height="12" role="img" aria-label="{{percent}}"><rect width="240" height="12" rx="2" fill="#e4e7ea"/><rect width="{{barWidth}}" height="12" rx="2" fill="#1f7a3a"/></svg>{{/hasScore}}{{^hasScore}}<span class="none">nothing scored</span>{{/hasScore}}</td><td class="num">{{applicable}}</td><td class="num">{{met}}</td><td class="num">{{gaps}}</td></tr>
        {{/sections}}
        </tbody>
        </table>

        <h2>Gaps, most severe first</h2>
        {{^hasGaps}}<p class="none">No gaps: every measure that applies and is decided is met.</p>{{/hasGaps}}
        {{#gaps}}
        <article class="gap {{statusClass}}">
          <h3>{{id}}: {{title}}</h3>
          <div><span class="badge sev-{{severity}}">{{severity}}</span><span class="st st-{{statusClass}}">{{statusMark}} {{status}}</span> · {{sectionTitle}} · score {{score}}</div>
          {{#hasCloseBy}}<p style="margin:10px 0 0"><strong>To close this gap:</strong></p>
          <ul class="checks">{{#closeBy}}<li class="not-met"><span class="m" aria-hidden="true">✗</span>{{.}}</li>{{/closeBy}}</ul>{{/hasCloseBy}}
          {{#hasUnknownChecks}}<p style="margin:6px 0 0"><strong>Not yet known:</strong></p>
          <ul class="checks">{{#unknownChecks}}<li class="unknown"><span class="m" aria-hidden="true">?</span>{{.}}</li>{{/unknownChecks}}</ul>{{/hasUnknownChecks}}{{#hasPendingChecks}}
          <p style="margin:6px 0 0"><strong>Not yet in force (not scored):</strong></p>
          <ul class="checks">{{#pendingChecks}}<li class="pending"><span class="m" aria-hidden="true">…</span>{{.}}</li>{{/pendingChecks}}</ul>{{/hasPendingChecks}}
          {{#hasDeclaredStatus}}<p class="reviewed">Declared status: {{declaredStatus}}; reviewed status: <strong>{{status}}</strong>.</p>{{/hasDeclaredStatus}}{{#hasTrail}}<p style="margin:6px 0 0"><strong>Reviewer's trail:</strong></p><ul class="trail">{{#trail}}<li>{{.}}</li>{{/trail}}</ul>{{/hasTrail}}<p class="why">Why: {{reason}}</p>
          <p class="src">Source: {{paragraph}} ({{confidence}}){{#hasURL}}, <a href="{{url}}">{{url}}</a>{{/hasURL}}</p>
        </article>
        {{/gaps}}

        <h2>Questions for the platform</h2>
        {{^hasQuestions}}<p class="none">None: the submission gives every fact the assessment needed.</p>{{/hasQuestions}}
        {{#hasQuestions}}
        <p>The submission does not give these facts, so some measures are undecided.</p>
        <table>
        <thead><tr><th>Fact</th><th>Question</th><th>Needed for</th></tr></thead>
        <tbody>
        {{#questions}}<tr><td><code>{{path}}</code></td><td>{{question}}{{#hasHelp}}<div class="why">{{help}}</div>{{/hasHelp}}</td><td>{{measures}}</td></tr>
        {{/questions}}
        </tbody>
        </table>
        {{/hasQuestions}}

        {{#hasUnknowns}}
        <h2>Undecided measures</h2>
        <table>
        <thead><tr><th>Measure</th><th>Why undecided</th><th>Missing facts</th></tr></thead>
        <tbody>
        {{#unknowns}}<tr><td><span class="st st-unknown">?</span> {{id}}: {{title}} <span class="badge sev-{{severity}}">{{severity}}</span></td><td>{{reason}}</td><td><code>{{missing}}</code></td></tr>
        {{/unknowns}}
        </tbody>
        </table>
        {{/hasUnknowns}}

        {{#hasAlternatives}}
        <h2>Alternative measures claimed</h2>
        <p>The service says it meets these measures another way. Until a reviewer accepts a claim, the measure is scored on its own checks, as below.</p>
        {{#alternatives}}
        <article class="gap alternative">
          <h3>{{statusMark}} {{id}}: {{title}}</h3>{{#hasDeclaredStatus}}<p class="reviewed">Declared status: {{declaredStatus}}; reviewed status: <strong>{{status}}</strong>.</p>{{/hasDeclaredStatus}}
          <p style="margin:6px 0 0"><strong>Alternative:</strong> {{alternative}}</p>
          {{#hasRationale}}<p style="margin:6px 0 0"><strong>Rationale:</strong> {{rationale}}</p>{{/hasRationale}}
          <p style="margin:6px 0 0"><strong>The measure's own checks ({{score}}):</strong></p>
          <ul>{{#checks}}<li>{{mark}} {{text}}</li>{{/checks}}</ul>
          {{#hasTrail}}<p style="margin:6px 0 0"><strong>Reviewer's trail:</strong></p><ul class="trail">{{#trail}}<li>{{.}}</li>{{/trail}}</ul>{{/hasTrail}}<p class="why">{{reason}}</p>
        </article>
        {{/alternatives}}
        {{/hasAlternatives}}
        {{> review.html}}

        {{#hasEvidence}}
        <h2>Evidence the service cites</h2>
        <table>
        <thead><tr><th>Fact</th><th>Declared</th><th>Where it is backed up</th><th>Read by</th></tr></thead>
        <tbody>
        {{#evidence}}<tr><td><code>{{fact}}</code></td><td>{{value}}</td><td>{{#hasURL}}<a href="{{url}}">{{document}}</a>{{/hasURL}}{{^hasURL}}{{document}}{{/hasURL}}{{#hasNote}}<div class="why">{{note}}</div>{{/hasNote}}</td><td>{{measures}}</td></tr>
        {{/evidence}}
        </tbody>
        </table>
        {{/hasEvidence}}

        {{#hasMet}}
        <h2>Measures met</h2>
        <table>
        <thead><tr><th>Measure</th><th>Severity</th><th>Section</th></tr></thead>
        <tbody>
        {{#met}}<tr><td><span class="st st-met">✓</span> {{id}}: {{title}}{{#optional}} (optional){{/optional}}</td><td>{{severity}}</td><td>{{sectionTitle}}</td></tr>
        {{/met}}
        </tbody>
        </table>
        {{/hasMet}}

        {{#hasNotApplicable}}
        <h2>Measures that do not apply</h2>
        <table>
        <thead><tr><th>Measure</th><th>Why not</th></tr></thead>
        <tbody>
        {{#notApplicable}}<tr><td>– {{id}}: {{title}}</td><td class="why">{{reason}}</td></tr>
        {{/notApplicable}}
        </tbody>
        </table>
        {{/hasNotApplicable}}

        {{#hasNotInForce}}
        <h2>Measures not yet in force</h2>
        <table>
        <thead><tr><th>Measure</th><th>Status</th><th>Applicability</th></tr></thead>
        <tbody>
        {{#notInForce}}<tr><td>… {{id}}: {{title}}</td><td>{{when}}</td><td class="why">{{reason}}</td></tr>
        {{/notInForce}}
        </tbody>
        </table>
        {{/hasNotInForce}}

        {{#hasChecksNotInForce}}
        <h2>Checks not yet in force</h2>
        <p>Duties added to a measure that is already in force, with their own later date: not scored, and not counted in the measure's status, until then.</p>
        <table>
        <thead><tr><th>Measure</th><th>Check</th><th>From</th></tr></thead>
        <tbody>
        {{#checksNotInForce}}<tr><td>… {{measure}}: {{title}}</td><td>{{text}}</td><td>{{when}}</td></tr>
        {{/checksNotInForce}}
        </tbody>
        </table>

        {{/hasChecksNotInForce}}
        {{> inputs.html}}
        <p class="foot">Generated by {{generator}}. Scores are the weight of checks met over the weight of checks of measures that apply (met, partly met, not met or undecided); optional measures and measures not in force are not scored; a claimed alternative is scored on the measure's own checks until a reviewer accepts it. Marks: ✓ met, ◐ partly met, ✗ not met, ? unknown, ↔ alternative, – not applicable, … not yet in force.</p>
        </main>
        </body>
        </html>

        """
}
