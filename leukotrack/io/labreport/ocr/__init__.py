"""Reading photos and scans of lab reports: load the picture, straighten and clean it, let an OCR
engine find the words, and hand them on as PageWords (method "ocr") to the same row reader the
PDF text path uses."""
