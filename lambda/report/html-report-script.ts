/**
 * The HTML report's page script, inlined in the page. It renders the coverage map (only the rows in
 * view: 10,000 accounts stay fast), the findings by root cause or by check (a page at a time), the
 * filters and the copy buttons, from the JSON data block. Every piece of data is set with
 * textContent or setAttribute, never parsed as HTML.
 */
export const HTML_REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
  var ROW_HEIGHT = 22, PAGE = 100;
  var filters = { severities: {}, account: '' };
  SEVERITIES.forEach(function (s) { filters.severities[s] = true; });
  var view = 'cause';

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === 'text') node.textContent = props[key];
      else if (key === 'className') node.className = props[key];
      else node.setAttribute(key, props[key]);
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function label(id) { return has(data.accountNames, id) ? data.accountNames[id] + ' (' + id + ')' : id; }
  function matchesAccount(id) { return filters.account === '' || label(id).toLowerCase().indexOf(filters.account) >= 0; }
  function matches(index) { var f = data.findings[index]; return filters.severities[f.severity] && matchesAccount(f.accountId); }
  function badge(severity) { return el('span', { className: 'badge sev-' + severity, text: severity }); }

  // Findings by cell: "account|region", and "account|-" for the account's global findings.
  var byCell = {};
  data.findings.forEach(function (f, index) {
    var key = f.accountId + '|' + (f.region === null ? '-' : f.region);
    (byCell[key] = byCell[key] || []).push(index);
  });

  // ---- Remediation: prose, inline code, and commands in copyable blocks.
  function copyButton(text) {
    var button = el('button', { type: 'button', text: 'Copy', 'aria-label': 'Copy the command' });
    button.addEventListener('click', function () {
      var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1500); };
      var fallback = function () {
        var area = el('textarea', {}); area.value = text; document.body.appendChild(area); area.select();
        try { document.execCommand('copy'); done(); } finally { document.body.removeChild(area); }
      };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
      else fallback();
    });
    return button;
  }
  function remediation(text) {
    var box = el('div', { className: 'remediation' });
    var prose = el('p', {}, [el('strong', { text: 'Fix: ' })]);
    box.appendChild(prose);
    var pieces = text.split('\u0060');
    var closed = pieces.length % 2 === 1 ? pieces.length : pieces.length - 1;
    pieces.forEach(function (piece, index) {
      var quoted = index % 2 === 1 && index < closed;
      if (!quoted) { prose.appendChild(document.createTextNode(index >= closed ? '\u0060' + piece : piece)); return; }
      if (/^aws\s/.test(piece)) {
        prose.appendChild(document.createTextNode('(command below) '));
        box.appendChild(el('pre', { className: 'command' }, [el('code', { text: piece }), copyButton(piece)]));
      } else {
        prose.appendChild(el('code', { text: piece }));
      }
    });
    return box;
  }
  function lazyDetails(summaryText, render) {
    var details = el('details', {}, [el('summary', { text: summaryText })]);
    var rendered = false;
    details.addEventListener('toggle', function () { if (details.open && !rendered) { rendered = true; details.appendChild(render()); } });
    return details;
  }
  function where(f) { return label(f.accountId) + ' · ' + (f.region === null ? 'global' : f.region) + ' · ' + f.resource; }
  function findingBody(index) {
    var f = data.findings[index];
    return el('div', {}, [el('p', { text: f.detail }), remediation(f.remediation)]);
  }

  // ---- Findings by root cause.
  function causeCard(group) {
    var f = data.findings[group.cause];
    var card = el('article', { className: 'finding', 'data-check': f.checkId, 'data-severity': f.severity, 'data-account': f.accountId }, [
      el('div', {}, [badge(f.severity), ' ', el('strong', { text: f.checkId }), ' ', el('span', { className: 'title', text: f.title })]),
      el('div', { className: 'where', text: where(f) }),
      findingBody(group.cause),
    ]);
    var shown = group.symptoms.map(function (s, i) { return { index: s, because: group.because[i] }; }).filter(function (s) { return matches(s.index); });
    if (shown.length > 0) {
      card.appendChild(lazyDetails('Explains ' + shown.length + (shown.length === 1 ? ' finding' : ' findings') +
        (shown.length < group.symptoms.length ? ' (of ' + group.symptoms.length + ')' : ''), function () {
        var list = el('div', { className: 'symptoms' });
        shown.forEach(function (s) {
          var symptom = data.findings[s.index];
          list.appendChild(el('div', { className: 'symptom', 'data-check': symptom.checkId, 'data-account': symptom.accountId }, [
            badge(symptom.severity), ' ', el('strong', { text: symptom.checkId }), ' ', symptom.title,
            el('div', { className: 'where', text: where(symptom) }),
            el('div', { className: 'because', text: 'because ' + data.reasons[s.because] }),
            lazyDetails('What was seen, and the fix', function () { return findingBody(s.index); }),
          ]));
        });
        return list;
      }));
    }
    return card;
  }

  // ---- Findings by check.
  var checkOrder = [], byCheck = {};
  data.findings.forEach(function (f, index) {
    if (!has(byCheck, f.checkId)) { byCheck[f.checkId] = []; checkOrder.push(f.checkId); }
    byCheck[f.checkId].push(index);
  });
  function checkCard(checkId) {
    var indexes = byCheck[checkId].filter(matches);
    var first = data.findings[indexes[0]];
    var accounts = {};
    indexes.forEach(function (i) { accounts[data.findings[i].accountId] = true; });
    var card = el('article', { className: 'finding', 'data-check': checkId, 'data-severity': first.severity }, [
      el('div', {}, [badge(first.severity), ' ', el('strong', { text: checkId }), ' ', el('span', { className: 'title', text: first.title }),
        el('span', { className: 'muted', text: ' — ' + indexes.length + (indexes.length === 1 ? ' finding' : ' findings') + ' in ' + Object.keys(accounts).length + ' account(s)' })]),
    ]);
    card.appendChild(lazyDetails('Where, and the fix for each', function () {
      var table = el('table', { className: 'rows' }, [el('tr', {}, [el('th', { text: 'Account' }), el('th', { text: 'Region' }), el('th', { text: 'Resource' }), el('th', { text: '' })])]);
      pageInto(table, indexes, function (i) {
        var f = data.findings[i];
        return el('tr', { 'data-account': f.accountId }, [el('td', { text: label(f.accountId) }), el('td', { text: f.region === null ? 'global' : f.region }),
          el('td', { text: f.resource }), el('td', {}, [lazyDetails('Fix', function () { return findingBody(i); })])]);
      });
      return table;
    }));
    return card;
  }

  // Appends items a page at a time, with a "Show more" button.
  function pageInto(container, items, render) {
    var next = 0;
    var more = el('button', { type: 'button', className: 'more' });
    function page() {
      items.slice(next, next + PAGE).forEach(function (item) { container.insertBefore(render(item), more.parentNode === container ? more : null); });
      next += PAGE;
      if (next < items.length) { more.textContent = 'Show ' + Math.min(PAGE, items.length - next) + ' more of ' + (items.length - next); if (more.parentNode !== container) container.appendChild(more); }
      else if (more.parentNode === container) container.removeChild(more);
    }
    more.addEventListener('click', page);
    page();
  }

  function renderFindings() {
    var list = document.getElementById('findings-list');
    list.textContent = '';
    var items;
    if (view === 'cause') {
      items = data.groups.filter(function (g) { return matches(g.cause) || g.symptoms.some(matches); });
      pageInto(list, items, causeCard);
    } else {
      items = checkOrder.filter(function (c) { return byCheck[c].some(matches); });
      pageInto(list, items, checkCard);
    }
    document.getElementById('findings-count').textContent = items.length === 0 ? 'No finding matches the filters.' : '';
  }

  // ---- The coverage map: only the rows in view are in the page.
  var map = document.getElementById('map');
  var head = el('div', { className: 'map-head' }, [el('div', { className: 'account', text: 'Account' })].concat(
    data.regions.map(function (region) { return el('div', { className: 'col', text: region }); })));
  var body = el('div', { className: 'map-body' });
  map.appendChild(head); map.appendChild(body);
  var visibleRows = data.rows;
  function stateOf(letter) { return data.states[letter]; }
  function renderMapWindow() {
    var first = Math.max(0, Math.floor(map.scrollTop / ROW_HEIGHT) - 10);
    var last = Math.min(visibleRows.length, first + Math.ceil(map.clientHeight / ROW_HEIGHT) + 30);
    body.textContent = '';
    body.style.height = (visibleRows.length * ROW_HEIGHT) + 'px';
    body.style.position = 'relative';
    for (var r = first; r < last; r++) {
      var row = visibleRows[r];
      var line = el('div', { className: 'map-row', role: 'row', 'data-account': row.id, style: 'position:absolute;top:' + (r * ROW_HEIGHT) + 'px' });
      var accountCell = el('div', { className: 'account', role: 'rowheader', text: label(row.id), title: label(row.id) });
      accountCell.addEventListener('click', showCell.bind(null, row, -1));
      line.appendChild(accountCell);
      for (var c = 0; c < data.regions.length; c++) {
        var state = stateOf(row.cells.charAt(c));
        var found = byCell[row.id + '|' + data.regions[c]] || [];
        var cell = el('span', { className: 'cell state-' + state[0] + (found.length ? ' has-findings' : ''), role: 'gridcell', tabindex: '0',
          'data-region': data.regions[c], 'data-state': state[0],
          title: label(row.id) + ' · ' + data.regions[c] + ': ' + state[1] + (found.length ? ' · ' + found.length + ' finding(s)' : '') });
        cell.addEventListener('click', showCell.bind(null, row, c));
        line.appendChild(cell);
      }
      body.appendChild(line);
    }
  }
  function showCell(row, column) {
    var panel = document.getElementById('cell-detail');
    panel.textContent = '';
    var key = row.id + '|' + (column < 0 ? '-' : data.regions[column]);
    if (column >= 0) {
      var state = stateOf(row.cells.charAt(column));
      panel.appendChild(el('p', {}, [el('strong', { text: label(row.id) + ' · ' + data.regions[column] + ': ' + state[1] }), ' — ' + data.reasons[row.reasons[column]]]));
    } else {
      panel.appendChild(el('p', {}, [el('strong', { text: label(row.id) }), ' — findings about the account as a whole:']));
    }
    var found = byCell[key] || [];
    if (found.length === 0) panel.appendChild(el('p', { className: 'muted', text: 'No finding here.' }));
    var list = el('ul', {});
    found.forEach(function (i) {
      var f = data.findings[i];
      list.appendChild(el('li', {}, [badge(f.severity), ' ', el('strong', { text: f.checkId }), ' ', f.title]));
    });
    panel.appendChild(list);
    var only = el('button', { type: 'button', text: 'Show only this account\'s findings' });
    only.addEventListener('click', function () { var input = document.getElementById('account-filter'); input.value = row.id; applyFilters(); document.getElementById('findings').scrollIntoView(); });
    panel.appendChild(only);
  }
  var pending = false;
  map.addEventListener('scroll', function () { if (!pending) { pending = true; requestAnimationFrame(function () { pending = false; renderMapWindow(); }); } });

  // ---- Filters.
  function applyFilters() {
    filters.account = document.getElementById('account-filter').value.trim().toLowerCase();
    SEVERITIES.forEach(function (s) { filters.severities[s] = document.getElementById('severity-' + s).checked; });
    visibleRows = data.rows.filter(function (row) { return matchesAccount(row.id); });
    map.scrollTop = 0;
    renderMapWindow();
    document.getElementById('map-count').textContent = visibleRows.length + ' of ' + data.rows.length + ' accounts';
    renderFindings();
  }
  SEVERITIES.forEach(function (s) { document.getElementById('severity-' + s).addEventListener('change', applyFilters); });
  document.getElementById('account-filter').addEventListener('input', applyFilters);
  Array.prototype.forEach.call(document.querySelectorAll('input[name=view]'), function (radio) {
    radio.addEventListener('change', function () { view = radio.value; renderFindings(); });
  });
  applyFilters();
})();
`;
