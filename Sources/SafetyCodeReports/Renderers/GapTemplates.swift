extension Templates {
    static let gapMarkdown = """
        {{% CONTENT_TYPE: MARKDOWN}}
        # {{service}}: gap report against {{codeTitle}}

        {{#lens}}
        > **Lens:** {{lens}}

        {{/lens}}
        {{sources.sentence}} (What each source means: see "How sure we are" below.)

        **{{headline}}**

        Score {{bar.range}} `{{textBar}}` {{bar.mark}} {{bar.toneWords}} ({{earned}} of {{possible}} weighted checks proven met; █ proven, ▒ undecided, ░ not met).
        {{#hasInForceNote}}

        {{inForceNote}}
        {{/hasInForceNote}}

        | | |
        |---|---|
        | Service | {{service}}{{#hasProvider}}, {{provider}}{{/hasProvider}} |
        | Declared | {{declared}}{{#hasFutureNote}} ({{futureNote}}){{/hasFutureNote}} |
        | Code | {{codeID}} {{codeVersion}} ({{codeStatus}}) |
        | Assessed as of | {{asOf}}{{#asIfInForce}} (as if in force: every measure treated as in force){{/asIfInForce}} |
        {{#hasNote}}
        | Note | {{note}} |
        {{/hasNote}}

        | Status | Measures |
        |---|---|
        {{#counts}}
        | {{label}} | {{value}}{{#hasNote}} ({{note}}){{/hasNote}} |
        {{/counts}}

        {{> risk.md}}
        ## Score by section

        | Section | Score | | Apply | Met | Gaps |
        |---|---|---|---|---|---|
        {{#sections}}
        | {{id}}: {{title}} | {{bar.short}} | {{#hasScore}}`{{textBar}}` {{bar.mark}} {{bar.toneWords}}{{/hasScore}} | {{applicable}} | {{met}} | {{gaps}} |
        {{/sections}}

        ## By harm

        {{^hasByHarm}}
        No measure names a kind of harm.
        {{/hasByHarm}}
        {{#hasByHarm}}
        | Kind of harm | Measures | Apply | Met |
        |---|---|---|---|
        {{#byHarm}}
        | {{harm}} | {{measures}} | {{applicable}} of {{count}} | {{met}} |
        {{/byHarm}}
        {{/hasByHarm}}

        ## Gaps, most severe first

        {{^hasGaps}}
        {{noGapsText}}

        {{/hasGaps}}
        {{#gaps}}
        ### {{statusMark}} {{id}}: {{title}}

        **{{severityMark}} {{severity}}** · {{status}} · {{sectionTitle}} · score {{score}}

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

        Source: {{paragraph}} [{{confidence}}]{{#hasURL}}, {{url}}{{/hasURL}}

        {{/gaps}}
        ## Questions for the platform

        {{^hasQuestions}}
        None: the submission gives every fact the assessment needed.
        {{/hasQuestions}}
        {{#hasQuestions}}
        The submission does not give these facts, so some measures are undecided. Most severe waiting measure first; questions only optional measures wait on come last.

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
        | {{id}}: {{title}} ({{severityMark}} {{severity}}; source: {{confidence}}) | {{reason}} | {{missing}} |
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

        | Measure | Severity | Section | Source |
        |---|---|---|---|
        {{#met}}
        | ✓ {{id}}: {{title}}{{#optional}} (optional){{/optional}} | {{severity}} | {{sectionTitle}} | {{confidence}} |
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
        ## How sure we are

        Each measure's encoding names its source. {{sources.sentence}}

        | Source | Meaning | Measures |
        |---|---|---|
        {{#sources.legend}}
        | {{label}} | {{meaning}} | {{count}} |
        {{/sources.legend}}

        Colours and marks: ✗ a critical gap, ! gaps of high severity or less than 60% proven, ◐ other gaps or less than 90% proven, ✓ no gaps and 90% or more proven. Severity: ‼ critical, ! high, • medium, · low.

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
        .mt4 { margin: 4px 0 0; } .mt6 { margin: 6px 0 0; } .mt8 { margin: 8px 0 0; } .mt10 { margin: 10px 0 0; }
        .my4 { margin: 4px 0; } .my6 { margin: 6px 0; } .mb4 { margin: 0 0 4px; } .m0 { margin: 0; } .f18 { font-size: 18px; }
        .lensbox { border-left: 4px solid var(--unk); padding: 8px 12px; }
        .badbox { border-left: 4px solid var(--bad); padding: 8px 12px; background: #fbf1f0; }
        .key-met { background: #1f7a3a; } .key-undecided { background: #b9c4dc; } .key-notmet { background: #e4e7ea; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
        th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
        th { font-size: 13px; color: var(--muted); font-weight: 600; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0 0; padding: 0; list-style: none; }
        .counts li { background: #fff; border: 1px solid var(--line); border-radius: 14px; padding: 2px 10px; font-size: 13px; }
        .gap { border: 1px solid var(--line); border-left: 6px solid var(--bad); border-radius: 6px; padding: 14px 16px; margin: 0 0 14px; }
        .gap.card-critical { border: 2px solid var(--bad); border-left: 10px solid var(--bad); background: #fdf1f0; }
        .gap.card-high { border-left-color: #c25e00; }
        .gap.card-medium { border-left-color: #c9a227; }
        .gap.card-low { border-left-color: #9aa5ad; }
        .gap.alternative { border-left-color: var(--unk); }
        .bar { width: 100%; max-width: 240px; height: 16px; vertical-align: middle; }
        .bar.small { width: 140px; height: 12px; }
        td.bars { white-space: nowrap; }
        .barline { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
        .scoremain { flex: 1; min-width: 0; }
        .upto { font-size: 26px; font-weight: 600; color: var(--muted); }
        .tone { font-weight: 700; font-size: 13px; white-space: nowrap; }
        .tone-bad { color: var(--bad); } .tone-warn { color: #c25e00; } .tone-fair { color: #6f6300; } .tone-good { color: var(--good); }
        .legend { font-size: 13px; color: var(--muted); margin: 0 0 6px; }
        .legend .key { display: inline-block; width: 14px; height: 10px; border-radius: 2px; margin: 0 4px 0 10px; vertical-align: middle; }
        .sources { font-size: 14px; background: #fff8e5; border: 1px solid #ecd9a0; border-radius: 6px; padding: 8px 12px; margin: 0 0 16px; }
        .conf { display: inline-block; font-size: 12px; border-radius: 10px; padding: 0 8px; border: 1px solid var(--line); background: var(--bg); color: var(--ink); white-space: nowrap; }
        .conf-code_text { border-color: var(--good); color: var(--good); }
        .conf-official_summary { border-color: #3b6ea5; color: #3b6ea5; }
        .conf-operator_record { border-color: #8a6d00; color: #6b5500; }
        .conf-unconfirmed { border-color: var(--bad); color: var(--bad); border-style: dashed; }
        .box { overflow-x: auto; max-width: 100%; }
        svg.chart { max-width: 100%; height: auto; }
        td { overflow-wrap: anywhere; } td.num, th.num { white-space: nowrap; overflow-wrap: normal; }
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
        @media (max-width: 640px) {
          main { padding: 16px 12px 32px; }
          h1 { font-size: 22px; }
          .score { flex-direction: column; align-items: stretch; gap: 12px; padding: 14px; }
          .big { font-size: 36px; }
          .meta { grid-template-columns: 1fr; } .meta dt { font-weight: 600; margin-top: 4px; }
          table.reflow thead { display: none; }
          table.reflow tr { display: block; border-bottom: 1px solid var(--line); padding: 6px 0; }
          table.reflow td { display: inline-block; border: none; padding: 2px 8px 2px 0; }
          table.reflow td:first-child { display: block; font-weight: 600; }
          table.reflow td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: 12px; }
          th, td { padding: 5px 6px; }
          table:not(.reflow) { display: block; overflow-x: auto; max-width: 100%; }
        }
        @media print {
          main { max-width: none; padding: 0; } body { font-size: 12px; }
          h2, h3 { break-after: avoid; } tr, .checks li { break-inside: avoid; }
          .score { border: 1px solid #999; } a { color: inherit; }
          .box { overflow: visible; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """

    static let gapHTML = gapHTMLHead + gapBody + gapHTMLTail

    /// The page's head, up to `<main>`.
    static let gapHTMLHead = """
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

        """

    /// What is inside `<main>`: the report itself, also shown inside the workbench's pages.
    static let gapBody = """
        <h1>{{service}}</h1>
        <p class="sub">Gap report against <strong>{{codeTitle}}</strong> ({{codeVersion}}, {{codeStatus}}){{#asIfInForce}}, <strong>as if in force</strong>{{/asIfInForce}}</p>
        <p class="sources">{{sources.sentence}} <a href="#sources">What these mean</a></p>
        {{#lens}}<p class="lens lensbox"><strong>Lens:</strong> {{lens}}</p>{{/lens}}
        <dl class="meta">
        {{#hasProvider}}<dt>Provider</dt><dd>{{provider}}</dd>{{/hasProvider}}
        <dt>Declared</dt><dd>{{declared}}{{#hasFutureNote}} <strong id="future-dated" class="future-dated">({{futureNote}})</strong>{{/hasFutureNote}}</dd>
        <dt>Code</dt><dd><span class="mono">{{codeID}}</span> {{codeVersion}}, {{codeStatus}}{{#hasPublisher}}, {{codePublisher}}{{/hasPublisher}}</dd>
        <dt>Assessed as of</dt><dd>{{asOf}}{{#asIfInForce}} (as if in force: every measure treated as in force){{/asIfInForce}}</dd>
        {{#hasNote}}<dt>Note</dt><dd>{{note}}</dd>{{/hasNote}}
        </dl>

        <section class="score" aria-label="Overall score">
          <div><div class="big">{{^bar.hasRange}}<span id="score-headline">{{percent}}</span>{{/bar.hasRange}}{{#bar.hasRange}}{{percent}}<span class="upto">–{{bar.upper}}</span>{{/bar.hasRange}}</div><div class="sub mt4">{{earned}} of {{possible}} weighted checks proven met</div></div>
          <div class="scoremain">
            <div class="barline"><svg class="bar" viewBox="0 0 240 16" preserveAspectRatio="none" role="img" aria-label="Score {{bar.range}}"><rect width="240" height="16" rx="3" fill="#e4e7ea"/><rect width="{{bar.proven}}" height="16" fill="{{bar.fill}}"/><rect x="{{bar.undecidedX}}" width="{{bar.undecided}}" height="16" fill="#b9c4dc"/></svg> <span class="tone tone-{{bar.tone}}">{{bar.mark}} {{bar.toneWords}}</span></div>
            <p class="headline"><strong>{{#bar.hasRange}}Score <span id="score-headline">{{scoreHeadline}}</span>. {{/bar.hasRange}}{{headlineRest}}</strong></p>{{#hasInForceNote}}
            <p class="why">{{inForceNote}}</p>{{/hasInForceNote}}
            <ul class="counts">{{#counts}}<li>{{label}}: <strong>{{value}}</strong>{{#hasNote}} ({{note}}){{/hasNote}}</li>{{/counts}}</ul>
          </div>
        </section>

        {{> risk.html}}
        <h2>Score by section</h2>
        <p class="legend"><span class="key key-met"></span> proven met (coloured by the worst gap) <span class="key key-undecided"></span> undecided <span class="key key-notmet"></span> not met</p>
        <table class="reflow">
        <thead><tr><th>Section</th><th>Score</th><th></th><th class="num">Apply</th><th class="num">Met</th><th class="num">Gaps</th></tr></thead>
        <tbody>
        {{#sections}}
        <tr><td>{{id}}: {{title}}</td><td class="num" data-label="Score">{{bar.short}}</td><td class="bars">{{#hasScore}}<svg class="bar small" viewBox="0 0 240 12" preserveAspectRatio="none" role="img" aria-label="{{bar.range}}"><rect width="240" height="12" rx="2" fill="#e4e7ea"/><rect width="{{bar.proven}}" height="12" fill="{{bar.fill}}"/><rect x="{{bar.undecidedX}}" width="{{bar.undecided}}" height="12" fill="#b9c4dc"/></svg> <span class="tone tone-{{bar.tone}}">{{bar.mark}}</span>{{/hasScore}}{{^hasScore}}<span class="none">nothing scored</span>{{/hasScore}}</td><td class="num" data-label="Apply">{{applicable}}</td><td class="num" data-label="Met">{{met}}</td><td class="num" data-label="Gaps">{{gaps}}</td></tr>
        {{/sections}}
        </tbody>
        </table>

        <h2>By harm</h2>
        {{^hasByHarm}}<p class="none">No measure names a kind of harm.</p>{{/hasByHarm}}
        {{#hasByHarm}}
        <table>
        <thead><tr><th>Kind of harm</th><th>Measures</th><th class="num">Apply</th><th class="num">Met</th></tr></thead>
        <tbody>
        {{#byHarm}}<tr><td>{{harm}}</td><td>{{measures}}</td><td class="num">{{applicable}} of {{count}}</td><td class="num">{{met}}</td></tr>
        {{/byHarm}}
        </tbody>
        </table>
        {{/hasByHarm}}

        <h2>Gaps, most severe first</h2>
        {{^hasGaps}}<p class="none">{{noGapsText}}</p>{{/hasGaps}}
        {{#gaps}}
        <article class="gap card-{{severity}}">
          <h3>{{id}}: {{title}}</h3>
          <div><span class="badge sev-{{severity}}">{{severityMark}} {{severity}}</span><span class="st st-{{statusClass}}">{{statusMark}} {{status}}</span> · {{sectionTitle}} · score {{score}}</div>
          {{#hasCloseBy}}<p class="mt10"><strong>To close this gap:</strong></p>
          <ul class="checks">{{#closeBy}}<li class="not-met"><span class="m" aria-hidden="true">✗</span>{{.}}</li>{{/closeBy}}</ul>{{/hasCloseBy}}
          {{#hasUnknownChecks}}<p class="mt6"><strong>Not yet known:</strong></p>
          <ul class="checks">{{#unknownChecks}}<li class="unknown"><span class="m" aria-hidden="true">?</span>{{.}}</li>{{/unknownChecks}}</ul>{{/hasUnknownChecks}}{{#hasPendingChecks}}
          <p class="mt6"><strong>Not yet in force (not scored):</strong></p>
          <ul class="checks">{{#pendingChecks}}<li class="pending"><span class="m" aria-hidden="true">…</span>{{.}}</li>{{/pendingChecks}}</ul>{{/hasPendingChecks}}
          {{#hasDeclaredStatus}}<p class="reviewed">Declared status: {{declaredStatus}}; reviewed status: <strong>{{status}}</strong>.</p>{{/hasDeclaredStatus}}{{#hasTrail}}<p class="mt6"><strong>Reviewer's trail:</strong></p><ul class="trail">{{#trail}}<li>{{.}}</li>{{/trail}}</ul>{{/hasTrail}}<p class="why">Why: {{reason}}</p>
          <p class="src">Source: {{paragraph}} <span class="conf conf-{{confidenceKey}}">{{confidence}}</span>{{#hasURL}}, {{#hasLink}}<a href="{{link}}">{{url}}</a>{{/hasLink}}{{^hasLink}}{{url}}{{/hasLink}}{{/hasURL}}</p>
        </article>
        {{/gaps}}

        <h2>Questions for the platform</h2>
        {{^hasQuestions}}<p class="none">None: the submission gives every fact the assessment needed.</p>{{/hasQuestions}}
        {{#hasQuestions}}
        <p>The submission does not give these facts, so some measures are undecided. Most severe waiting measure first; questions only optional measures wait on come last.</p>
        <div class="box"><table>
        <thead><tr><th>Fact</th><th>Question</th><th>Needed for</th></tr></thead>
        <tbody>
        {{#questions}}<tr><td><code>{{path}}</code></td><td>{{question}}{{#hasHelp}}<div class="why">{{help}}</div>{{/hasHelp}}</td><td>{{measures}}</td></tr>
        {{/questions}}
        </tbody>
        </table></div>
        {{/hasQuestions}}

        {{#hasUnknowns}}
        <h2>Undecided measures</h2>
        <div class="box"><table>
        <thead><tr><th>Measure</th><th>Why undecided</th><th>Missing facts</th></tr></thead>
        <tbody>
        {{#unknowns}}<tr><td><span class="st st-unknown">?</span> {{id}}: {{title}} <span class="badge sev-{{severity}}">{{severityMark}} {{severity}}</span> <span class="conf conf-{{confidenceKey}}">{{confidence}}</span></td><td>{{reason}}</td><td><code>{{missing}}</code></td></tr>
        {{/unknowns}}
        </tbody>
        </table></div>
        {{/hasUnknowns}}

        {{#hasAlternatives}}
        <h2>Alternative measures claimed</h2>
        <p>The service says it meets these measures another way. Until a reviewer accepts a claim, the measure is scored on its own checks, as below.</p>
        {{#alternatives}}
        <article class="gap alternative">
          <h3>{{statusMark}} {{id}}: {{title}}</h3>{{#hasDeclaredStatus}}<p class="reviewed">Declared status: {{declaredStatus}}; reviewed status: <strong>{{status}}</strong>.</p>{{/hasDeclaredStatus}}
          <p class="mt6"><strong>Alternative:</strong> {{alternative}}</p>
          {{#hasRationale}}<p class="mt6"><strong>Rationale:</strong> {{rationale}}</p>{{/hasRationale}}
          <p class="mt6"><strong>The measure's own checks ({{score}}):</strong></p>
          <ul>{{#checks}}<li>{{mark}} {{text}}</li>{{/checks}}</ul>
          {{#hasTrail}}<p class="mt6"><strong>Reviewer's trail:</strong></p><ul class="trail">{{#trail}}<li>{{.}}</li>{{/trail}}</ul>{{/hasTrail}}<p class="why">{{reason}}</p>
        </article>
        {{/alternatives}}
        {{/hasAlternatives}}
        {{> review.html}}

        {{#hasEvidence}}
        <h2>Evidence the service cites</h2>
        <div class="box"><table>
        <thead><tr><th>Fact</th><th>Declared</th><th>Where it is backed up</th><th>Read by</th></tr></thead>
        <tbody>
        {{#evidence}}<tr><td><code>{{fact}}</code></td><td>{{value}}</td><td>{{#hasLink}}<a href="{{link}}">{{document}}</a>{{/hasLink}}{{^hasLink}}{{document}}{{#hasURL}} ({{url}}){{/hasURL}}{{/hasLink}}{{#hasNote}}<div class="why">{{note}}</div>{{/hasNote}}</td><td>{{measures}}</td></tr>
        {{/evidence}}
        </tbody>
        </table></div>
        {{/hasEvidence}}

        {{#hasMet}}
        <h2>Measures met</h2>
        <table>
        <thead><tr><th>Measure</th><th>Severity</th><th>Section</th><th>Source</th></tr></thead>
        <tbody>
        {{#met}}<tr><td><span class="st st-met">✓</span> {{id}}: {{title}}{{#optional}} (optional){{/optional}}</td><td>{{severity}}</td><td>{{sectionTitle}}</td><td><span class="conf conf-{{confidenceKey}}">{{confidence}}</span></td></tr>
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
        <h2 id="sources">How sure we are</h2>
        <p>Each measure's encoding names its source; the label beside each measure says which. {{sources.sentence}}</p>
        <div class="box"><table>
        <thead><tr><th>Source</th><th>Meaning</th><th class="num">Measures</th></tr></thead>
        <tbody>
        {{#sources.legend}}<tr><td><span class="conf conf-{{key}}">{{label}}</span></td><td>{{meaning}}</td><td class="num">{{count}}</td></tr>
        {{/sources.legend}}
        </tbody>
        </table></div>
        <p class="why">Colours and marks: <span class="tone tone-bad">✗</span> a critical gap, <span class="tone tone-warn">!</span> gaps of high severity or less than 60% proven, <span class="tone tone-fair">◐</span> other gaps or less than 90% proven, <span class="tone tone-good">✓</span> no gaps and 90% or more proven. Gap cards take their colour from severity: ‼ critical, ! high, • medium, · low.</p>

        {{> inputs.html}}
        <p class="foot">Generated by {{generator}}. Scores are the weight of checks met over the weight of checks of measures that apply (met, partly met, not met or undecided); optional measures and measures not in force are not scored; a claimed alternative is scored on the measure's own checks until a reviewer accepts it. Marks: ✓ met, ◐ partly met, ✗ not met, ? unknown, ↔ alternative, – not applicable, … not yet in force.</p>

        """

    /// From `</main>` to the end.
    static let gapHTMLTail = """
        </main>
        </body>
        </html>

        """
}
