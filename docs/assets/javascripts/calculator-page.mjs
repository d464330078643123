// Calculator pages (a module script, only on pages with a calculator form): each form generated
// at build time goes live with Python (Pyodide) in a Web Worker. The parts are in calculator/.
// Python's worker was started from the page's <head> (calculator-boot.js); the form adopts it.
// Material's navigation.instant is off for the site; if it is ever turned on, document$ re-runs
// setup for the new page (and the <head>'s boot script, which a page change does not run again,
// would have to be loaded on every page).
import { setupAll } from "./calculator/page.mjs";

setupAll();
if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setupAll);
