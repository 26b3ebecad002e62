extension Templates {
    /// The "Risk declarations to challenge" section of the Markdown gap report (SPEC section 9).
    static let riskMarkdown = """
        {{% CONTENT_TYPE: MARKDOWN}}
        {{#risk}}
        ## Risk declarations to challenge

        {{summary}} Checked against: {{profiles}}. A challenge is a question to put to the provider, not a finding: most level rules are our reading of Ofcom's guidance (each rule's source says how sure it is).

        {{#challenges}}
        {{#decided}}
        ### ⚠ {{title}} ({{{harmCode}}}): declared {{declared}}, the guidance indicates at least {{indicated}}

        {{/decided}}
        {{^decided}}
        ### ? {{title}} ({{{harmCode}}}): declared {{declared}}, may need at least {{indicated}}

        {{/decided}}
        Risk factors{{#decided}} present{{/decided}}:

        {{#factors}}
        - {{text}}: {{evidence}}. Source: {{source}}
        {{/factors}}

        Rule {{ruleID}}: {{ruleText}} ({{ruleEvidence}})

        Source: {{source}}{{#hasURL}}, {{url}}{{/hasURL}}{{#hasNote}}. {{note}}{{/hasNote}}

        {{#hasMissing}}
        To decide it, ask for: {{missing}}

        {{/hasMissing}}
        {{hiddenLine}}

        {{#hasHidden}}
        | Measure | Severity | Status at {{indicated}} |
        |---|---|---|
        {{#hidden}}
        | {{id}}: {{title}} | {{severity}} | {{status}} |
        {{/hidden}}

        {{/hasHidden}}
        {{/challenges}}
        {{#hasSensitive}}
        ### What one level up would bring

        This table lists each kind of harm whose declared level, one step higher, would bring measures of this code into scope. A kind not listed brings none at one step; a kind challenged above may still bring measures at the level the guidance indicates.

        | Kind of harm | Declared | One up | Measures newly applying | Of them gaps |
        |---|---|---|---|---|
        {{#sensitive}}
        | {{{harmCode}}} | {{declared}} | {{ifLevel}} | {{measures}} | {{gaps}} |
        {{/sensitive}}

        {{/hasSensitive}}
        {{^hasSensitive}}
        Raising any one declared level by a step brings no further measure of this code into scope.

        {{/hasSensitive}}
        {{/risk}}
        """

    /// The same section in HTML.
    static let riskHTML = """
        {{#risk}}
        <h2>Risk declarations to challenge</h2>
        <p>{{summary}} <span class="src">Checked against: {{profiles}}.</span> A challenge is a question to put to the provider, not a finding: most level rules are our reading of Ofcom's guidance (each rule's source says how sure it is).</p>
        {{#challenges}}
        <div class="gap risk{{^decided}} alternative{{/decided}}">
        <h3>{{#decided}}⚠{{/decided}}{{^decided}}?{{/decided}} {{title}} <code>{{harm}}</code>: declared <strong>{{declared}}</strong>, {{#decided}}the guidance indicates at least{{/decided}}{{^decided}}may need at least{{/decided}} <strong>{{indicated}}</strong></h3>
        <p>Risk factors{{#decided}} present{{/decided}}:</p>
        <ul class="checks">
        {{#factors}}<li class="{{#present}}not-met{{/present}}{{^present}}unknown{{/present}}"><span class="m">{{#present}}●{{/present}}{{^present}}?{{/present}}</span>{{text}}: {{evidence}}. <span class="src">{{source}}</span></li>
        {{/factors}}
        </ul>
        <p>Rule <strong>{{ruleID}}</strong>: {{ruleText}} <span class="why">({{ruleEvidence}})</span></p>
        <p class="src">Source: {{source}}{{#hasURL}}, {{url}}{{/hasURL}}{{#hasNote}}. {{note}}{{/hasNote}}</p>
        {{#hasMissing}}<p>To decide it, ask for: <code>{{missing}}</code></p>{{/hasMissing}}
        <p><strong>{{hiddenLine}}</strong></p>
        {{#hasHidden}}
        <table>
        <thead><tr><th>Measure</th><th>Severity</th><th>Status at {{indicated}}</th></tr></thead>
        <tbody>
        {{#hidden}}<tr><td>{{id}}: {{title}}</td><td><span class="badge sev-{{severity}}">{{severity}}</span></td><td class="st st-{{statusClass}}">{{status}}</td></tr>
        {{/hidden}}
        </tbody>
        </table>
        {{/hasHidden}}
        </div>
        {{/challenges}}
        {{#hasSensitive}}
        <h3>What one level up would bring</h3>
        <p class="why">This table lists each kind of harm whose declared level, one step higher, would bring measures of this code into scope. A kind not listed brings none at one step; a kind challenged above may still bring measures at the level the guidance indicates.</p>
        <table>
        <thead><tr><th>Kind of harm</th><th>Declared</th><th>One up</th><th>Measures newly applying</th><th>Of them gaps</th></tr></thead>
        <tbody>
        {{#sensitive}}<tr><td><code>{{harm}}</code></td><td>{{declared}}</td><td>{{ifLevel}}</td><td>{{measures}}</td><td>{{gaps}}</td></tr>
        {{/sensitive}}
        </tbody>
        </table>
        {{/hasSensitive}}
        {{^hasSensitive}}<p class="none">Raising any one declared level by a step brings no further measure of this code into scope.</p>{{/hasSensitive}}
        {{/risk}}

        """
}
