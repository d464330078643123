"""The calculators on the site: forms generated from the declarations, Pyodide assets, service worker."""
