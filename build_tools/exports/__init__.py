"""The official report and open data: DOCX, XLSX, CSV and JSON files of the cards."""
