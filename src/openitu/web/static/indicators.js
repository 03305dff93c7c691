// "PNG" next to a picture: draw its SVG on a canvas and save the canvas as a PNG file.
(function () {
  "use strict";
  function save(button) {
    const svg = document.querySelector("#" + button.dataset.target + " svg");
    if (!svg) return;
    const width = Number(svg.getAttribute("width")) || svg.viewBox.baseVal.width;
    const height = Number(svg.getAttribute("height")) || svg.viewBox.baseVal.height;
    const text = new XMLSerializer().serializeToString(svg);
    const image = new Image();
    image.onload = function () {
      const canvas = document.createElement("canvas");
      canvas.width = width * 2;
      canvas.height = height * 2;
      const context = canvas.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      const link = document.createElement("a");
      link.download = button.dataset.name;
      link.href = canvas.toDataURL("image/png");
      button.dataset.pngBytes = String(link.href.length);
      document.body.append(link);
      link.click();
      link.remove();
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
  }
  document.querySelectorAll("button.png").forEach(function (button) {
    button.addEventListener("click", function () { save(button); });
  });
})();
