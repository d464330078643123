"""The parts bound to Material for MkDocs' markup and assets (page shell, palette script, icon sprite)."""
