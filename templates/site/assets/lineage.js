// Dossier catalog: the lineage explorer. Draws the edges between the entities the page lists (the
// columns are plain lists and links without this script), and expands an entity at the edge of the
// chain a hop at a time from its lineage JSON, written beside the pages at build time.
(function () {
  'use strict';
  var box = document.querySelector('.lineage-explorer');
  if (!box) return;
  var root = document.body.getAttribute('data-root') || './';
  var columns = box.querySelector('.lineage-columns');
  var status = document.querySelector('[data-lineage-status]');
  var SVG = 'http://www.w3.org/2000/svg';
  var svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'lineage-edges');
  svg.setAttribute('aria-hidden', 'true');
  box.insertBefore(svg, columns);

  function pageOf(identity) {
    var colon = identity.indexOf(':');
    return identity.slice(0, colon) + '/' + identity.slice(colon + 1);
  }
  /** The listed entities that are on screen, by identity. */
  function shown() {
    var nodes = {};
    box.querySelectorAll('li.lnode').forEach(function (li) {
      if (li.offsetParent !== null) nodes[li.getAttribute('data-id')] = li;
    });
    return nodes;
  }
  function draw() {
    svg.textContent = '';
    svg.setAttribute('width', box.scrollWidth);
    svg.setAttribute('height', box.scrollHeight);
    var origin = box.getBoundingClientRect();
    var nodes = shown();
    Object.keys(nodes).forEach(function (id) {
      var to = nodes[id].getBoundingClientRect();
      (nodes[id].getAttribute('data-deps') || '').split(' ').forEach(function (dep) {
        var from = nodes[dep] && nodes[dep].getBoundingClientRect();
        // Only left to right: stacked columns (a narrow screen) have their order instead.
        if (!from || from.right > to.left) return;
        var x1 = from.right - origin.left + box.scrollLeft;
        var y1 = from.top + from.height / 2 - origin.top;
        var x2 = to.left - origin.left + box.scrollLeft;
        var y2 = to.top + to.height / 2 - origin.top;
        var bend = (x2 - x1) / 2;
        var path = document.createElementNS(SVG, 'path');
        path.setAttribute('d', 'M' + x1 + ' ' + y1 + ' C' + (x1 + bend) + ' ' + y1 + ' ' + (x2 - bend) + ' ' + y2 + ' ' + x2 + ' ' + y2);
        svg.appendChild(path);
      });
    });
  }
  function columnAt(distance) {
    var found = box.querySelector('.lineage-column[data-distance="' + distance + '"]');
    if (found) return found.querySelector('ul');
    var column = document.createElement('li');
    column.className = 'lineage-column';
    column.setAttribute('data-distance', String(distance));
    var heading = document.createElement('h3');
    var hops = Math.abs(distance);
    heading.textContent = (distance < 0 ? 'Upstream' : 'Downstream') + ' · ' + hops + (hops === 1 ? ' hop' : ' hops');
    column.appendChild(heading);
    column.appendChild(document.createElement('ul'));
    if (distance < 0) columns.insertBefore(column, columns.firstChild); else columns.appendChild(column);
    return column.querySelector('ul');
  }
  function nodeElement(entry, direction) {
    var li = document.createElement('li');
    li.className = 'lnode lnode-' + entry[2];
    li.setAttribute('data-id', entry[0]);
    li.setAttribute('data-deps', '');
    var link = document.createElement('a');
    link.href = root + 'entity/' + pageOf(entry[0]) + '.html';
    var kind = document.createElement('span');
    kind.className = 'lkind';
    kind.textContent = entry[2] + (entry[3] ? ' · ' + entry[3] : '');
    var label = document.createElement('span');
    label.className = 'llabel';
    label.textContent = entry[1];
    link.appendChild(kind);
    link.appendChild(document.createTextNode(' '));
    link.appendChild(label);
    li.appendChild(link);
    li.appendChild(expandButton(entry[1], direction));
    return li;
  }
  function expandButton(label, direction) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'expand';
    button.setAttribute('data-expand', direction);
    button.setAttribute('aria-label', 'Expand ' + label + ' ' + direction + 'stream');
    button.textContent = '+';
    return button;
  }
  function addDep(li, identity) {
    var deps = (li.getAttribute('data-deps') || '').split(' ').filter(Boolean);
    if (deps.indexOf(identity) === -1) deps.push(identity);
    li.setAttribute('data-deps', deps.join(' '));
  }
  function expand(button) {
    var li = button.closest('li.lnode');
    var direction = button.getAttribute('data-expand');
    var identity = li.getAttribute('data-id');
    var distance = Number(li.closest('.lineage-column').getAttribute('data-distance')) + (direction === 'up' ? -1 : 1);
    var label = li.querySelector('.llabel').textContent;
    button.disabled = true;
    fetch(root + 'lineage/' + pageOf(identity) + '.json').then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (json) {
      var present = shownAll();
      var added = [];
      json[direction].forEach(function (entry) {
        var other = present[entry[0]];
        if (!other) {
          other = nodeElement(entry, direction);
          columnAt(distance).appendChild(other);
          present[entry[0]] = other;
          added.push(other);
        }
        if (direction === 'up') addDep(li, entry[0]); else addDep(other, identity);
      });
      button.remove();
      var more = json.more[direction];
      status.textContent = added.length === 0
        ? 'Nothing further ' + direction + 'stream of ' + label + '.'
        : 'Added ' + added.length + ' ' + direction + 'stream of ' + label + (more ? ', and ' + more + ' more on its page' : '') + '.';
      if (added.length > 0) added[0].querySelector('a').focus(); else li.querySelector('a, strong').focus();
      draw();
    }, function () {
      button.disabled = false;
      status.textContent = 'Could not load the lineage of ' + label + '.';
    });
  }
  function shownAll() {
    var nodes = {};
    box.querySelectorAll('li.lnode').forEach(function (li) { nodes[li.getAttribute('data-id')] = li; });
    return nodes;
  }

  box.querySelectorAll('button.expand').forEach(function (button) { button.hidden = false; });
  var hint = document.querySelector('.lineage-hint');
  if (hint && box.querySelector('button.expand')) hint.hidden = false;
  box.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button.expand');
    if (button) expand(button);
  });
  box.addEventListener('toggle', draw, true);
  box.addEventListener('scroll', draw);
  var pending = 0;
  window.addEventListener('resize', function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(draw);
  });
  draw();
})();
