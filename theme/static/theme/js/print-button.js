/* A "Print" button: [data-print-button] opens the browser's print dialogue. A script
   file rather than an onclick attribute, which the Content-Security-Policy
   does not allow. */
for (const button of document.querySelectorAll("[data-print-button]")) {
  button.addEventListener("click", () => window.print());
}
