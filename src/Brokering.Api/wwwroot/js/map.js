// Draws the coordinators' map from the JSON the page carries; the page's table says the same in words.
(function () {
  var data = JSON.parse(document.getElementById('map-data').textContent);
  var map = L.map('map');
  L.tileLayer(data.tileUrl, { attribution: data.attribution, maxZoom: 18 }).addTo(map);
  var bounds = [];
  function marker(text, kind) {
    return L.divIcon({ className: 'app-marker app-marker--' + kind, html: text, iconSize: [22, 22] });
  }
  data.points.forEach(function (p) {
    L.marker([p.latitude, p.longitude], { icon: marker(p.kind === 'cook' ? 'C' : 'D', p.kind), title: p.kind }).addTo(map);
    bounds.push([p.latitude, p.longitude]);
  });
  data.clusters.forEach(function (c) {
    L.circle([c.latitude, c.longitude], { radius: c.radiusKm * 1000, color: '#d4351c' })
      .bindTooltip(c.diners + ' unmatched', { permanent: true }).addTo(map);
    bounds.push([c.latitude, c.longitude]);
  });
  if (bounds.length) {
    map.fitBounds(bounds, { padding: [20, 20], maxZoom: 14 });
  } else {
    map.setView([54.0, -2.0], 6);
  }
})();
