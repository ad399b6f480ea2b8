// Callbacks that run in the browser (declared with wiring.in_browser).
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    timeline: {
        // A relayout that zooms or resets the time axis, passed on; any other (a resize,
        // a hover mode) is kept from the server, where it would replace a zoom on its way.
        zooms: function (relayout) {
            const keys = Object.keys(relayout || {});
            const zoom = keys.some(
                (key) => key.startsWith("xaxis.range") || key === "xaxis.autorange"
            );
            return zoom ? relayout : window.dash_clientside.no_update;
        },
    },
});

// The year slider's tooltip writes a year as its marks do: astronomical -489 is "490 BC".
window.dccFunctions = window.dccFunctions || {};
window.dccFunctions.yearLabel = function (year) {
    return year < 1 ? `${1 - year} BC` : `${year}`;
};
