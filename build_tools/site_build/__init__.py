"""The site build, whichever generator drives it (``build.SiteBuild``); see ARCHITECTURE.md."""
