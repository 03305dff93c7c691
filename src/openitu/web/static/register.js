// "Print this circular": the browser's own print dialog (the print stylesheet in
// register.css lays the page out; no PDF is made on the server).
(function () {
  "use strict";
  const button = document.getElementById("print");
  if (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  }
})();
