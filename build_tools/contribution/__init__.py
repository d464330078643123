"""Ways in for contributors: the web form, the `new` scaffold and the GitHub issue form."""
