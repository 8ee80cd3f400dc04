"""Reading lab reports: words with positions (PDF text layer or OCR) -> lines -> columns -> rows
-> names and units through the domain -> cross-checks -> rows, some marked for review."""
