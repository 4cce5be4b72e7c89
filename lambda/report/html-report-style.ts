/** The HTML report's style sheet, inlined in the page (the file fetches nothing). */
export const HTML_REPORT_STYLE = `
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #ffffff; --panel: #f6f8fa;
  --delivered: #2da44e; --stale: #cf222e; --not-enabled: #8c959f; --grace: #bf8700; --not-audited: #ffffff;
  --CRITICAL: #a40e26; --HIGH: #cf222e; --MEDIUM: #bf8700; --LOW: #0969da; --INFORMATIONAL: #57606a; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: var(--bg); }
header, main > section { padding: 12px 24px; }
header { background: var(--panel); border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 8px 0; }
.scope, .muted { color: var(--muted); }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; }
.sev-CRITICAL { background: var(--CRITICAL); } .sev-HIGH { background: var(--HIGH); } .sev-MEDIUM { background: var(--MEDIUM); }
.sev-LOW { background: var(--LOW); } .sev-INFORMATIONAL { background: var(--INFORMATIONAL); }
.summary span { margin-right: 10px; }
.blind-spots { border-left: 4px solid var(--MEDIUM); background: #fff8c5; padding: 8px 12px; margin-top: 8px; }
.blind-spots ul { margin: 4px 0; padding-left: 20px; }
.legend span { display: inline-flex; align-items: center; margin-right: 14px; }
.cell { display: inline-block; width: 26px; height: 18px; margin: 1px; border: 1px solid var(--line); border-radius: 3px; cursor: pointer; vertical-align: middle; }
.cell.state-delivered { background: var(--delivered); } .cell.state-stale { background: var(--stale); }
.cell.state-not-enabled { background: var(--not-enabled); } .cell.state-grace { background: var(--grace); }
.cell.state-not-audited { background: repeating-linear-gradient(45deg, #fff, #fff 3px, #d0d7de 3px, #d0d7de 5px); }
.cell.has-findings { outline: 2px solid var(--ink); outline-offset: -2px; }
.cell:focus { outline: 3px solid var(--LOW); }
#map { max-height: 460px; overflow: auto; border: 1px solid var(--line); position: relative; }
.map-head, .map-row { display: flex; align-items: center; height: 22px; white-space: nowrap; }
.map-head { position: sticky; top: 0; background: var(--panel); z-index: 2; height: 64px; align-items: flex-end; }
.map-head .col { width: 30px; writing-mode: vertical-rl; transform: rotate(180deg); font-size: 11px; text-align: left; }
.account { width: 300px; min-width: 300px; overflow: hidden; text-overflow: ellipsis; padding: 0 8px; position: sticky; left: 0; background: var(--bg); z-index: 1; cursor: pointer; }
.map-head .account { background: var(--panel); }
#cell-detail { margin-top: 8px; padding: 8px 12px; border: 1px solid var(--line); background: var(--panel); min-height: 40px; }
.filters { display: flex; flex-wrap: wrap; gap: 14px; align-items: center; padding: 8px 0; border-bottom: 1px solid var(--line); }
.filters input[type=search] { width: 280px; padding: 3px 6px; }
.finding { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.finding .where { color: var(--muted); font-size: 13px; word-break: break-all; }
.finding p { margin: 4px 0; }
.symptoms { margin-top: 6px; }
.symptom { border-top: 1px solid var(--line); padding: 4px 0 4px 12px; }
.because { color: var(--muted); font-style: italic; }
pre.command { position: relative; background: #0d1117; color: #e6edf3; padding: 8px 70px 8px 10px; border-radius: 6px; white-space: pre-wrap; word-break: break-all; margin: 6px 0; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre.command button { position: absolute; top: 6px; right: 6px; font-size: 11px; }
code { background: var(--panel); padding: 0 3px; border-radius: 3px; font-size: 12px; }
.more { margin: 8px 0; }
table.rows { border-collapse: collapse; width: 100%; } table.rows td, table.rows th { border-bottom: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
`;
