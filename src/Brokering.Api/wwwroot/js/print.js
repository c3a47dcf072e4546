// Buttons marked data-print open the browser's print dialogue; inline handlers are refused by the content security policy.
for (const button of document.querySelectorAll('[data-print]')) {
  button.addEventListener('click', () => window.print());
}
