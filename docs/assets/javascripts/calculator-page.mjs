// Calculator pages (a module script, only on pages with a calculator form): each form generated
// at build time goes live with Python (Pyodide) in a Web Worker. The parts are in calculator/.
// Material's navigation.instant is off for the site; if it is ever turned on, document$ re-runs
// setup for the new page.
import { setupAll } from "./calculator/page.mjs";

setupAll();
if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setupAll);
