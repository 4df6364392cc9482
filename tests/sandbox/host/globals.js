// Fluent's UMD (pcf-start/lib/fluent_8_121_1.js) looks for the globals React and ReactDOM; the platform's React
// file defines them as Reactv16 / ReactDOMv16 (toolchain.md §2). Alias them before Fluent loads.
window.React = window.Reactv16;
window.ReactDOM = window.ReactDOMv16;
// Offline sandbox: no Segoe UI web fonts from the Office CDN (the browser's own fonts stand in for them).
// The platform's Fluent registers the MDL2 icon font itself when it loads; point it at this machine's copy
// (served from node_modules/@fluentui/font-icons-mdl2/fonts) instead of the Office CDN.
window.FabricConfig = { fontBaseUrl: '', iconBaseUrl: '/vendor/fonts/' };
