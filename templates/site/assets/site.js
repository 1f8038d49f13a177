// Dossier catalog: search (sharded index fetched on demand) and list filters. No external requests.
(function () {
  'use strict';
  var root = document.body.getAttribute('data-root') || './';
  var input = document.getElementById('search-input');
  var list = document.getElementById('search-results');
  var manifest = null;
  var shards = {};
  var active = -1;

  function fetchJson(path) {
    return fetch(root + path).then(function (response) {
      if (!response.ok) throw new Error(path + ': ' + response.status);
      return response.json();
    });
  }
  function loadManifest() {
    if (!manifest) manifest = fetchJson('search/manifest.json');
    return manifest;
  }
  function loadShard(key) {
    if (!shards[key]) shards[key] = fetchJson('search/' + key + '.json');
    return shards[key];
  }
  function tokens(text) {
    return text.toLowerCase().split(/[^a-z0-9]+/).filter(function (t) { return t.length >= 2; });
  }
  function pathOf(identity) {
    var colon = identity.indexOf(':');
    return 'entity/' + identity.slice(0, colon) + '/' + identity.slice(colon + 1) + '.html';
  }
  function nameOf(identity) {
    return identity.slice(identity.indexOf('/') + 1);
  }
  /** Shards that may hold tokens starting with `token`: the longest key it starts with, and longer keys. */
  function shardsFor(keys, token) {
    var longest = '';
    var deeper = [];
    keys.forEach(function (key) {
      if (token.indexOf(key) === 0 && key.length > longest.length) longest = key;
      if (key.length > token.length && key.indexOf(token) === 0) deeper.push(key);
    });
    return (longest ? [longest] : []).concat(deeper.slice(0, 3));
  }
  /** Scores of the entities with a token starting with `word`: exact tokens count double. */
  function lookup(keys, word) {
    return Promise.all(shardsFor(keys, word).map(loadShard)).then(function (loaded) {
      var scores = {};
      loaded.forEach(function (shard) {
        Object.keys(shard).forEach(function (token) {
          if (token.indexOf(word) !== 0) return;
          var exact = token === word;
          shard[token].forEach(function (posting) {
            var score = posting[1] * (exact ? 2 : 1);
            var entry = scores[posting[0]];
            if (!entry || entry.score < score) scores[posting[0]] = { score: score, title: posting[2], matched: posting[3] || '' };
          });
        });
      });
      return scores;
    });
  }
  /**
   * Entities matching every word of the query, and entities whose whole name starts with the query
   * as typed ("features-12"): common words keep only their best postings, so the whole name is
   * what finds one entity among thousands with similar names.
   */
  function search(query) {
    var words = tokens(query);
    var whole = query.trim().toLowerCase();
    if (words.length === 0) return Promise.resolve([]);
    return loadManifest().then(function (m) {
      var lookups = words.map(function (word) { return lookup(m.shards, word); });
      var wholeLookup = words.length > 1 || whole !== words[0] ? lookup(m.shards, whole) : Promise.resolve({});
      return Promise.all([Promise.all(lookups), wholeLookup]).then(function (found) {
        var perWord = found[0];
        var byName = found[1];
        var results = {};
        Object.keys(perWord[0]).forEach(function (id) {
          if (!perWord.every(function (scores) { return scores[id]; })) return;
          var matched = perWord.map(function (scores) { return scores[id].matched; }).filter(function (m, i, all) { return m && all.indexOf(m) === i; });
          results[id] = { id: id, score: perWord.reduce(function (sum, scores) { return sum + scores[id].score; }, 0), title: perWord[0][id].title, matched: matched.slice(0, 2) };
        });
        Object.keys(byName).forEach(function (id) {
          var score = byName[id].score * words.length;
          if (!results[id] || results[id].score < score) results[id] = { id: id, score: score, title: byName[id].title, matched: byName[id].matched ? [byName[id].matched] : [] };
        });
        var list = Object.keys(results).map(function (id) {
          var result = results[id];
          if (nameOf(id).split('@')[0] === whole) result.score += 10000;
          return result;
        });
        list.sort(function (a, b) { return b.score - a.score || (a.id < b.id ? -1 : 1); });
        return list.slice(0, 12);
      });
    });
  }
  function select(index) {
    var items = list.querySelectorAll('li');
    active = Math.max(-1, Math.min(index, items.length - 1));
    items.forEach(function (item, i) { item.setAttribute('aria-selected', i === active ? 'true' : 'false'); });
    if (active >= 0) input.setAttribute('aria-activedescendant', items[active].id); else input.removeAttribute('aria-activedescendant');
  }
  /** What of an entity a hit is in ("feature avg_amount_30d"), the query's words marked. */
  function matchedText(matched, words) {
    var line = document.createElement('span');
    line.className = 'matched';
    var lower = matched.toLowerCase();
    var at = 0;
    while (at < matched.length) {
      var next = -1;
      var length = 0;
      words.forEach(function (word) {
        var found = lower.indexOf(word, at);
        if (found !== -1 && (next === -1 || found < next)) { next = found; length = word.length; }
      });
      if (next === -1) { line.appendChild(document.createTextNode(matched.slice(at))); break; }
      line.appendChild(document.createTextNode(matched.slice(at, next)));
      var mark = document.createElement('mark');
      mark.textContent = matched.slice(next, next + length);
      line.appendChild(mark);
      at = next + length;
    }
    return line;
  }
  function show(results, query) {
    list.textContent = '';
    results.forEach(function (result, i) {
      var item = document.createElement('li');
      item.id = 'search-result-' + i;
      item.setAttribute('role', 'option');
      var link = document.createElement('a');
      link.href = root + pathOf(result.id);
      link.textContent = nameOf(result.id);
      var kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = ' ' + result.id.slice(0, result.id.indexOf(':')) + (result.title ? ' · ' + result.title : '');
      item.appendChild(link);
      item.appendChild(kind);
      (result.matched || []).forEach(function (matched) { item.appendChild(matchedText(matched, tokens(query))); });
      list.appendChild(item);
    });
    if (results.length === 0 && query) {
      var none = document.createElement('li');
      none.textContent = 'No matches for “' + query + '”';
      list.appendChild(none);
    }
    list.hidden = !query;
    input.setAttribute('aria-expanded', String(!list.hidden));
    select(-1);
  }
  if (input && list) {
    var pending = 0;
    input.addEventListener('input', function () {
      var query = input.value;
      var ticket = ++pending;
      search(query).then(function (results) { if (ticket === pending) show(results, query.trim()); }, function () { if (ticket === pending) show([], query.trim()); });
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown') { select(active + 1); event.preventDefault(); }
      else if (event.key === 'ArrowUp') { select(active - 1); event.preventDefault(); }
      else if (event.key === 'Enter') {
        var chosen = list.querySelectorAll('li a')[Math.max(active, 0)];
        if (chosen) { window.location.href = chosen.href; event.preventDefault(); }
      } else if (event.key === 'Escape') { list.hidden = true; input.setAttribute('aria-expanded', 'false'); }
    });
    document.addEventListener('keydown', function (event) {
      var target = event.target;
      var typing = target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
      if (event.key === '/' && !typing) { input.focus(); event.preventDefault(); }
    });
  }
  // Copy buttons (an entity's id): shown only where a script can copy.
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(button.getAttribute('data-copy') || '').then(function () {
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = 'Copy id'; }, 1500);
      }, function () { button.textContent = 'Copy failed'; });
    });
  });
  // Filters of changes: hide rows whose data attributes do not match every chosen value (entity lists have list.js).
  var selects = document.querySelectorAll('form.changes-filters select[data-filter]');
  var count = document.querySelector('[data-filter-count]');
  function applyFilters() {
    var rows = document.querySelectorAll('table.timeline tbody tr:not(.commit-row)');
    var shown = 0;
    rows.forEach(function (row) {
      var visible = Array.prototype.every.call(selects, function (s) {
        if (!s.value) return true;
        var value = row.getAttribute('data-' + s.getAttribute('data-filter')) || '';
        return s.getAttribute('data-filter') === 'tags' ? value.split(' ').indexOf(s.value) !== -1 : value === s.value;
      });
      row.hidden = !visible;
      if (visible) shown++;
    });
    // A commit's row is hidden with the last of its changes.
    document.querySelectorAll('table.entities tr.commit-row').forEach(function (head) {
      var next = head.nextElementSibling;
      var any = false;
      for (; next && !next.classList.contains('commit-row'); next = next.nextElementSibling) if (!next.hidden) any = true;
      head.hidden = !any;
    });
    if (count) count.textContent = shown + ' shown';
  }
  selects.forEach(function (s) { s.addEventListener('change', applyFilters); });
})();
