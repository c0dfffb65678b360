// The insights page: reads the chosen period, fetches the figures from the JSON API and draws them with Chart.js.
// Every text goes in through textContent or as chart data (drawn on a canvas), never as HTML.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('caabot-insights-config').textContent);
  var status = document.getElementById('status');
  var charts = {};
  var accent = '#4f52b2';
  var good = '#237b4b';
  var bad = '#c4314b';
  var muted = '#8a8886';

  // Every figure is a count of cases: whole-number ticks on every value axis.
  window.Chart.defaults.scales.linear.ticks.precision = 0;

  function byId(id) { return document.getElementById(id); }

  function minutes(seconds) {
    if (seconds === null || seconds === undefined) { return '–'; }
    if (seconds < 90) { return Math.round(seconds) + ' s'; }
    if (seconds < 5400) { return Math.round(seconds / 60) + ' min'; }
    return (seconds / 3600).toFixed(1) + ' h';
  }

  function percent(share) { return Math.round(share * 100) + ' %'; }

  function draw(id, type, labels, datasets, options) {
    if (charts[id]) { charts[id].destroy(); }
    charts[id] = new window.Chart(byId(id), {
      type: type,
      data: { labels: labels, datasets: datasets },
      options: Object.assign({ responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: datasets.length > 1 } } }, options || {})
    });
  }

  function render(report) {
    byId('cases').textContent = String(report.cases);
    byId('share').textContent = report.cases ? percent(report.shareResolvedWithoutPerson) : '–';
    byId('escalated').textContent = String(report.escalated);
    byId('rating').textContent = report.ratings.average === null || report.ratings.average === undefined ? '–' : report.ratings.average.toFixed(1) + ' ★';
    byId('fixTime').textContent = minutes(report.fixedByBot.medianSeconds);
    byId('fixTimeP90').textContent = minutes(report.fixedByBot.p90Seconds);

    draw('chart-codes', 'bar',
      report.casesPerCode.map(function (row) { return row.code; }),
      [{ label: 'Cases', data: report.casesPerCode.map(function (row) { return row.cases; }), backgroundColor: accent }]);
    draw('chart-playbooks', 'bar',
      report.playbooks.map(function (row) { return row.playbook; }),
      [
        { label: 'Resolved without a person', data: report.playbooks.map(function (row) { return row.resolvedWithoutPerson; }), backgroundColor: good },
        { label: 'Escalated', data: report.playbooks.map(function (row) { return row.escalated; }), backgroundColor: bad },
        { label: 'Other (open, gave up)', data: report.playbooks.map(function (row) { return row.cases - row.resolvedWithoutPerson - row.escalated; }), backgroundColor: muted }
      ],
      { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } });
    var topSteps = report.steps.slice(0, 10);
    draw('chart-steps', 'bar',
      topSteps.map(function (row) { return row.playbook + ' · ' + row.stepTitle; }),
      [
        { label: 'Cases it fixed', data: topSteps.map(function (row) { return row.casesFixed; }), backgroundColor: good },
        { label: 'Cases that reached it', data: topSteps.map(function (row) { return row.casesAnswered; }), backgroundColor: muted }
      ],
      { indexAxis: 'y' });
    draw('chart-escalations', 'bar',
      report.escalations.map(function (row) { return row.playbook + ' · ' + row.code; }),
      [{ label: 'Escalations', data: report.escalations.map(function (row) { return row.escalations; }), backgroundColor: bad }]);
    draw('chart-ratings', 'bar',
      ['1 ★', '2 ★', '3 ★', '4 ★', '5 ★'],
      [{ label: 'Ratings', data: report.ratings.perStar, backgroundColor: accent }]);
    draw('chart-days', 'line',
      report.days.map(function (row) { return row.day; }),
      [
        { label: 'Cases', data: report.days.map(function (row) { return row.cases; }), borderColor: accent, backgroundColor: accent },
        { label: 'Resolved without a person', data: report.days.map(function (row) { return row.resolvedWithoutPerson; }), borderColor: good, backgroundColor: good },
        { label: 'Escalated', data: report.days.map(function (row) { return row.escalated; }), borderColor: bad, backgroundColor: bad }
      ],
      { scales: { y: { beginAtZero: true } } });

    var body = byId('steps').tBodies[0];
    body.replaceChildren();
    report.steps.forEach(function (row) {
      var line = body.insertRow();
      [row.playbook, row.stepTitle, String(row.casesAnswered), String(row.casesFixed), percent(row.fixRate)].forEach(function (text) {
        line.insertCell().textContent = text;
      });
    });
  }

  function load() {
    var query = '?from=' + encodeURIComponent(byId('from').value) + '&to=' + encodeURIComponent(byId('to').value);
    byId('csv').href = config.csv + query;
    status.textContent = 'Loading…';
    document.body.removeAttribute('data-loaded');
    fetch(config.api + query, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body.detail || body.title || ('The server answered ' + response.status)); }
          return body;
        });
      })
      .then(function (report) {
        render(report);
        status.textContent = '';
        document.body.setAttribute('data-loaded', 'true');
      })
      .catch(function (error) {
        status.textContent = error.message;
        document.body.setAttribute('data-loaded', 'error');
      });
  }

  byId('period').addEventListener('submit', function (event) {
    event.preventDefault();
    window.history.replaceState(null, '', '?from=' + encodeURIComponent(byId('from').value) + '&to=' + encodeURIComponent(byId('to').value));
    load();
  });
  load();
})();
