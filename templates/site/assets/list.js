// Dossier catalog: sort and filter a list of entities. A list of one page is sorted and filtered as
// it is; a list of several fetches all its rows once (the JSON its table names in data-all) and shows
// the first matches, with a button for more. Without this script the list is its pages.
(function () {
  'use strict';
  var table = document.querySelector('table.entities:not(.timeline)');
  if (!table || !table.tHead || !table.tBodies[0]) return;
  var root = document.body.getAttribute('data-root') || './';
  var tbody = table.tBodies[0];
  var form = document.querySelector('form.filters');
  var selects = form ? Array.prototype.slice.call(form.querySelectorAll('select[data-filter]')) : [];
  var count = document.querySelector('[data-filter-count]');
  var moreBox = document.querySelector('.list-more');
  var pages = document.querySelector('nav.pages');
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var numeric = headers.map(function (th) { return th.classList.contains('num'); });
  var byKind = table.classList.contains('by-kind');
  var total = Number(table.getAttribute('data-total')) || tbody.rows.length;
  var STEP = 200;
  var limit = STEP;
  var sort = { column: -1, descending: false };
  var all = null;
  var loading = false;

  function attrsOf(row) {
    return { kind: row[3], owner: row[4], lifecycle: row[6], stage: row[7], tags: row[8] };
  }
  var pageRecords = Array.prototype.map.call(tbody.rows, function (tr, index) {
    return {
      index: index,
      row: tr,
      keys: Array.prototype.map.call(tr.cells, function (td) { return td.hasAttribute('data-sort') ? td.getAttribute('data-sort') : td.textContent.trim(); }),
      attrs: { kind: tr.getAttribute('data-kind'), owner: tr.getAttribute('data-owner'), lifecycle: tr.getAttribute('data-lifecycle'), stage: tr.getAttribute('data-stage'), tags: tr.getAttribute('data-tags') }
    };
  });

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function cellContent(td, cell) {
    if (cell[1]) td.appendChild(element('span', 'pill ' + cell[1], cell[0]));
    else td.appendChild(document.createTextNode(cell[0]));
  }
  /** A row of the list's JSON laid out as the entity-table partial lays it out. */
  function render(row) {
    var tr = document.createElement('tr');
    var attrs = attrsOf(row);
    Object.keys(attrs).forEach(function (key) { tr.setAttribute('data-' + key, attrs[key]); });
    var name = element('td');
    var link = element('a', '', row[1]);
    link.href = root + row[0];
    name.appendChild(link);
    if (row[2]) { name.appendChild(document.createTextNode(' ')); name.appendChild(element('span', 'muted', row[2])); }
    name.appendChild(document.createTextNode(' '));
    name.appendChild(element('span', 'row-kind', row[3]));
    tr.appendChild(name);
    tr.appendChild(element('td', '', row[5]));
    var lifecycle = element('td');
    lifecycle.appendChild(element('span', 'pill lifecycle-' + row[6], row[6]));
    tr.appendChild(lifecycle);
    if (byKind) {
      row[9].forEach(function (cell, i) {
        var td = element('td', numeric[i + 3] ? 'num' : '');
        cellContent(td, cell);
        tr.appendChild(td);
      });
    } else {
      var details = element('td', 'row-details');
      row[9].forEach(function (cell) {
        if (!cell[0]) return;
        var detail = element('span', 'detail');
        if (cell[3]) { detail.appendChild(element('span', 'muted', cell[3])); detail.appendChild(document.createTextNode(' ')); }
        cellContent(detail, cell);
        details.appendChild(detail);
        details.appendChild(document.createTextNode(' '));
      });
      tr.appendChild(details);
    }
    return tr;
  }
  function fromData(row, index) {
    var cells = row[9].map(function (cell) { return cell[2] || cell[0]; });
    return { index: index, row: null, data: row, attrs: attrsOf(row), keys: [row[1], row[5], row[6]].concat(byKind ? cells : [cells.join(' ')]) };
  }

  function matches(record) {
    return selects.every(function (select) {
      if (!select.value) return true;
      var field = select.getAttribute('data-filter');
      var value = record.attrs[field] || '';
      return field === 'tags' ? value.split(' ').indexOf(select.value) !== -1 : value === select.value;
    });
  }
  function compare(a, b) {
    var x = a.keys[sort.column] || '';
    var y = b.keys[sort.column] || '';
    // Empty cells last, whichever the direction.
    if (x === '' || y === '') return x === y ? a.index - b.index : x === '' ? 1 : -1;
    var order = numeric[sort.column] ? Number(x) - Number(y) : x.localeCompare(y, 'en', { numeric: true, sensitivity: 'base' });
    return (sort.descending ? -order : order) || a.index - b.index;
  }
  function active() {
    return sort.column !== -1 || selects.some(function (select) { return select.value !== ''; });
  }
  function apply() {
    var whole = active() && table.hasAttribute('data-all');
    if (whole && !all) return load();
    var source = whole ? all : pageRecords;
    var found = source.filter(matches);
    if (sort.column !== -1) found.sort(compare);
    else found.sort(function (a, b) { return a.index - b.index; });
    var shown = found.slice(0, limit);
    var fragment = document.createDocumentFragment();
    shown.forEach(function (record) { fragment.appendChild(record.row || (record.row = render(record.data))); });
    tbody.textContent = '';
    tbody.appendChild(fragment);
    if (count) count.textContent = whole ? shown.length + ' of ' + found.length + ' matches in all ' + total + ' shown' : found.length + ' shown';
    if (moreBox) moreBox.hidden = found.length <= shown.length;
    if (pages) pages.hidden = whole;
  }
  function load() {
    if (loading) return;
    loading = true;
    if (count) count.textContent = 'Loading all ' + total + '…';
    fetch(root + table.getAttribute('data-all')).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (json) {
      all = json.rows.map(fromData);
      apply();
    }, function () {
      // Without the whole list (a page opened from disk), the page's own rows are sorted and filtered.
      table.removeAttribute('data-all');
      apply();
    });
  }

  headers.forEach(function (th, column) {
    var button = element('button', 'sort');
    button.type = 'button';
    // The header's text and its mark (laid out by the page, so that nothing moves when this runs).
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener('click', function () {
      sort.descending = sort.column === column ? !sort.descending : false;
      sort.column = column;
      headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
      limit = STEP;
      apply();
    });
  });
  selects.forEach(function (select) {
    select.addEventListener('change', function () { limit = STEP; apply(); });
  });
  if (form) form.hidden = false;
  if (moreBox) moreBox.querySelector('button').addEventListener('click', function () {
    limit += STEP;
    apply();
  });
})();
