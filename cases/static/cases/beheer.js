// Django's filter widget (SelectFilter2.js) labels its search icon with aria-label on a span
// without a role, which ARIA does not allow (axe: aria-prohibited-attr); an image may carry
// the label. Run after every load handler, so after the widgets were built.
window.addEventListener("load", function () {
    window.setTimeout(function () {
        document.querySelectorAll(".search-label-icon[aria-label]").forEach(function (icoon) {
            icoon.setAttribute("role", "img");
        });
    }, 0);
});
