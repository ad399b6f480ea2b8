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
        // The event of the list clicked, with the moment of the click; a list drawn anew
        // (no click yet) is kept from the server, where it would replace a click on its way.
        listClicked: function () {
            const hit = window.dash_clientside.callback_context.triggered.find((t) => t.value);
            if (!hit) {
                return window.dash_clientside.no_update;
            }
            const component = JSON.parse(hit.prop_id.slice(0, hit.prop_id.lastIndexOf(".")));
            return { id: component.id, at: Date.now() };
        },
    },
});

// The year slider's tooltip writes a year as its marks do: astronomical -489 is "490 BC".
window.dccFunctions = window.dccFunctions || {};
window.dccFunctions.yearLabel = function (year) {
    return year < 1 ? `${1 - year} BC` : `${year}`;
};
