// Fluent's UMD (pcf-start/lib/fluent_8_121_1.js) looks for the globals React and ReactDOM; the platform's React
// file defines them as Reactv16 / ReactDOMv16 (toolchain.md §2). Alias them before Fluent loads.
window.React = window.Reactv16;
window.ReactDOM = window.ReactDOMv16;
// Offline sandbox: no Segoe UI web fonts from the Office CDN (the browser's own fonts stand in for them).
window.FabricConfig = { fontBaseUrl: '' };
