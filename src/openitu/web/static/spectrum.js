// Clicking a band of the chart shows its allocations and footnote texts, from the API,
// in the edition the page shows.
(function () {
  "use strict";
  const details = document.getElementById("band-details");
  const chart = document.getElementById("chart");
  if (!details || !chart) return;
  const shown = document.getElementById("edition-shown");
  const edition = shown ? shown.dataset.edition : "";

  function text(tag, content, className) {
    const node = document.createElement(tag);
    node.textContent = content;
    if (className) node.className = className;
    return node;
  }

  function formatHz(hz) {
    if (hz < 1e3) return hz + " Hz";
    if (hz <= 27.5e6) return +(hz / 1e3).toPrecision(10) + " kHz";
    if (hz <= 10e9) return +(hz / 1e6).toPrecision(10) + " MHz";
    return +(hz / 1e9).toPrecision(10) + " GHz";
  }

  async function show(band) {
    const low = Number(band.dataset.lowHz);
    const region = band.dataset.region;
    chart.querySelectorAll(".band.selected").forEach((b) => b.classList.remove("selected"));
    band.classList.add("selected");
    const response = await fetch(
      "/api/allocations/at?frequency=" + encodeURIComponent(low) + "&region=" + region +
        (edition ? "&edition=" + encodeURIComponent(edition) : "")
    );
    const body = await response.json();
    details.replaceChildren();
    if (!response.ok) {
      details.append(text("p", body.detail || "lookup failed", "error"));
      return;
    }
    details.append(
      text("h3", formatHz(body.band.low_hz) + " – " + formatHz(body.band.high_hz) + ", Region " + body.region)
    );
    const list = document.createElement("ul");
    for (const a of body.allocations) {
      const name = a.category === "primary" ? a.service.toUpperCase() : a.service;
      list.append(text("li", name + " (" + a.category + ")" + (a.footnotes.length ? " " + a.footnotes.join(" ") : "")));
    }
    if (!body.allocations.length) list.append(text("li", "(not allocated)"));
    details.append(list);
    const notes = document.createElement("dl");
    for (const note of body.footnote_texts) {
      notes.append(text("dt", note.id));
      notes.append(text("dd", note.text || "(" + note.text_note + ")"));
    }
    details.append(notes);
  }

  chart.addEventListener("click", (event) => {
    const band = event.target.closest(".band");
    if (band) show(band);
  });
  chart.addEventListener("keydown", (event) => {
    const band = event.target.closest(".band");
    if (band && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      show(band);
    }
  });
})();
