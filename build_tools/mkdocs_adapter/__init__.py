"""The MkDocs adapter: the only code that imports MkDocs; it turns MkDocs events into core calls."""
