// The board's presentation view: asks the server for the ranking every few seconds and
// redraws the table (the same rows _present_row.html draws), so the projector never
// reloads. Served by the app (the content security policy allows no inline script).
"use strict";
(function () {
  const table = document.getElementById("ranking");
  if (!table || !window.fetch) return;
  const seconds = Number(table.dataset.poll) || 3;
  const reveal = document.getElementById("reveal-form");
  let last = "";

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined && text !== null) made.textContent = String(text);
    return made;
  }

  function row(item, teams) {
    const tr = element("tr", item.revealed ? "factor" : "factor hidden-factor");
    tr.id = item.id;
    tr.dataset.key = item.key;
    tr.appendChild(element("td", "rank", item.rank || ""));
    const th = element("th", "", item.label);
    th.scope = "row";
    tr.appendChild(th);
    if (!item.revealed) {
      const cell = element("td", "tally-bar hidden-tally", item.hidden + " ");
      cell.colSpan = teams.length + 1;
      if (reveal) {
        const form = reveal.content.firstElementChild.cloneNode(true);
        form.querySelector("button").value = item.key;
        cell.appendChild(form);
      }
      tr.appendChild(cell);
      return tr;
    }
    const bar = element("td", "tally-bar");
    const segments = element("div", "segments");
    for (const count of item.counts) {
      if (!count.count) continue;
      const seg = element("span", "seg vote-" + count.vote + " g-" + count.count,
        count.symbol + "\u00a0" + count.count);
      seg.dataset.vote = count.vote;
      seg.dataset.count = count.count;
      seg.title = count.word;
      segments.appendChild(seg);
    }
    const rest = teams.length - item.voted;
    if (rest > 0) segments.appendChild(element("span", "seg rest g-" + rest));
    bar.appendChild(segments);
    tr.appendChild(bar);
    for (const mark of item.marks) {
      const cell = element("td", mark.vote ? "mark vote-" + mark.vote : "mark", mark.symbol || "");
      cell.dataset.team = mark.team;
      if (mark.vote) cell.dataset.mark = mark.vote;
      tr.appendChild(cell);
    }
    return tr;
  }

  function head(teams) {
    const tr = table.tHead.rows[0];
    while (tr.cells.length > 3) tr.deleteCell(3);
    teams.forEach(function (team, index) {
      const th = element("th", "mark");
      th.scope = "col";
      if (index === 0) {
        const word = element("span", "team-word", table.dataset.team + "\u00a0");
        th.appendChild(word);
      }
      th.appendChild(document.createTextNode(String(team)));
      tr.appendChild(th);
    });
  }

  function draw(data) {
    const body = document.createElement("tbody");
    for (const item of data.rows) body.appendChild(row(item, data.teams));
    head(data.teams);
    table.replaceChild(body, table.tBodies[0]);
  }

  function poll() {
    fetch(table.dataset.source, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (text) {
        if (text !== last) {
          last = text;
          draw(JSON.parse(text));
        }
        table.dataset.updated = String(Date.now());
      })
      .catch(function () { /* the server is away for a moment: ask again */ })
      .then(function () { window.setTimeout(poll, seconds * 1000); });
  }

  window.setTimeout(poll, seconds * 1000);
})();
