"""The board pack: the current view as a PDF or PowerPoint file for circulating before a meeting."""
