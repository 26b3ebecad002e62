extension Templates {
    /// The questionnaire's `<form>` (issue 18's element contract): no script, no inline style.
    static let questionnaireForm = """
        <form id="questionnaire" class="questionnaire" method="post" action="{{action}}" novalidate>
        <input type="hidden" name="csrf" value="{{csrf}}">
        {{#hasBase}}<input type="hidden" name="{{baseServiceName}}" value="{{baseService}}">
        <input type="hidden" name="{{baseSHAName}}" value="{{baseSHA}}">
        <p class="q-notice" id="new-version-of">{{baseLine}}</p>
        {{/hasBase}}
        {{#hasGeneral}}
        <div id="form-errors" class="form-errors" role="alert">
        <p>{{generalHeading}}</p>
        <ul>
        {{#general}}<li class="{{#isWarning}}q-warning{{/isWarning}}{{^isWarning}}q-error{{/isWarning}}">{{text}}</li>
        {{/general}}
        </ul>
        </div>
        {{/hasGeneral}}
        {{#hasFieldErrors}}
        <div id="field-errors" class="form-errors" role="alert">
        <p>{{fieldErrorsHeading}}</p>
        <ul>
        {{#fieldErrors}}<li class="q-error"><a href="{{href}}">{{question}}</a>: {{message}}</li>
        {{/fieldErrors}}
        </ul>
        </div>
        {{/hasFieldErrors}}
        {{#groups}}
        <fieldset class="q-group" id="{{id}}">
        <legend>{{legend}}</legend>
        {{#fields}}
        <div class="q-field{{#invalid}} q-invalid{{/invalid}}">
        {{#isInput}}
        <label for="{{id}}">{{question}}{{#required}} <span class="q-required">(required)</span>{{/required}}</label>
        {{#hasHelp}}<p class="q-help" id="{{helpID}}">{{help}}</p>{{/hasHelp}}
        <input type="{{inputType}}" id="{{id}}" name="{{name}}" value="{{{valueHTML}}}"{{#hasMin}} min="{{min}}"{{/hasMin}}{{#hasMax}} max="{{max}}"{{/hasMax}}{{#hasStep}} step="{{step}}"{{/hasStep}}{{#required}} required{{/required}}{{#hasDescribedBy}} aria-describedby="{{describedBy}}"{{/hasDescribedBy}}{{#invalid}} aria-invalid="true"{{/invalid}}>
        {{#hasHiddenNote}}<p class="q-invisible" id="{{hiddenNoteID}}">{{hiddenNote}}</p>{{/hasHiddenNote}}
        {{/isInput}}
        {{#isChoice}}
        <label for="{{id}}">{{question}}</label>
        {{#hasHelp}}<p class="q-help" id="{{helpID}}">{{help}}</p>{{/hasHelp}}
        <select id="{{id}}" name="{{name}}"{{#hasDescribedBy}} aria-describedby="{{describedBy}}"{{/hasDescribedBy}}{{#invalid}} aria-invalid="true"{{/invalid}}>
        <option value=""{{#unknownOn}} selected{{/unknownOn}}>Don't know</option>
        {{#options}}<option value="{{{valueHTML}}}"{{#on}} selected{{/on}}>{{label}}</option>
        {{/options}}
        </select>
        {{/isChoice}}
        {{#isBool}}
        <fieldset class="q-choices q-inline" id="{{id}}"{{#hasDescribedBy}} aria-describedby="{{describedBy}}"{{/hasDescribedBy}}>
        <legend>{{question}}</legend>
        {{#hasHelp}}<p class="q-help" id="{{helpID}}">{{help}}</p>{{/hasHelp}}
        {{#options}}<label class="q-option" for="{{id}}"><input type="radio" id="{{id}}" name="{{name}}" value="{{{valueHTML}}}"{{#on}} checked{{/on}}> {{label}}</label>
        {{/options}}
        </fieldset>
        {{/isBool}}
        {{#isSet}}
        <fieldset class="q-choices" id="{{id}}"{{#hasDescribedBy}} aria-describedby="{{describedBy}}"{{/hasDescribedBy}}>
        <legend>{{question}}</legend>
        {{#hasHelp}}<p class="q-help" id="{{helpID}}">{{help}}</p>{{/hasHelp}}
        <input type="hidden" name="{{name}}.__shown" value="1">
        {{#options}}<label class="q-option" for="{{id}}"><input type="checkbox" id="{{id}}" name="{{name}}" value="{{{valueHTML}}}"{{#on}} checked{{/on}}> {{label}}</label>
        {{/options}}
        <label class="q-option q-unknown" for="{{unknownID}}"><input type="checkbox" id="{{unknownID}}" name="{{name}}" value="~unknown"{{#unknownOn}} checked{{/unknownOn}}> Don't know (ignored when a box above is ticked)</label>
        </fieldset>
        {{/isSet}}
        {{#hasErrors}}<p class="field-error" id="{{errorID}}">{{#messages}}<span class="{{#isWarning}}q-warning{{/isWarning}}{{^isWarning}}q-error{{/isWarning}}">{{text}}</span> {{/messages}}</p>{{/hasErrors}}
        {{#hasAskedBy}}<p class="q-asked">Asked by {{askedBy}}.</p>{{/hasAskedBy}}
        </div>
        {{/fields}}
        </fieldset>
        {{/groups}}
        <div class="q-actions">
        <button type="submit" name="action" value="save" id="save-draft">Save draft</button>
        <button type="submit" name="action" value="submit" id="submit-questionnaire">Submit as a new submission</button>
        </div>
        </form>

        """

    /// The questionnaire as a page of its own, its style from the server's stylesheet (no inline style).
    /// The questionnaire's heading (which codes it answers), its notice and the form: the body
    /// of the whole page and of the workbench's page.
    static let questionnaireBody = """
        <h1>{{title}}</h1>
        <p class="sub">{{codesLine}}</p>
        {{#hasNotice}}<p class="q-notice" role="status">{{notice}}</p>{{/hasNotice}}
        {{> questionnaire-form}}
        """

    static let questionnairePage = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <link rel="stylesheet" href="{{stylesheetURL}}">
        </head>
        <body>
        <main>
        {{> questionnaire-body}}
        </main>
        </body>
        </html>

        """

    /// The questionnaire's own rules, added to the workbench's stylesheet (`/static/app.css`)
    /// after the reports' ``style``. Usable from 420 px wide.
    static let questionnaireStyle = """
        .questionnaire { max-width: 760px; }
        .q-group { border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px 4px; margin: 0 0 18px; min-width: 0; }
        .q-group > legend { font-weight: 700; font-size: 17px; padding: 0 6px; }
        .q-field { margin: 0 0 16px; }
        .q-field > label, .q-choices > legend { display: block; font-weight: 600; margin: 0 0 4px; overflow-wrap: anywhere; }
        .q-choices { border: 0; padding: 0; margin: 0; min-width: 0; }
        .q-option { display: inline-flex; align-items: center; gap: 6px; margin: 2px 16px 2px 0; min-height: 32px; overflow-wrap: anywhere; }
        .q-choices:not(.q-inline) .q-option { display: flex; margin-right: 0; }
        .q-help, .q-asked { color: var(--muted); font-size: 14px; margin: 0 0 6px; }
        .q-asked { font-size: 13px; margin: 4px 0 0; }
        .q-required { color: var(--bad); font-weight: 400; font-size: 13px; }
        .questionnaire input[type="text"], .questionnaire input[type="number"], .questionnaire input[type="date"], .questionnaire select {
          font: inherit; width: 100%; max-width: 420px; padding: 6px 8px; border: 1px solid #8a949c; border-radius: 4px; background: #fff; }
        .questionnaire input[type="radio"], .questionnaire input[type="checkbox"] { width: 18px; height: 18px; margin: 0; flex: none; }
        .q-invalid input[type="text"], .q-invalid input[type="number"], .q-invalid input[type="date"], .q-invalid select { border: 2px solid var(--bad); }
        .field-error { color: var(--bad); font-weight: 600; margin: 4px 0 0; overflow-wrap: anywhere; }
        .field-error .q-warning, .form-errors .q-warning { color: var(--part); }
        .q-invisible { color: var(--part); font-weight: 600; margin: 4px 0 0; overflow-wrap: anywhere; }
        .form-errors { border: 2px solid var(--bad); border-radius: 6px; background: #fdf1f0; padding: 10px 14px; margin: 0 0 18px; overflow-wrap: anywhere; }
        .form-errors p { margin: 0 0 4px; font-weight: 700; }
        .q-notice { border: 1px solid var(--good); border-radius: 6px; background: #eef7f0; padding: 8px 12px; }
        .q-actions { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 32px; }
        .q-actions button { font: inherit; font-weight: 600; padding: 8px 16px; border-radius: 6px; border: 1px solid var(--ink); background: #fff; color: var(--ink); cursor: pointer; }
        .q-actions button#submit-questionnaire { background: var(--ink); color: #fff; }
        .questionnaire :focus-visible { outline: 3px solid #3b6ea5; outline-offset: 2px; }
        @media (max-width: 640px) {
          .q-group { padding: 10px 10px 2px; }
          .q-actions button { flex: 1 1 100%; }
        }

        """
}
