"""Drill-down pages: per run, an index of its samples (grouped by CWE or language, anchored so the
report's tables link into it); per sample, the program with its findings marked on their lines, the
taint paths, the test outcomes and the program's output; per repaired task, every round with the
exact messages sent and the answer received."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from realcode.reports.inputs import RepairRun, Run
from realcode.reports.page import page

_MAX_OUTPUT = 4000


def _e(value: Any) -> str:
    return html.escape(str(value))


def _badge(ok: bool | None, yes: str = "pass", no: str = "fail") -> str:
    if ok is None:
        return '<span class="badge na">n/a</span>'
    return f'<span class="badge {"ok" if ok else "bad"}">{yes if ok else no}</span>'


def sample_file(run: Run, index: int) -> str:
    return f"samples/{run.slug}/{index}.html"


def repair_file(repair_name: str, task_id: str) -> str:
    slug = "".join(c if c.isalnum() or c in "-_" else "-" for c in repair_name).strip("-") or "run"
    task = "".join(c if c.isalnum() or c in "-_" else "-" for c in task_id)
    return f"repairs/{slug}/{task}.html"


def _group_of(run: Run, record: dict[str, Any]) -> tuple[str, str]:
    if run.summary.get("per_language"):
        return "per_language", str(record.get("language") or "python")
    return "per_cwe", str(record.get("cwe") or "none")


def _sort_key(group: str) -> tuple[int, str]:
    return (int(group), group) if group.isdigit() else (1 << 30, group)


def run_index(run: Run) -> str:
    """The page listing a run's samples; rows link to sample (or repair) pages."""
    indexed = list(enumerate(run.records))
    indexed.sort(key=lambda item: (_sort_key(_group_of(run, item[1])[1]), str(item[1]["task_id"]),
                                   int(item[1].get("sample_index") or 0)))
    rows: list[str] = []
    current: str | None = None
    seen_tasks: set[str] = set()
    for index, record in indexed:
        kind, group = _group_of(run, record)
        if group != current:
            current = group
            label = f"CWE-{group}" if kind == "per_cwe" and group.isdigit() else group
            rows.append(f'<tr class="group" id="{kind}-{_e(group)}"><th colspan="8">{_e(label)}</th></tr>')
        task = str(record["task_id"])
        anchor = "" if task in seen_tasks else f' id="task-{_e(task)}"'
        seen_tasks.add(task)
        link = (f"../{repair_file(run.repair_of, task)}" if run.repair_of
                else f"../{sample_file(run, index)}")
        findings = len(record.get("findings") or [])
        rows.append(
            f"<tr{anchor}><td><a href=\"{_e(link)}\">{_e(task)}</a></td><td>{_e(record.get('sample_index', 0))}</td>"
            f"<td>{_e(record.get('status'))}</td><td>{_badge(record.get('function_passed'))}</td>"
            f"<td>{_badge(record.get('quality_passed'))}</td><td>{_badge(record.get('safety_passed'))}</td>"
            f"<td>{findings}</td><td>{_e(_rate(record.get('function_pass_rate')))}</td></tr>")
    body = (f"<p><a href=\"../report.html\">← report</a></p><h1>{_e(run.name)}</h1>"
            f"<p>{len(run.records)} samples of {len(run.tasks)} tasks. Click a task for its program, findings "
            "and test outcomes.</p><div class=\"scroll\"><table class=\"samples\"><thead><tr><th>task</th>"
            "<th>sample</th><th>status</th><th>function</th><th>quality</th><th>safety</th><th>findings</th>"
            f"<th>tests passed</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
    return page(f"{run.name}: samples", body)


def _rate(value: Any) -> str:
    return f"{float(value):.2f}" if isinstance(value, (int, float)) else "–"


def _code_block(code: str | None, findings: Sequence[dict[str, Any]]) -> str:
    if not code:
        return '<p class="muted">no program was found in the answer</p>'
    marks: dict[int, list[str]] = {}
    for finding in findings:
        marks.setdefault(int(finding.get("line") or 0), []).append(str(finding.get("rule_id")))
        for step in finding.get("trace") or []:
            marks.setdefault(int(step.get("line") or 0), []).append("path: " + str(step.get("note")))
    lines = []
    for number, line in enumerate(code.splitlines(), 1):
        notes = marks.get(number)
        css = ' class="flagged"' if notes else ""
        note = f'<span class="mark">{_e("; ".join(notes))}</span>' if notes else ""
        lines.append(f"<tr{css}><td class=\"ln\">{number}</td><td class=\"src\">{_e(line) or ' '}{note}</td></tr>")
    return f'<div class="scroll"><table class="code">{"".join(lines)}</table></div>'


def _findings(findings: Sequence[dict[str, Any]]) -> str:
    if not findings:
        return '<p class="muted">no findings</p>'
    items = []
    for finding in findings:
        cwe = f" (CWE-{finding['cwe']})" if finding.get("cwe") else ""
        trace = "".join(f"<li>line {_e(s.get('line'))}: {_e(s.get('note'))}</li>" for s in finding.get("trace") or [])
        path = f"<ol class=\"trace\">{trace}</ol>" if trace else ""
        items.append(f"<li><b>{_e(finding.get('rule_id'))}</b>{_e(cwe)} · line {_e(finding.get('line'))} · "
                     f"{_e(finding.get('severity'))}<br>{_e(finding.get('message'))}{path}</li>")
    return f"<ul class=\"findings\">{''.join(items)}</ul>"


def _tests(test: dict[str, Any] | None) -> str:
    if not test:
        return '<p class="muted">no tests ran (no program, a syntax error, or a task without tests)</p>'
    rows = "".join(f"<tr><td>{_e(c.get('index'))}</td><td>{_e(c.get('group'))}</td>"
                   f"<td>{_badge(c.get('status') == 'passed', 'passed', _e(c.get('status')))}</td>"
                   f"<td class=\"detail\">{_e(c.get('detail') or '')}</td></tr>" for c in test.get("cases") or [])
    head = (f"<p>run status: <b>{_e(test.get('status'))}</b>"
            + (f" ({_e(test.get('detail'))})" if test.get("detail") else "")
            + f" · {_e(test.get('passed', 0))}/{_e(test.get('total', 0))} cases passed</p>")
    table = ("<div class=\"scroll\"><table class=\"text\"><thead><tr><th>case</th><th>group</th><th>outcome</th><th>detail</th>"
             f"</tr></thead><tbody>{rows}</tbody></table></div>") if rows else ""
    output = ""
    for stream in ("stdout", "stderr"):
        text = str(test.get(stream) or "")
        if text.strip():
            output += f"<h4>{stream}</h4><pre>{_e(text[-_MAX_OUTPUT:])}</pre>"
    return head + table + output


def sample_page(run: Run, record: dict[str, Any]) -> str:
    findings = record.get("findings") or []
    facts = [("task", record.get("task_id")), ("sample", record.get("sample_index", 0)),
             ("weakness", record.get("cwe") and f"CWE-{record['cwe']}"), ("language", record.get("language")),
             ("status", record.get("status"))]
    verdicts = (f"function {_badge(record.get('function_passed'))} quality {_badge(record.get('quality_passed'))} "
                f"safety {_badge(record.get('safety_passed'))} compiles {_badge(record.get('compiles'), 'yes', 'no')}")
    errors = "".join(f"<li>{_e(e)}</li>" for e in record.get("errors") or [])
    body = (f"<p><a href=\"../../{_e('runs/' + run.slug + '.html')}#task-{_e(record.get('task_id'))}\">← "
            f"{_e(run.name)}</a></p><h1>{_e(record.get('task_id'))} #{_e(record.get('sample_index', 0))}</h1>"
            f"<p class=\"facts\">{' · '.join(f'{k} <b>{_e(v)}</b>' for k, v in facts if v)}</p><p>{verdicts}</p>"
            + (f"<h2>Scorer errors</h2><ul>{errors}</ul>" if errors else "")
            + "<h2>Program</h2>" + _code_block(record.get("code"), findings)
            + f"<h2>Findings ({len(findings)})</h2>" + _findings(findings)
            + "<h2>Tests</h2>" + _tests(record.get("test")))
    return page(f"{record.get('task_id')} — {run.name}", body)


def repair_page(repair: RepairRun, task_id: str) -> str:
    rounds = repair.by_task[task_id]
    parts = [f"<p><a href=\"../../report.html\">← report</a></p><h1>{_e(task_id)}: repair log {_e(repair.name)}</h1>",
             f"<p>{len(rounds)} round(s); "
             + ("clean from round " + str(next(r['round'] for r in rounds if r['clean'])) if any(r["clean"] for r in rounds)
                else "never clean") + "</p>"]
    for record in rounds:
        score = record["score"]
        usage = record.get("usage") or {}
        parts.append(f"<section class=\"round\"><h2>Round {_e(record['round'])} "
                     f"{_badge(record['clean'], 'clean', 'not clean')}</h2>"
                     f"<p class=\"facts\">requests <b>{_e(record.get('requests', '–'))}</b> · tokens "
                     f"<b>{_e(usage.get('total_tokens', '–'))}</b> (prompt {_e(usage.get('prompt_tokens', '–'))}, "
                     f"completion {_e(usage.get('completion_tokens', '–'))}) · finish "
                     f"{_e(record.get('finish_reason') or '–')}</p>")
        messages = record.get("messages")
        if messages:
            latest = messages[-1]
            parts.append(f"<details open><summary>message sent this round ({_e(latest.get('role'))})</summary>"
                         f"<pre class=\"sent\">{_e(latest.get('content'))}</pre></details>")
            shown = "".join(f"<div class=\"msg {_e(m.get('role'))}\"><div class=\"role\">{_e(m.get('role'))}</div>"
                            f"<pre>{_e(m.get('content'))}</pre></div>" for m in messages)
            parts.append(f"<details><summary>the whole conversation sent ({len(messages)} messages)</summary>"
                         f"{shown}</details>")
        else:
            parts.append('<p class="muted">this log does not record the messages sent (an older realcode)</p>')
        parts.append(f"<details open><summary>answer received</summary><pre>{_e(record.get('completion'))}</pre></details>")
        parts.append("<h3>Program and findings</h3>" + _code_block(score.get("code") or record.get("code"),
                                                                   score.get("findings") or []))
        parts.append(_findings(score.get("findings") or []))
        parts.append("<h3>Tests</h3>" + _tests(score.get("test")))
        if record.get("feedback"):
            parts.append(f"<h3>Feedback sent next</h3><pre class=\"feedback\">{_e(record['feedback'])}</pre>")
        parts.append("</section>")
    return page(f"{task_id} — repair {repair.name}", "".join(parts))


def write_drilldown(runs: Sequence[Run], repairs: Sequence[RepairRun], out: Path) -> int:
    """Write every run index, sample page and repaired-task page; the number of pages."""
    count = 0
    (out / "runs").mkdir(parents=True, exist_ok=True)
    for run in runs:
        (out / "runs" / f"{run.slug}.html").write_text(run_index(run), encoding="utf-8")
        count += 1
        if run.repair_of:
            continue
        folder = out / "samples" / run.slug
        folder.mkdir(parents=True, exist_ok=True)
        for index, record in enumerate(run.records):
            (out / sample_file(run, index)).write_text(sample_page(run, record), encoding="utf-8")
            count += 1
    for repair in repairs:
        for task_id in repair.by_task:
            path = out / repair_file(repair.name, task_id)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(repair_page(repair, task_id), encoding="utf-8")
            count += 1
    return count
