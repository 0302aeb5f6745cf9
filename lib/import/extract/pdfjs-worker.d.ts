// pdfjs-dist ships no types for its worker module; it is only handed to pdfjs as a whole.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
