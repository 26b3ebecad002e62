#!/usr/bin/env python3
"""Independent checks of safetycode's interchange formats, run by the Swift tests.

  check-interchange.py schemas ROOT         every example under ROOT (Submissions/, Codes/, Reviews/) names its
                                            schema in a yaml-language-server line and is valid against
                                            it (python-jsonschema, Draft 2020-12); a submission with a
                                            misspelt control key, an unknown enum value or a negative
                                            user count is rejected.
  check-interchange.py oscal FILE...        each file loads as OSCAL assessment results in
                                            compliance-trestle's models (pydantic, OSCAL 1.1).
  check-interchange.py junit FILE T F S     the JUnit XML parses, with T test cases, F failures, S skipped.
  check-interchange.py json SCHEMA FILE...  each JSON file (e.g. a workbench page's .json) is valid against the JSON Schema
                                            SCHEMA (python-jsonschema, Draft 2020-12).
  check-interchange.py sarif FILE           the SARIF log loads in sarif-pydantic's SARIF 2.1.0 models
                                            (when installed) and every result points at its rule.

Prints 'ok: ...' lines and exits 0, or prints the problems and exits 1. Exits 3 when a Python
package it needs is missing (the Swift tests then say they skipped).
"""
import copy
import json
import pathlib
import re
import sys

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")


def need(module):
    try:
        return __import__(module)
    except ImportError:
        print(f"missing python package: {module}")
        sys.exit(3)


def yaml_loader():
    yaml = need("yaml")

    class Loader(yaml.SafeLoader):
        """YAML as an editor's language server sees it: dates stay text."""

    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return lambda text: yaml.load(text, Loader=Loader)


def schemas(root):
    jsonschema = need("jsonschema")
    load = yaml_loader()
    root = pathlib.Path(root)
    files = sorted(root.glob("Submissions/**/*.yaml")) + sorted(root.glob("Codes/**/*.yaml")) + sorted(root.glob("Reviews/*.yaml"))
    problems, checked = [], 0
    submission_schema = None
    for f in files:
        first = f.read_text().splitlines()[0] if f.read_text() else ""
        m = MODELINE.match(first)
        if not m:
            problems.append(f"{f}:1:1: no '# yaml-language-server: $schema=...' line")
            continue
        schema_path = (f.parent / m.group(1)).resolve()
        if not schema_path.exists():
            problems.append(f"{f}:1:1: the schema {m.group(1)} does not exist")
            continue
        schema = json.loads(schema_path.read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        doc = load(f.read_text())
        for e in validator.iter_errors(doc):
            problems.append(f"{f}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
        checked += 1
        if schema_path.name == "submission.schema.json" and submission_schema is None:
            submission_schema, example = schema, doc
    if submission_schema is None:
        problems.append("no submission example found")
    else:
        validator = jsonschema.Draft202012Validator(submission_schema)

        def rejected(what, change):
            doc = copy.deepcopy(example)
            change(doc)
            errors = list(validator.iter_errors(doc))
            if not errors:
                problems.append(f"a submission with {what} was accepted")
            return errors

        def misspell(doc):
            group = next(k for k, v in doc["controls"].items() if isinstance(v, dict) and v)
            key = next(iter(doc["controls"][group]))
            doc["controls"][group][key[:-1] + key[-1] * 2] = doc["controls"][group].pop(key)

        errs = rejected("a misspelt control key", misspell)
        if errs and not any("Additional properties" in e.message for e in errs):
            problems.append("the misspelt control key was rejected for the wrong reason: " + errs[0].message)
        rejected("an unknown top-level key", lambda d: d.setdefault("controlz", {}))
        rejected("an unknown risk level", lambda d: d["risk"].__setitem__("grooming", "severe"))
        rejected("a negative user count", lambda d: d["service"].__setitem__("uk_users", -1))
        rejected("text for a boolean", lambda d: d["service"].__setitem__("likely_accessed_by_children", "yes please"))
        rejected("no service name", lambda d: d["submission"].pop("service"))
    report(problems, f"{checked} examples valid against their schemas; bad submissions rejected")


def oscal(files):
    need("trestle")
    from trestle.oscal.assessment_results import AssessmentResults
    problems = []
    for f in files:
        try:
            ar = AssessmentResults.oscal_read(pathlib.Path(f))
        except Exception as e:  # noqa: BLE001 - any refusal is the finding
            problems.append(f"{f}: {e}")
            continue
        if ar is None:
            problems.append(f"{f}: not read")
            continue
        findings = sum(len(r.findings or []) for r in ar.results)
        print(f"ok: {f}: {len(ar.results)} result, {findings} findings")
    report(problems, f"{len(files)} OSCAL files load in compliance-trestle")


def junit(path, tests, failures, skipped):
    import xml.etree.ElementTree as ET
    problems = []
    cases = ET.parse(path).getroot().findall(".//testcase")
    got = (len(cases), sum(1 for c in cases if c.find("failure") is not None),
           sum(1 for c in cases if c.find("skipped") is not None))
    if got != (int(tests), int(failures), int(skipped)):
        problems.append(f"{path}: {got[0]} cases, {got[1]} failures, {got[2]} skipped; expected {tests}, {failures}, {skipped}")
    report(problems, f"{path}: {got[0]} test cases, {got[1]} failures, {got[2]} skipped")


def sarif(path):
    log = json.loads(pathlib.Path(path).read_text())
    problems = []
    model = "structure only (sarif-pydantic not installed)"
    try:
        from sarif_pydantic import Sarif
    except ImportError:
        Sarif = None
    if Sarif is not None:
        try:
            Sarif.model_validate(log)
            model = "loads in sarif-pydantic"
        except Exception as e:  # noqa: BLE001 - any refusal is the finding
            problems.append(f"{path}: {e}")
    if log.get("version") != "2.1.0":
        problems.append("version is not 2.1.0")
    for run in log.get("runs", []):
        rules = run["tool"]["driver"]["rules"]
        ids = [r["id"] for r in rules]
        for r in run.get("results", []):
            if r["ruleId"] not in ids or ids[r.get("ruleIndex", -1)] != r["ruleId"]:
                problems.append(f"result with rule {r['ruleId']} does not point at its rule")
            if r["level"] not in ("error", "warning", "note", "none"):
                problems.append(f"bad level {r['level']}")
            for loc in r.get("locations", []):
                region = loc["physicalLocation"]["region"]
                if region["startLine"] < 1 or region["startColumn"] < 1:
                    problems.append("region before line 1 column 1")
    report(problems, f"{path}: SARIF 2.1.0 with {sum(len(r.get('results', [])) for r in log.get('runs', []))} results, {model}")


def json_files(schema_path, files):
    jsonschema = need("jsonschema")
    schema = json.loads(pathlib.Path(schema_path).read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    problems = []
    for f in files:
        for e in validator.iter_errors(json.loads(pathlib.Path(f).read_text())):
            problems.append(f"{f}: {'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}")
    report(problems, f"{len(files)} files valid against {schema_path}")


def report(problems, ok):
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print("ok: " + ok)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"schemas": lambda: schemas(args[0]), "oscal": lambda: oscal(args), "junit": lambda: junit(*args),
     "sarif": lambda: sarif(args[0]), "json": lambda: json_files(args[0], args[1:])}[cmd]()
